import { describe, expect, it, vi } from 'vitest';
import { defaultAnswer } from '../../../../demo/server/pulse/default-answer';
import { countTokens } from '../../../../demo/server/pulse/usage';
import { USER, api, chatBody, startChat, startPulse, usePulse } from './harness';
import { blockReader } from './sse';

const server = usePulse();
const base = () => server().base;

/** The default answer to the default query, which every test here streams. */
const FULL = async () => (await defaultAnswer('How do I embed confab?', [])).text;

describe('POST /chat-messages/{task_id}/stop (§6), and clients that leave', () => {
  it('1. stop from the same user ends the stream with message_end for the partial answer, which is saved', async () => {
    const slow = await startPulse({ tokenDelayMs: 40 });
    try {
      const reader = blockReader(await startChat(slow.base, chatBody()));
      const first = await reader.next();
      if (first?.kind !== 'data') throw new Error('expected a data block');
      const { task_id: taskId, conversation_id: conversationId, message_id: messageId } = first.event;
      expect(slow.pulse.state.tasks.get(taskId)?.stopped).toBe(false);
      const stop = await api(slow.base, 'POST', `/chat-messages/${taskId}/stop`, { body: { user: USER } });
      expect(stop.status).toBe(200);
      expect(stop.json).toEqual({ result: 'success' });
      const rest = [];
      for (let block = await reader.next(); block; block = await reader.next()) if (block.kind === 'data') rest.push(block.event);
      const end = rest.at(-1);
      expect(end.event).toBe('message_end');
      const partial = [first.event, ...rest].filter((e) => e.event === 'message').map((e) => e.answer).join('');
      const full = await FULL();
      expect(partial.length).toBeGreaterThan(0);
      expect(full.startsWith(partial)).toBe(true);
      expect(partial.length).toBeLessThan(full.length);
      expect(end.metadata.usage.completion_tokens).toBe(countTokens(partial));
      const history = await api(slow.base, 'GET', `/messages?user=${USER}&conversation_id=${conversationId}`);
      expect(history.json.data).toEqual([expect.objectContaining({ id: messageId, answer: partial, status: 'normal' })]);
      expect(slow.pulse.state.tasks.size).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('2. stop from another user, or for an unknown task, answers success and changes nothing', async () => {
    const slow = await startPulse({ tokenDelayMs: 15 });
    try {
      const res = await startChat(slow.base, chatBody());
      const reader = blockReader(res);
      const first = await reader.next();
      if (first?.kind !== 'data') throw new Error('expected a data block');
      const other = await api(slow.base, 'POST', `/chat-messages/${first.event.task_id}/stop`, { body: { user: 'intruder' } });
      expect(other.json).toEqual({ result: 'success' });
      const unknown = await api(slow.base, 'POST', '/chat-messages/not-a-task/stop', { body: { user: USER } });
      expect([unknown.status, unknown.json]).toEqual([200, { result: 'success' }]);
      let text = first.event.answer as string;
      for (let block = await reader.next(); block; block = await reader.next()) {
        if (block.kind === 'data' && block.event.event === 'message') text += block.event.answer;
      }
      expect(text).toBe(await FULL());
    } finally {
      await slow.close();
    }
  });

  it('3. stop without a user is a 400 invalid_param', async () => {
    const reply = await api(base(), 'POST', '/chat-messages/9714535b-615e-4ed4-bb63-888e3eda439d/stop', { body: {} });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ code: 'invalid_param', message: 'user is required', status: 400, params: 'user' });
  });

  it('4. a client that goes away mid-stream: the backend finishes and saves the full answer', async () => {
    const slow = await startPulse({ tokenDelayMs: 20 });
    try {
      const controller = new AbortController();
      const reader = blockReader(await startChat(slow.base, chatBody(), { signal: controller.signal }));
      const first = await reader.next();
      if (first?.kind !== 'data') throw new Error('expected a data block');
      controller.abort();
      await vi.waitFor(() => expect(slow.pulse.state.tasks.size).toBe(0));
      const saved = slow.pulse.state.conversations.get(first.event.conversation_id)?.messages[0];
      expect(saved?.answer).toBe(await FULL());
      expect(slow.pulse.stats.snapshot().byStatus).toEqual({ dropped: 1 });
    } finally {
      await slow.close();
    }
  });
});
