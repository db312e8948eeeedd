import { describe, expect, it } from 'vitest';
import { defaultAnswer, splitIntoChunks } from '../../../../demo/server/pulse/default-answer';
import { IGNORED_TEXT } from '../../../../demo/server/pulse/unknown-events-mode';
import { USER, UUID, api, chatBody, startChat, startPulse, usePulse } from './harness';
import { blockReader, derivedAnswer, names, readSse } from './sse';

const ANSWER = 'one two three four five six seven eight nine ten';
const CHUNKS = splitIntoChunks(ANSWER);
const server = usePulse({ answer: async () => ({ text: ANSWER }), pingAfterMs: 40 });
const base = () => server().base;
const script = (mode: string) => api(base(), 'POST', '/__script', { key: null, body: { mode } });
const stream = async (body: Record<string, unknown> = {}) => readSse(await startChat(base(), chatBody(body)));
const saved = (conversationId: string) => server().pulse.state.conversations.get(conversationId)?.messages.at(-1);
const times = (n: number, name: string) => Array.from({ length: n }, () => name);

describe('__script: the modes that change the shape of a stream', () => {
  it('1. replace: deltas, message_replace (output_moderation), message_end; the replacement is saved', async () => {
    await script('replace');
    const read = await stream();
    expect(names(read)).toEqual([...times(CHUNKS.length, 'message'), 'message_replace', 'message_end']);
    expect(read.events.at(-2)).toMatchObject({ answer: "Sorry, I can't help with that.", reason: 'output_moderation', task_id: expect.stringMatching(UUID) });
    expect(derivedAnswer(read)).toBe("Sorry, I can't help with that.");
    expect(saved(read.events[0].conversation_id)?.answer).toBe("Sorry, I can't help with that.");
  });

  it('2. agent: agent_thought twice under one id, message_file, agent_message deltas, message_end; history holds them', async () => {
    await script('agent');
    const read = await stream();
    expect(names(read)).toEqual(['agent_thought', 'message_file', 'agent_thought', ...times(CHUNKS.length, 'agent_message'), 'message_end']);
    const [before, file, after] = read.events;
    expect(before.id).toMatch(UUID);
    expect(after.id).toBe(before.id);
    expect(before).toMatchObject({ position: 1, tool: 'web_search', observation: '', message_files: [] });
    expect(JSON.parse(before.tool_input)).toEqual({ web_search: { query: 'How do I embed confab?' } });
    expect(file).toMatchObject({ type: 'image', belongs_to: 'assistant', url: `https://files.example/tools/${file.id}.png` });
    expect(after).toMatchObject({ observation: 'Found 1 page and drew a diagram.', message_files: [file.id] });
    expect(derivedAnswer(read)).toBe(ANSWER);
    const history = await api(base(), 'GET', `/messages?user=${USER}&conversation_id=${before.conversation_id}`);
    const [message] = history.json.data;
    expect(message.agent_thoughts).toEqual([expect.objectContaining({ id: before.id, observation: 'Found 1 page and drew a diagram.', files: [file.id] })]);
    expect(message.message_files).toEqual([expect.objectContaining({ id: file.id, belongs_to: 'assistant', type: 'image' })]);
  });

  it('3. chatflow: workflow_started, node_started, deltas, node_finished, workflow_finished, message_end', async () => {
    await script('chatflow');
    const read = await stream();
    expect(names(read)).toEqual(['workflow_started', 'node_started', ...times(CHUNKS.length, 'message'), 'node_finished', 'workflow_finished', 'message_end']);
    const runId = read.events[0].workflow_run_id;
    expect(runId).toMatch(UUID);
    for (const e of read.events.filter((x) => x.event.startsWith('workflow_') || x.event.startsWith('node_'))) {
      expect(e.workflow_run_id).toBe(runId);
      expect(e.task_id).toMatch(UUID);
    }
    expect(read.events[0].data).toMatchObject({ id: runId, inputs: { 'sys.query': 'How do I embed confab?', 'sys.user_id': USER } });
    expect(read.events[1].data.id).toBe(read.events.at(-3).data.id);
    expect(read.events.at(-3).data).toMatchObject({ status: 'succeeded', outputs: { text: ANSWER } });
    expect(read.events.at(-2).data).toMatchObject({ id: runId, status: 'succeeded', outputs: { answer: ANSWER }, error: null });
    expect(read.events[2].from_variable_selector).toEqual(['llm', 'text']);
    expect(read.events.at(-1).files).toEqual([]);
  });

  it('4. chatflow stopped: workflow_finished with status stopped, then message_end', async () => {
    const slow = await startPulse({ tokenDelayMs: 30 });
    try {
      slow.pulse.script('chatflow');
      const reader = blockReader(await startChat(slow.base, chatBody()));
      const started = await reader.next();
      if (started?.kind !== 'data') throw new Error('expected a data block');
      await api(slow.base, 'POST', `/chat-messages/${started.event.task_id}/stop`, { body: { user: USER } });
      const rest = [];
      for (let block = await reader.next(); block; block = await reader.next()) if (block.kind === 'data') rest.push(block.event);
      expect(rest.slice(-2).map((e) => e.event)).toEqual(['workflow_finished', 'message_end']);
      expect(rest.at(-2).data).toMatchObject({ status: 'stopped', error: 'Stopped by user.' });
      expect(rest.some((e) => e.event === 'node_finished')).toBe(false);
    } finally {
      await slow.close();
    }
  });

  it('5. tts: a tts_message after each delta, message_end, then tts_message_end last', async () => {
    await script('tts');
    const read = await stream();
    expect(names(read)).toEqual([...CHUNKS.flatMap(() => ['message', 'tts_message']), 'message_end', 'tts_message_end']);
    const audio = read.events.find((e) => e.event === 'tts_message');
    expect(Buffer.from(audio.audio, 'base64').subarray(0, 3).toString()).toBe('ID3');
    expect(read.events.at(-1)).toMatchObject({ audio: '', task_id: expect.stringMatching(UUID) });
    expect(derivedAnswer(read)).toBe(ANSWER);
  });

  it('6. slow-first-token: pings (pingAfterMs 40, first token after 100 ms), then the normal stream', async () => {
    await script('slow-first-token');
    const read = await stream();
    const firstData = read.blocks.findIndex((b) => b.kind === 'data');
    // Two by the clock; on a loaded machine one more may slip in, or a late wake-up may run one
    // interval tick where two were due (Node coalesces them). Never a ping after the first delta.
    expect(firstData).toBeGreaterThanOrEqual(1);
    expect(read.blocks.slice(0, firstData).every((b) => b.kind === 'ping')).toBe(true);
    expect(read.blocks.slice(firstData).some((b) => b.kind === 'ping')).toBe(false);
    expect(names(read)).toEqual([...times(CHUNKS.length, 'message'), 'message_end']);
  });

  it('7. unknown-events: ignorable events, a data ping and a comment around a normal answer', async () => {
    await script('unknown-events');
    const read = await stream();
    expect(read.blocks[1]).toEqual({ kind: 'comment', text: 'a comment line, which clients skip' });
    expect(names(read)).toEqual([
      'reasoning_chunk',
      'ping',
      'node_retry',
      'message',
      'iteration_started',
      'agent_log',
      'text_chunk',
      ...times(CHUNKS.length - 1, 'message'),
      'reasoning_chunk',
      'message_end',
    ]);
    for (const e of read.events) expect(e).toMatchObject({ conversation_id: expect.stringMatching(UUID), task_id: expect.stringMatching(UUID) });
    expect(read.events.find((e) => e.event === 'text_chunk').data.text).toBe(IGNORED_TEXT);
    expect(derivedAnswer(read)).toBe(ANSWER);
  });

  it('8. no-trailing-blank-line: the final message_end ends with one newline, not a blank line', async () => {
    await script('no-trailing-blank-line');
    const read = await stream();
    expect(read.raw.endsWith('}\n')).toBe(true);
    expect(read.raw.endsWith('\n\n')).toBe(false);
    expect(names(read)).toEqual(times(CHUNKS.length, 'message'));
    expect(read.rest.startsWith('data: {"event":"message_end"')).toBe(true);
    expect(JSON.parse(read.rest.slice('data: '.length))).toMatchObject({ event: 'message_end', id: read.events[0].message_id });
  });

  it('9. the default answerer streams through every mode too', async () => {
    const plain = await startPulse();
    try {
      plain.pulse.script('replace');
      const read = await readSse(await startChat(plain.base, chatBody()));
      const full = (await defaultAnswer('How do I embed confab?', [])).text;
      expect(read.events.filter((e) => e.event === 'message').map((e) => e.answer).join('')).toBe(full);
    } finally {
      await plain.close();
    }
  });
});
