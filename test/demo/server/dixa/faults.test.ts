import { describe, expect, it } from 'vitest';
import { IDS, api, createConversation, expectData, expectMessage, inboundMessage, startDixa, useDixa } from './harness';

const server = useDixa({ slowFaultMs: 150 });
const base = () => server().base;
const control = (method: string, path: string, body?: unknown) => api(base(), method, `/__test${path}`, { auth: null, body });
const withFault = (fault: string, method: string, path: string, body?: unknown) => api(base(), method, path, { headers: { 'X-Fake-Fault': fault }, ...(body === undefined ? {} : { body }) });

describe('X-Fake-Fault (§6.17)', () => {
  it('1. 500: {"message":"Internal failure during request processing"}; nothing is stored', async () => {
    expectMessage(await withFault('500', 'POST', '/v1/conversations', { _type: 'Email', requesterId: IDS.requesterId, message: inboundMessage('hi') }), 500, 'Internal failure during request processing');
    expect(await createConversation(base())).toBe(100);
  });

  it.each([
    ['GET', '/v1/conversations/1/messages'],
    ['PUT', '/v1/conversations/1/close'],
    ['PATCH', '/v1/conversations/1/custom-attributes'],
  ])('2. 500 is never injected where the route lists none (§1.6): %s %s is a 422 naming the rule', async (method, path) => {
    const reply = await withFault('500', method, path, method === 'PATCH' ? {} : undefined);
    expect(reply.status).toBe(422);
    expect(reply.json.message).toContain('§1.6');
  });

  it('3. 400C: 400 {"message":"Invalid value extracted from request context"} (GAP 12: C only by injection)', async () => {
    expectMessage(await withFault('400C', 'GET', '/v1/conversations/1'), 400, 'Invalid value extracted from request context');
  });

  it('4. 401: 401 {"message":"Unauthorized"} even with a good token', async () => {
    expectMessage(await withFault('401', 'GET', '/v1/search/conversations?query=order'), 401, 'Unauthorized');
  });

  it('5. 409: a 409 {"message": …}', async () => {
    const reply = await withFault('409', 'PATCH', '/v1/conversations/1/anonymize');
    expect(reply.status).toBe(409);
    expect(typeof reply.json.message).toBe('string');
    expect(expectData(await api(base(), 'GET', '/v1/conversations/1/messages'), 200)[0].attributes.content.value).not.toBe('[anonymized]');
  });

  it('6. 429: Retry-After: 1', async () => {
    const reply = await withFault('429', 'GET', '/v1/conversations/1/messages');
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('1');
    expect(typeof reply.json.message).toBe('string');
  });

  it('7. slow: the request waits slowFaultMs, then is answered normally', async () => {
    const started = performance.now();
    const reply = await withFault('slow', 'GET', '/v1/conversations/1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(expectData(reply, 200).id).toBe(1);
  });

  it('8. an unknown fault value is a 422', async () => {
    expect((await withFault('503', 'GET', '/v1/conversations/1')).status).toBe(422);
  });

  it('9. CORS lets a browser send the header', async () => {
    const preflight = await fetch(`${base()}/v1/conversations/1`, { method: 'OPTIONS' });
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-Fake-Fault');
  });
});

describe('shared fault controls (/__test/faults)', () => {
  it('10. failNext answers the next N requests with the status in Dixa\'s {message} shape; Retry-After when given', async () => {
    const set = await control('POST', '/faults', { failNext: { count: 2, status: 503, retryAfter: '2' } });
    expect(set.json.failNext).toEqual([{ count: 2, status: 503, retryAfter: '2' }]);
    for (let i = 0; i < 2; i += 1) {
      const reply = await api(base(), 'GET', '/v1/conversations/1/messages');
      expectMessage(reply, 503, 'Service Unavailable');
      expect(reply.headers.get('retry-after')).toBe('2');
    }
    expectData(await api(base(), 'GET', '/v1/conversations/1/messages'), 200);
  });

  it('11. failNext 500 / 401 / 400 without a body use the contract\'s texts; faults run before auth', async () => {
    server().dixa.faults.failNext(1, { status: 500 });
    server().dixa.faults.failNext(1, { status: 401 });
    server().dixa.faults.failNext(1, { status: 400 });
    expectMessage(await api(base(), 'GET', '/v1/conversations/1', { auth: null }), 500, 'Internal failure during request processing');
    expectMessage(await api(base(), 'GET', '/v1/conversations/1'), 401, 'Unauthorized');
    expectMessage(await api(base(), 'GET', '/v1/conversations/1'), 400, 'Invalid value extracted from request context');
  });

  it('12. dropNext destroys the socket: fetch rejects; the next request is served', async () => {
    await control('POST', '/faults', { dropNext: 1 });
    await expect(api(base(), 'GET', '/v1/conversations/1')).rejects.toThrow(TypeError);
    expectData(await api(base(), 'GET', '/v1/conversations/1'), 200);
  });

  it('13. delayNext delays the next request (a client timeout can be driven with it)', async () => {
    await control('POST', '/faults', { delayNext: { count: 1, ms: 200 } });
    await expect(fetch(`${base()}/v1/conversations/1`, { headers: { Authorization: 'confab-demo-dixa-token' }, signal: AbortSignal.timeout(50) })).rejects.toThrow();
    expect((await control('GET', '/faults')).json.delayNext).toEqual([]);
  });

  it('14. a typo in the control body is a 422; DELETE clears the faults', async () => {
    expect((await control('POST', '/faults', { failnext: { count: 1, status: 500 } })).status).toBe(422);
    await control('POST', '/faults', { failNext: { count: 3, status: 502 } });
    expect((await control('DELETE', '/faults')).json.failNext).toEqual([]);
    expectData(await api(base(), 'GET', '/v1/conversations/1'), 200);
  });

  it('15. stats count API requests by route pattern and by status', async () => {
    await api(base(), 'GET', '/v1/conversations/1');
    await api(base(), 'GET', '/v1/conversations/2', { auth: null });
    await api(base(), 'GET', '/v1/conversations/flows');
    const stats = (await control('GET', '/stats')).json;
    expect(stats.requests).toBe(3);
    expect(stats.byRoute).toEqual({ 'GET /v1/conversations/{conversationId}': 2, 'GET /v1/conversations/flows': 1 });
    expect(stats.byStatus).toEqual({ '200': 2, '401': 1 });
  });

  it('16. the faults option shares one set between servers', async () => {
    const other = await startDixa({ faults: server().dixa.faults });
    try {
      server().dixa.faults.failNext(1, { status: 502 });
      expect((await api(other.base, 'GET', '/v1/conversations/1')).status).toBe(502);
      expect((await api(base(), 'GET', '/v1/conversations/1')).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
