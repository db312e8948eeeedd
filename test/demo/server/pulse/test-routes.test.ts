import { describe, expect, it } from 'vitest';
import { createFaults } from '../../../../demo/server/faults';
import { createPulseServer } from '../../../../demo/server/pulse/create-pulse-server';
import { USER, api, blockingTurn, chatBody, expectError, startChat, startPulse, usePulse } from './harness';
import { names, readSse } from './sse';

const server = usePulse();
const base = () => server().base;
const control = (method: string, path: string, body?: unknown) => api(base(), method, path, { key: null, body });

describe('faults (shared with the other reference servers)', () => {
  it('1. failNext over __faults answers the next chat requests with the status and Retry-After, before auth', async () => {
    const set = await control('POST', '/__faults', { failNext: { count: 2, status: 503, retryAfter: '2', body: { code: 'unavailable', message: 'down', status: 503 } } });
    expect(set.json.failNext).toEqual([{ count: 2, status: 503, retryAfter: '2', body: { code: 'unavailable', message: 'down', status: 503 } }]);
    const first = await api(base(), 'POST', '/chat-messages', { body: chatBody(), key: null });
    expect([first.status, first.headers.get('retry-after'), first.json]).toEqual([503, '2', { code: 'unavailable', message: 'down', status: 503 }]);
    expect((await api(base(), 'GET', '/unknown')).status).toBe(503);
    expect(names(await readSse(await startChat(base(), chatBody()))).at(-1)).toBe('message_end');
  });

  it('2. a failNext without a body answers in PulseAI\'s own error shape (§3)', async () => {
    server().pulse.faults.failNext(1, { status: 500 });
    const reply = await api(base(), 'GET', '/info');
    expect(reply.status).toBe(500);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.json).toEqual({ code: 'internal_server_error', message: 'Injected fault (failNext).', status: 500 });
  });

  it('3. dropNext destroys the socket; delayNext delays the request', async () => {
    await control('POST', '/__faults', { dropNext: 1, delayNext: { count: 1, ms: 120 } });
    const started = performance.now();
    await expect(api(base(), 'GET', '/info')).rejects.toThrow(TypeError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect((await api(base(), 'GET', '/info')).status).toBe(200);
  });

  it('4. the faults option shares one set between servers; test routes are never faulted', async () => {
    const faults = createFaults();
    const a = await startPulse({ faults });
    const other = createPulseServer({ faults });
    try {
      expect(a.pulse.faults).toBe(faults);
      expect(other.faults).toBe(faults);
      faults.failNext(1, { status: 429, retryAfter: 1, body: { code: 'too_many_requests', message: 'slow down', status: 429 } });
      expect((await api(a.base, 'GET', '/__stats', { key: null })).status).toBe(200);
      const reply = await api(a.base, 'GET', '/parameters');
      expectError(reply, 429, 'too_many_requests', 'slow down');
      expect(faults.snapshot().failNext).toEqual([]);
    } finally {
      await a.close();
    }
  });

  it('5. an invalid fault is a 422 in the §3 error shape; DELETE clears them', async () => {
    const bad = await control('POST', '/__faults', { failnext: 1 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json).sort()).toEqual(['code', 'message', 'status']);
    expect(bad.json.code).toBe('unprocessable_entity');
    await control('POST', '/__faults', { delayMs: 10 });
    expect((await control('DELETE', '/__faults')).json.delayMs).toBe(0);
  });
});

describe('__stats, __state, __reset', () => {
  it('6. __stats counts API requests by route pattern and status, including dropped ones; test routes are not counted', async () => {
    const turn = await blockingTurn(base());
    await api(base(), 'GET', `/messages/${turn.message_id}/suggested?user=${USER}`);
    await api(base(), 'GET', '/nope');
    await api(base(), 'GET', '/info', { key: 'wrong' });
    await control('GET', '/__state');
    const stats = (await control('GET', '/__stats')).json;
    expect(stats).toEqual({
      requests: 4,
      byRoute: { 'POST /chat-messages': 1, 'GET /messages/{message_id}/suggested': 1, 'GET (unknown route)': 1, 'GET /info': 1 },
      byStatus: { '200': 2, '404': 1, '401': 1 },
    });
  });

  it('7. __state shows conversations with their messages, feedback, running tasks, scripts and the last signature', async () => {
    const turn = await blockingTurn(base(), { query: 'hello' });
    await api(base(), 'POST', `/messages/${turn.message_id}/feedbacks`, { body: { user: USER, rating: 'like' }, headers: { 'X-Signature': 'sig' } });
    server().pulse.script('tts');
    const state = (await control('GET', '/__state')).json;
    expect(Object.keys(state)).toEqual(['conversations', 'feedback', 'tasks', 'scripts', 'lastSignature']);
    expect(state.conversations).toEqual([
      expect.objectContaining({
        id: turn.conversation_id,
        user: USER,
        name: 'hello',
        messages: [expect.objectContaining({ id: turn.message_id, query: 'hello', feedback: { rating: 'like', content: null, updated_at: 1767225600 } })],
      }),
    ]);
    expect(state.conversations[0].messages[0].usage.total_price).toMatch(/^\d+\.\d{7}$/);
    expect(state.feedback).toEqual([expect.objectContaining({ message_id: turn.message_id, rating: 'like' })]);
    expect(state.tasks).toEqual([]);
    expect(state.scripts).toEqual(['tts']);
    expect(state.lastSignature).toMatchObject({ method: 'POST', signature: 'sig', timestamp: null });
  });

  it('8. __reset clears state, scripts, stats and faults', async () => {
    await blockingTurn(base());
    server().pulse.script('agent');
    server().pulse.faults.delay(5);
    expect((await control('POST', '/__reset')).json).toEqual({ result: 'success' });
    const state = (await control('GET', '/__state')).json;
    expect(state).toEqual({ conversations: [], feedback: [], tasks: [], scripts: [], lastSignature: null });
    expect((await control('GET', '/__stats')).json.requests).toBe(0);
    expect(server().pulse.faults.snapshot().delayMs).toBe(0);
  });

  it('9. test routes refuse other methods with 405; testRoutes: false turns them off', async () => {
    const wrong = await control('DELETE', '/__state');
    expectError(wrong, 405, 'method_not_allowed', 'DELETE is not allowed here; use GET.');
    expect(wrong.headers.get('allow')).toBe('GET');
    const off = await startPulse({ testRoutes: false });
    try {
      expect((await api(off.base, 'GET', '/__state', { key: null })).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
