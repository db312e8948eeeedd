import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { splitIntoChunks } from '../../../../demo/server/pulse/default-answer';
import { countTokens } from '../../../../demo/server/pulse/usage';
import { NOW_SECONDS, UUID, chatBody, startChat, startPulse, usePulse } from './harness';
import { derivedAnswer, names, readSse } from './sse';

const SOURCES = [
  { title: 'embedding.md', content: 'Add one script tag.', score: 0.91 },
  { title: 'install.md', content: 'npm install confab', score: 0.42 },
];
const ANSWER = 'Add the **script tag** to your page.\n\n- then set `data-provider`\n- and reload the page';
const answer = vi.fn(async () => ({ text: ANSWER, sources: SOURCES }));
const server = usePulse({ answer });
const base = () => server().base;

describe('POST /chat-messages, streaming (§5)', () => {
  it('1. frames every event as one data line with the full envelope, deltas of a few words, then message_end', async () => {
    const read = await readSse(await startChat(base(), chatBody()));
    expect(read.rest).toBe('');
    expect(read.raw.endsWith('\n\n')).toBe(true);
    expect(read.blocks.every((b) => b.kind === 'data')).toBe(true);
    const chunks = splitIntoChunks(ANSWER);
    expect(names(read)).toEqual([...chunks.map(() => 'message'), 'message_end']);
    const first = read.events[0];
    expect(first.conversation_id).toMatch(UUID);
    expect(first.message_id).toMatch(UUID);
    expect(first.task_id).toMatch(UUID);
    expect(new Set([first.conversation_id, first.message_id, first.task_id]).size).toBe(3);
    for (const [i, event] of read.events.entries()) {
      expect(Object.keys(event).slice(0, 6)).toEqual(['event', 'conversation_id', 'message_id', 'created_at', 'task_id', 'id']);
      expect(event).toMatchObject({ conversation_id: first.conversation_id, message_id: first.message_id, task_id: first.task_id, id: first.message_id });
      expect(event.created_at).toBe(NOW_SECONDS);
      if (event.event === 'message') {
        expect(event.answer).toBe(chunks[i]);
        expect(event.answer.trim().split(/\s+/).length).toBeLessThanOrEqual(3);
      }
    }
    expect(derivedAnswer(read)).toBe(ANSWER);
    // The raw text carries the escaped newline, never a raw one inside a data line.
    expect(read.raw).toContain('page.\\n\\n- then');
  });

  it('2. message_end carries the usage (integer tokens, decimal-string money) and the sources as retriever_resources', async () => {
    const read = await readSse(await startChat(base(), chatBody()));
    const end = read.events.at(-1);
    expect(Object.keys(end)).toEqual(['event', 'conversation_id', 'message_id', 'created_at', 'task_id', 'id', 'metadata']);
    const usage = end.metadata.usage;
    const promptTokens = 48 + countTokens('How do I embed confab?');
    const completionTokens = countTokens(ANSWER);
    expect(usage).toMatchObject({
      prompt_tokens: promptTokens,
      prompt_unit_price: '0.001',
      prompt_price_unit: '0.001',
      prompt_price: (promptTokens * 0.000001).toFixed(7),
      completion_tokens: completionTokens,
      completion_unit_price: '0.002',
      completion_price_unit: '0.001',
      completion_price: (completionTokens * 0.000002).toFixed(7),
      total_tokens: promptTokens + completionTokens,
      total_price: (promptTokens * 0.000001 + completionTokens * 0.000002).toFixed(7),
      currency: 'USD',
    });
    for (const key of ['latency', 'time_to_first_token', 'time_to_generate']) expect(typeof usage[key]).toBe('number');
    expect(end.metadata.retriever_resources).toEqual(
      SOURCES.map((s, i) => ({
        position: i + 1,
        dataset_id: expect.stringMatching(UUID),
        dataset_name: 'confab knowledge',
        document_id: expect.stringMatching(UUID),
        document_name: s.title,
        segment_id: expect.stringMatching(UUID),
        score: s.score,
        content: s.content,
      })),
    );
    const [a, b] = end.metadata.retriever_resources;
    expect(a.dataset_id).toBe(b.dataset_id);
    expect(a.document_id).not.toBe(b.document_id);
  });

  it('3. a slow answerer gets keep-alive pings before the first payload event, none after', async () => {
    const slow = await startPulse({ pingAfterMs: 40, answer: async () => (await sleep(150), { text: 'late but here' }) });
    try {
      const read = await readSse(await startChat(slow.base, chatBody()));
      const firstData = read.blocks.findIndex((b) => b.kind === 'data');
      expect(firstData).toBeGreaterThanOrEqual(2);
      expect(read.blocks.slice(0, firstData).every((b) => b.kind === 'ping')).toBe(true);
      expect(read.blocks.slice(firstData).some((b) => b.kind === 'ping')).toBe(false);
      expect(read.raw.startsWith('event: ping\n\nevent: ping\n\n')).toBe(true);
      expect(derivedAnswer(read)).toBe('late but here');
    } finally {
      await slow.close();
    }
  });

  it('4. non-ASCII text arrives as UTF-8 inside one-line JSON', async () => {
    const unicode = await startPulse({ answer: async () => ({ text: 'Grüße 👋\nnächste Zeile' }) });
    try {
      const read = await readSse(await startChat(unicode.base, chatBody()));
      expect(derivedAnswer(read)).toBe('Grüße 👋\nnächste Zeile');
      expect(read.raw).toContain('Grüße 👋\\nnächste');
    } finally {
      await unicode.close();
    }
  });

  it('5. an answerer that throws becomes an error event without task_id, and the turn is saved as failed', async () => {
    const broken = await startPulse({ answer: () => Promise.reject(new Error('boom')) });
    try {
      const read = await readSse(await startChat(broken.base, chatBody()));
      expect(names(read)).toEqual(['error']);
      const error = read.events[0];
      expect(error).toEqual({
        event: 'error',
        conversation_id: expect.stringMatching(UUID),
        message_id: expect.stringMatching(UUID),
        created_at: NOW_SECONDS,
        status: 500,
        code: 'internal_server_error',
        message: 'Internal Server Error, please contact support.',
      });
      const saved = broken.pulse.state.conversations.get(error.conversation_id)?.messages[0];
      expect(saved).toMatchObject({ status: 'error', error: 'Internal Server Error, please contact support.', answer: '' });
    } finally {
      await broken.close();
    }
  });
});
