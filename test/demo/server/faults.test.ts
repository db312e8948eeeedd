import { describe, expect, it } from 'vitest';
import { createFaults, mulberry32 } from '../../../demo/server/faults';
import { call, expectProblem, openaiConversation, useBackend } from './fixtures';

const backend = useBackend();
const base = (): string => backend().analytics.baseUrl;
const setFaults = (body: unknown) => call(base(), 'POST', '/__faults', { key: null, body });

describe('fault controls over HTTP (__faults)', () => {
  it('1. failNext answers the next N requests with the status, Retry-After and a problem body', async () => {
    const set = await setFaults({ failNext: { count: 2, status: 503, retryAfter: '2' } });
    expect(set.status).toBe(200);
    expect(set.json.failNext).toEqual([{ count: 2, status: 503, retryAfter: '2' }]);
    for (let i = 0; i < 2; i += 1) {
      const reply = await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'c1' }) });
      expectProblem(reply, 503, 'service_unavailable', 'Service Unavailable', '/api/analytics/conversations');
      expect(reply.headers.get('retry-after')).toBe('2');
      expect(reply.json.detail).toBe('Injected fault (failNext).');
    }
    const third = await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'c1' }) });
    expect(third.status).toBe(200);
    expect(backend().analytics.state.conversations.size).toBe(1);
  });

  it('2. failNext runs before auth and routing, and queues in order; a custom body is sent as is', async () => {
    await setFaults({ failNext: { count: 1, status: 429, retryAfter: 1, body: { message: 'slow down' } } });
    await setFaults({ failNext: { count: 1, status: 502, body: 'upstream down' } });
    const first = await call(base(), 'GET', '/unknown-route', { key: null });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.json).toEqual({ message: 'slow down' });
    const second = await fetch(`${base()}/conversations`);
    expect(second.status).toBe(502);
    expect(second.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await second.text()).toBe('upstream down');
    expect((await call(base(), 'GET', '/unknown-route', { key: null })).status).toBe(404);
  });

  it('3. dropNext destroys the socket: fetch rejects with a network error', async () => {
    await setFaults({ dropNext: 1 });
    await expect(call(base(), 'POST', '/conversations', { body: openaiConversation() })).rejects.toThrow(TypeError);
    const after = await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'c2' }) });
    expect(after.status).toBe(200);
  });

  it('4. delayMs delays every request; delayNext only the next ones', async () => {
    await setFaults({ delayMs: 150 });
    for (let i = 0; i < 2; i += 1) {
      const started = performance.now();
      expect((await call(base(), 'GET', '/conversations')).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    }
    await setFaults({ delayMs: 0, delayNext: { count: 1, ms: 200 } });
    let started = performance.now();
    await call(base(), 'GET', '/conversations');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    started = performance.now();
    await call(base(), 'GET', '/conversations');
    expect(performance.now() - started).toBeLessThan(150);
  });

  it('5. failRate is deterministic for a seed and follows mulberry32', async () => {
    const run = async (): Promise<number[]> => {
      await setFaults({ failRate: { rate: 0.3, status: 503, seed: 7 } });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i += 1) statuses.push((await call(base(), 'GET', '/conversations')).status);
      await call(base(), 'DELETE', '/__faults', { key: null });
      return statuses;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    const draw = mulberry32(7);
    const expected = Array.from({ length: 30 }, () => (draw() < 0.3 ? 503 : 200));
    expect(first).toEqual(expected);
    const failures = first.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(30);
  });

  it('6. GET shows pending faults, DELETE clears them all', async () => {
    await setFaults({
      failNext: { count: 3, status: 500 },
      dropNext: 2,
      delayMs: 10,
      delayNext: { count: 1, ms: 20 },
      failRate: { rate: 0.5, status: 503, seed: 1 },
      resetAfterNext: 4,
      holdNext: { count: 2, ms: 30 },
      mix: { rate: 0.3, seed: 9, weights: { late: 0 }, lateMs: { min: 5, max: 6 } },
    });
    const pending = await call(base(), 'GET', '/__faults', { key: null });
    expect(pending.json).toEqual({
      failNext: [{ count: 3, status: 500 }],
      dropNext: 2,
      delayMs: 10,
      delayNext: [{ count: 1, ms: 20 }],
      failRate: { rate: 0.5, status: 503, seed: 1 },
      resetAfterNext: 4,
      holdNext: [{ count: 2, ms: 30 }],
      mix: {
        rate: 0.3,
        seed: 9,
        weights: { serverError: 1, rateLimited: 1, resetBefore: 1, resetAfter: 1, slow: 1, late: 0 },
        statuses: [500, 502, 503, 504],
        retryAfter: 1,
        slowMs: { min: 100, max: 1_000 },
        lateMs: { min: 5, max: 6 },
        requests: 0,
        injected: { serverError: 0, rateLimited: 0, resetBefore: 0, resetAfter: 0, slow: 0, late: 0 },
      },
      held: 0,
    });
    const cleared = await call(base(), 'DELETE', '/__faults', { key: null });
    expect(cleared.json).toEqual({ failNext: [], dropNext: 0, delayMs: 0, delayNext: [], failRate: null, resetAfterNext: 0, holdNext: [], mix: null, held: 0 });
    expect((await call(base(), 'GET', '/conversations')).status).toBe(200);
  });

  it('7. test routes are never faulted', async () => {
    await setFaults({ failNext: { count: 1, status: 503 }, dropNext: 1 });
    expect((await call(base(), 'GET', '/__stats', { key: null })).status).toBe(200);
    expect((await call(base(), 'GET', '/__state', { key: null })).status).toBe(200);
    expect((await call(base(), 'GET', '/__faults', { key: null })).json.dropNext).toBe(1);
  });

  it.each([
    ['an unknown control', { failnext: { count: 1, status: 503 } }, 'Unrecognized key'],
    ['a status out of range', { failNext: { count: 1, status: 99 } }, 'failNext.status'],
    ['a rate above 1', { failRate: { rate: 2, status: 503, seed: 1 } }, 'failRate.rate'],
    ['a negative delay', { delayMs: -5 }, 'delayMs'],
  ])('8. 422 for %s', async (_name, body, text) => {
    const reply = await setFaults(body);
    expectProblem(reply, 422, 'unprocessable_entity', 'Unprocessable Entity', '/api/analytics/__faults');
    expect(reply.json.detail).toContain(text);
  });

  it('9. PUT on __faults → 405', async () => {
    const reply = await call(base(), 'PUT', '/__faults', { key: null });
    expectProblem(reply, 405, 'method_not_allowed', 'Method Not Allowed', '/api/analytics/__faults');
  });
});

