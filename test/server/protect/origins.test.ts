// The origin allow-list and CORS (issue 15, "Protection"): a page of an allowed site gets
// answers; a request from elsewhere, or from no page at all, is refused before any work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOriginPolicy, parseOriginPattern } from '../../../src/server/http/origin-policy';
import { ask, startConfab, type ConfabServer } from '../support/confab-server';

let confab: ConfabServer;
beforeAll(async () => {
  confab = await startConfab({ allowedOrigins: ['https://docs.example.com', 'https://*.example.org', 'http://localhost:*'] });
});
afterAll(() => confab?.close());

describe('origin patterns', () => {
  const policy = createOriginPolicy(['https://docs.example.com', 'https://*.example.org', 'http://localhost:*', 'http://127.0.0.1:5173']);
  it.each([
    ['1', 'https://docs.example.com', true],
    ['2', 'https://DOCS.example.com', true],
    // Browsers send the canonical form; a default port spelt out is nothing a browser sends.
    ['3', 'https://docs.example.com:443', false],
    ['4', 'http://docs.example.com', false],
    ['5', 'https://docs.example.com.evil.com', false],
    ['6', 'https://evildocs.example.com', false],
    ['7', 'https://a.example.org', true],
    ['8', 'https://a.b.example.org', true],
    ['9', 'https://example.org', false],
    ['10', 'https://badexample.org', false],
    ['11', 'http://localhost:5173', true],
    ['12', 'http://localhost', true],
    ['13', 'http://127.0.0.1:5173', true],
    ['14', 'http://127.0.0.1:5174', false],
    ['15', 'null', false],
    ['16', 'https://docs.example.com/path', false],
    ['17', 'https://docs.example.com\r\nX-Injected: 1', false],
  ] as const)('%s. %s → %s', (_n, origin, allowed) => {
    expect(policy.allows(origin)).toBe(allowed);
  });

  it('18. invalid patterns are refused at start: a bare *, a path, another scheme', () => {
    for (const bad of ['*', 'https://docs.example.com/', 'ftp://x.example', 'docs.example.com', 'https://*']) expect(parseOriginPattern(bad)).toBeUndefined();
  });
});

describe('requests by origin', () => {
  it('19. an allowed page gets its answer with CORS headers that echo its origin, never *', async () => {
    const response = await confab.call('/chat/completions', { body: ask('How do retries work?'), headers: { Origin: 'https://a.example.org' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://a.example.org');
    expect(response.headers.get('vary')).toContain('Origin');
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    await response.text();
  });

  it('20. the open-relay attempts: another origin, and no origin at all, are refused with 403 and no CORS grant; nothing is logged as an answer', async () => {
    const elsewhere = await confab.call('/chat/completions', { body: ask('How do retries work?'), headers: { Origin: 'https://evil.example' } });
    expect(elsewhere.status).toBe(403);
    expect((await elsewhere.json()).error.code).toBe('origin_not_allowed');
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
    const none = await confab.call('/chat/completions', { body: ask('How do retries work?'), headers: { Origin: '' } });
    expect(none.status).toBe(403);
    expect((await none.json()).error.code).toBe('origin_required');
  });

  it('21. preflight: an allowed origin gets the methods and the asked-for headers (names only); another gets a 403', async () => {
    const ok = await confab.call('/chat/completions', { method: 'OPTIONS', headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, x-stainless-os' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')).toContain('x-stainless-os');
    const refused = await confab.call('/chat/completions', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(refused.status).toBe(403);
  });

  it('22. /health answers without an origin (monitors send none) and says what is up, nothing secret', async () => {
    const response = await confab.call('/health', { headers: { Origin: '' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', docs: { state: 'ok', sections: expect.any(Number) }, store: { kind: 'memory', state: 'ok' }, chat: 'docs-only', pulse: 'off', analytics: 'off', handoff: 'off' });
  });

  it('23. paths outside the base path and unknown routes are 404s; a wrong method a 405 naming the right one', async () => {
    expect((await fetch(`${confab.running.url}/elsewhere`, { headers: { Origin: 'https://docs.example.com' } })).status).toBe(404);
    expect((await confab.call('/nope')).status).toBe(404);
    const wrong = await confab.call('/chat/completions', { method: 'GET' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('24. a same-origin GET, which browsers send without Origin but with Sec-Fetch-Site: same-origin, comes from a page of the server\'s own site: answered; another site\'s is not', async () => {
    const sameOrigin = await confab.call('/models', { method: 'GET', headers: { Origin: '', 'Sec-Fetch-Site': 'same-origin' } });
    expect(sameOrigin.status).toBe(200);
    await sameOrigin.text();
    for (const site of ['cross-site', 'same-site', 'none']) {
      const elsewhere = await confab.call('/models', { method: 'GET', headers: { Origin: '', 'Sec-Fetch-Site': site } });
      expect((await elsewhere.json()).error.code).toBe('origin_required');
    }
  });
});
