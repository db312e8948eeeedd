// The request log (`GET __log`): every applied write, in the order it took effect.
import { describe, expect, it } from 'vitest';
import { call, expectProblem, openaiConversation, useBackend, WEB_KEY } from './fixtures';

const backend = useBackend();
const base = (): string => backend().analytics.baseUrl;
const writes = async (after?: number) => (await call(base(), 'GET', `/__log${after === undefined ? '' : `?after=${after}`}`, { key: null })).json.writes;

describe('the request log', () => {
  it('1. records each applied write with its route, ids, version marker, message ids, time and request id', async () => {
    const logged = await call(base(), 'POST', '/conversations', { key: WEB_KEY, body: openaiConversation({ id: 'c1', properties: { version: 3 } }) });
    await call(base(), 'POST', '/feedback', { body: { type: 'positive', messageId: 'm2', properties: { version: 'b' } } });
    await call(base(), 'POST', '/feedback', { body: { id: 'fb_x', type: 'negative', messageId: 'nowhere' } });
    await call(base(), 'POST', '/events', { body: { id: 'e1', type: 'opened', entityType: 'conversation', conversationId: 'c1' } });
    await call(base(), 'POST', '/events', { body: { id: 'e2', type: 'copied', entityType: 'message', messageId: 'm2' } });
    await call(base(), 'DELETE', '/feedback/fb_x');
    await call(base(), 'DELETE', '/conversations/c1');

    const log = await writes();
    expect(log.map(({ seq, method, route, id, conversationId, version, messageIds, fault }: Record<string, unknown>) => ({ seq, method, route, id, conversationId, version, messageIds, fault }))).toEqual([
      { seq: 1, method: 'POST', route: 'POST /conversations', id: 'c1', conversationId: 'c1', version: 3, messageIds: ['m1', 'm2'], fault: null },
      { seq: 2, method: 'POST', route: 'POST /feedback', id: expect.stringMatching(/^fb_/), conversationId: 'c1', version: 'b', messageIds: ['m2'], fault: null },
      { seq: 3, method: 'POST', route: 'POST /feedback', id: 'fb_x', conversationId: null, version: null, messageIds: ['nowhere'], fault: null },
      { seq: 4, method: 'POST', route: 'POST /events', id: 'e1', conversationId: 'c1', version: null, messageIds: [], fault: null },
      { seq: 5, method: 'POST', route: 'POST /events', id: 'e2', conversationId: null, version: null, messageIds: ['m2'], fault: null },
      { seq: 6, method: 'DELETE', route: 'DELETE /feedback/{id}', id: 'fb_x', conversationId: null, version: null, messageIds: ['nowhere'], fault: null },
      { seq: 7, method: 'DELETE', route: 'DELETE /conversations/{id}', id: 'c1', conversationId: 'c1', version: null, messageIds: ['m1', 'm2'], fault: null },
    ]);
    expect(log[0].requestId).toBe(logged.headers.get('x-request-id'));
    // Without faults, requests take effect in the order they arrive.
    expect(log.map((write: { received: number }) => write.received)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const times = log.map((write: { at: string }) => Date.parse(write.at));
    expect(times.every((time: number, index: number) => Number.isFinite(time) && time >= (times[index - 1] ?? 0))).toBe(true);
    expect(log.every((write: { at: string; receivedAt: string }) => Date.parse(write.receivedAt) <= Date.parse(write.at))).toBe(true);
  });

  it('2. a re-sent event is logged again (the request was taken), though the stored event does not change', async () => {
    const event = { id: 'e1', type: 'opened', entityType: 'conversation', conversationId: 'c1' };
    await call(base(), 'POST', '/events', { body: event });
    await call(base(), 'POST', '/events', { body: event });
    expect((await writes()).map((write: { id: string }) => write.id)).toEqual(['e1', 'e1']);
    expect(backend().analytics.state.events.size).toBe(1);
  });

  it('3. refused, faulted, dropped requests and reads are not logged, but count as arrivals', async () => {
    const { faults } = backend().analytics;
    await call(base(), 'POST', '/conversations', { body: { type: 'openai', messages: [] } });
    await call(base(), 'DELETE', '/conversations/unknown');
    faults.failNext(1, { status: 503 });
    await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'c1' }) });
    faults.dropNext(1);
    await expect(call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'c1' }) })).rejects.toThrow(TypeError);
    await call(base(), 'GET', '/conversations');
    expect(await writes()).toEqual([]);
    await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'c1' }) });
    expect((await writes()).map((write: { received: number }) => write.received)).toEqual([6]);
  });

  it('4. `after` returns only the later writes; __reset clears the log', async () => {
    for (const id of ['c1', 'c2', 'c3']) await call(base(), 'POST', '/conversations', { body: openaiConversation({ id }) });
    expect((await writes(2)).map((write: { id: string }) => write.id)).toEqual(['c3']);
    expect(await writes(3)).toEqual([]);
    await call(base(), 'POST', '/__reset', { key: null });
    expect(await writes()).toEqual([]);
  });

  it.each([
    ['a negative after', '/__log?after=-1', 400, 'bad_request', 'Bad Request'],
    ['a POST', '/__log', 405, 'method_not_allowed', 'Method Not Allowed'],
  ])('5. %s is refused', async (_name, path, status, code, title) => {
    const reply = await call(base(), path === '/__log' ? 'POST' : 'GET', path, { key: null });
    expectProblem(reply, status, code, title, '/api/analytics/__log');
  });
});