describe('createFaults()', () => {
  it('10. refuses misuse with a RangeError naming the field', () => {
    const faults = createFaults();
    expect(() => faults.failNext(1, { status: 700 })).toThrow(/failNext: .*status/s);
    expect(() => faults.dropNext(-1)).toThrow(RangeError);
    expect(() => faults.delayNext(1.5, 10)).toThrow(RangeError);
    expect(() => faults.failRate(0.5, { status: 503, seed: 0.5 })).toThrow(RangeError);
    expect(() => faults.resetAfterNext(-1)).toThrow(/resetAfterNext/);
    expect(() => faults.holdNext(1, 700_000)).toThrow(/holdNext: .*ms/s);
    expect(() => faults.mix({ rate: 0.3, seed: 1, slowMs: { min: 10, max: 5 } })).toThrow(/mix: .*min must not exceed max/s);
  });

  it('11. snapshot reflects use: counts go down as requests consume them', () => {
    const faults = createFaults();
    faults.failNext(2, { status: 503 });
    faults.failNext(0, { status: 500 });
    faults.failRate(0, { status: 503, seed: 3 });
    faults.holdNext(0, 10);
    faults.mix({ rate: 0, seed: 1 });
    expect(faults.snapshot()).toEqual({
      failNext: [{ count: 2, status: 503 }],
      dropNext: 0,
      delayMs: 0,
      delayNext: [],
      failRate: null,
      resetAfterNext: 0,
      holdNext: [],
      mix: null,
      held: 0,
    });
  });

  it('12. mulberry32 yields the same sequence for the same seed, in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seq = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(seq);
    expect(seq.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(seq).size).toBe(100);
    expect(mulberry32(43)()).not.toBe(seq[0]);
  });
});
