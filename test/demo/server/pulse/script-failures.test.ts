import { describe, expect, it, vi } from 'vitest';
import { splitIntoChunks } from '../../../../demo/server/pulse/default-answer';
import { USER, api, chatBody, expectError, startChat, usePulse } from './harness';
import { blockReader, names, readSse } from './sse';

const ANSWER = 'one two three four five six seven eight nine ten';
const CHUNKS = splitIntoChunks(ANSWER);
const server = usePulse({ answer: async () => ({ text: ANSWER }), pingAfterMs: 40 });
const base = () => server().base;
const script = (mode: string) => api(base(), 'POST', '/__script', { key: null, body: { mode } });
const stream = async (body: Record<string, unknown> = {}) => readSse(await startChat(base(), chatBody(body)));
const saved = (conversationId: string) => server().pulse.state.conversations.get(conversationId)?.messages.at(-1);

describe('__script: queueing, and the modes that fail a turn', () => {
  it('1. pre-stream-error: a 400 JSON error instead of a stream, nothing created; the next request is normal', async () => {
    expect((await script('pre-stream-error')).json).toEqual({ pending: ['pre-stream-error'] });
    const reply = await api(base(), 'POST', '/chat-messages', { body: chatBody() });
    expectError(reply, 400, 'provider_quota_exceeded', expect.stringContaining('quota') as unknown as string);
    expect(server().pulse.state.conversations.size).toBe(0);
    expect(names(await stream()).at(-1)).toBe('message_end');
  });

  it('2. rate-limit: 429 too_many_requests, in blocking mode too', async () => {
    server().pulse.script('rate-limit');
    const reply = await api(base(), 'POST', '/chat-messages', { body: chatBody({ response_mode: 'blocking' }) });
    expectError(reply, 429, 'too_many_requests', 'Too many requests. Please try again later.');
  });

  it('3. scripts queue in order, and a rejected request does not use one up', async () => {
    await script('rate-limit');
    await script('pre-stream-error');
    expect((await api(base(), 'GET', '/__script', { key: null })).json).toEqual({ pending: ['rate-limit', 'pre-stream-error'] });
    expect((await api(base(), 'POST', '/chat-messages', { body: chatBody({ user: undefined }) })).status).toBe(400);
    expect((await api(base(), 'POST', '/chat-messages', { body: chatBody(), key: 'wrong' })).status).toBe(401);
    expect((await api(base(), 'POST', '/chat-messages', { body: chatBody() })).status).toBe(429);
    expect((await api(base(), 'POST', '/chat-messages', { body: chatBody() })).status).toBe(400);
    expect(server().pulse.state.scripts).toEqual([]);
  });

  it('4. an unknown mode is a 422 over HTTP and a RangeError in code', async () => {
    const reply = await script('explode');
    expect(reply.status).toBe(422);
    expect(reply.json.code).toBe('unprocessable_entity');
    expect(() => server().pulse.script('explode' as never)).toThrow(RangeError);
  });

  it('5. mid-stream-error: two deltas, then an error event without task_id; no message_end; saved as an error', async () => {
    await script('mid-stream-error');
    const read = await stream();
    expect(names(read)).toEqual(['message', 'message', 'error']);
    const error = read.events[2];
    expect(error).toEqual({
      event: 'error',
      conversation_id: read.events[0].conversation_id,
      message_id: read.events[0].message_id,
      created_at: read.events[0].created_at,
      status: 400,
      code: 'completion_request_error',
      message: '[openai] Rate limit reached for requests',
    });
    expect(read.error).toBeUndefined();
    expect(saved(error.conversation_id)).toMatchObject({ status: 'error', error: '[openai] Rate limit reached for requests', answer: CHUNKS.slice(0, 2).join('') });
  });

  it('6. abrupt-close: two deltas, then the connection breaks with no terminal event; the full answer is saved', async () => {
    await script('abrupt-close');
    const read = await stream();
    expect(names(read)).toEqual(['message', 'message']);
    expect(read.error).toBeInstanceOf(Error);
    expect(saved(read.events[0].conversation_id)).toMatchObject({ status: 'normal', answer: ANSWER });
  });

  it('7. ping-only: only `event: ping` blocks every ~200 ms until the client gives up', async () => {
    await script('ping-only');
    const controller = new AbortController();
    const res = await startChat(base(), chatBody(), { signal: controller.signal });
    const reader = blockReader(res);
    const started = performance.now();
    const blocks = [await reader.next(), await reader.next(), await reader.next()];
    const elapsed = performance.now() - started;
    expect(blocks).toEqual([{ kind: 'ping' }, { kind: 'ping' }, { kind: 'ping' }]);
    expect(elapsed).toBeGreaterThanOrEqual(500);
    controller.abort();
    await vi.waitFor(() => expect(server().pulse.state.tasks.size).toBe(0));
    const conversation = [...server().pulse.state.conversations.values()][0];
    expect(conversation?.messages[0]?.answer).toBe('');
  });

  it('8. ping-only stopped by the user ends with an empty message_end', async () => {
    await script('ping-only');
    const reader = blockReader(await startChat(base(), chatBody()));
    expect(await reader.next()).toEqual({ kind: 'ping' });
    const [task] = server().pulse.state.tasks.values();
    await api(base(), 'POST', `/chat-messages/${task?.id}/stop`, { body: { user: USER } });
    let end = await reader.next();
    // A ping may already be on its way when the stop lands.
    while (end?.kind === 'ping') end = await reader.next();
    expect(end).toMatchObject({ kind: 'data', event: { event: 'message_end', metadata: { usage: { completion_tokens: 0 } } } });
    expect(await reader.next()).toBeUndefined();
  });

  it('9. blocking: replace gives the moderated answer, mid-stream-error a JSON error, abrupt-close a dropped socket', async () => {
    await script('replace');
    const replaced = await api(base(), 'POST', '/chat-messages', { body: chatBody({ response_mode: 'blocking' }) });
    expect(replaced.json.answer).toBe("Sorry, I can't help with that.");
    await script('mid-stream-error');
    const failed = await api(base(), 'POST', '/chat-messages', { body: chatBody({ response_mode: 'blocking' }) });
    expectError(failed, 400, 'completion_request_error', '[openai] Rate limit reached for requests');
    await script('abrupt-close');
    await expect(api(base(), 'POST', '/chat-messages', { body: chatBody({ response_mode: 'blocking' }) })).rejects.toThrow(TypeError);
    await script('agent');
    const plain = await api(base(), 'POST', '/chat-messages', { body: chatBody({ response_mode: 'blocking' }) });
    expect(plain.json.answer).toBe(ANSWER);
    const messages = [...server().pulse.state.conversations.values()].flatMap((c) => c.messages);
    expect(messages.map((m) => [m.status, m.answer])).toEqual([
      ['normal', "Sorry, I can't help with that."],
      ['error', ''],
      ['normal', ANSWER],
      ['normal', ANSWER],
    ]);
  });
});
