import { describe, expect, it } from 'vitest';
import { call, useBackend } from './fixtures';

const backend = useBackend();
const base = (): string => backend().analytics.baseUrl;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, Content-Type',
  'access-control-allow-methods': 'GET,POST,DELETE,OPTIONS',
  'access-control-expose-headers': 'Retry-After, X-Request-Id',
};

function expectCors(headers: Headers): void {
  for (const [name, value] of Object.entries(CORS)) expect(headers.get(name)).toBe(value);
}

describe('CORS and request ids', () => {
  it('1. answers a preflight with 204, the CORS headers and no body, without auth', async () => {
    const res = await fetch(`${base()}/conversations`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://site.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(res.status).toBe(204);
    expectCors(res.headers);
    expect(await res.text()).toBe('');
    expect(backend().analytics.stats.snapshot().requests).toBe(0);
  });

  it('2. preflights are not faulted', async () => {
    backend().analytics.faults.failNext(1, { status: 503 });
    const res = await fetch(`${base()}/events`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect((await call(base(), 'GET', '/conversations')).status).toBe(503);
  });

  it('3. success and error responses carry CORS headers and a unique X-Request-Id', async () => {
    const ok = await call(base(), 'GET', '/conversations');
    const denied = await call(base(), 'GET', '/conversations', { key: null });
    const stats = await call(base(), 'GET', '/__stats', { key: null });
    for (const reply of [ok, denied, stats]) {
      expectCors(reply.headers);
      expect(reply.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{20}$/);
    }
    expect(ok.headers.get('x-request-id')).not.toBe(denied.headers.get('x-request-id'));
    expect(denied.json.requestId).toBe(denied.headers.get('x-request-id'));
  });
});
