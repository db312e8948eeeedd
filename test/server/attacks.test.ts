// Attacks that must fail (issue 15, "Measures and attacks"), while honest visitors keep
// being served: malformed and smuggling requests, injected header values, a slowloris
// client holding connections open with headers it never finishes.
import { connect, type Socket } from 'node:net';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ask, SITE, startConfab, type ConfabServer } from './support/confab-server';
import { startFakeUpstream, type FakeUpstream } from './support/fake-upstream';

let upstream: FakeUpstream;
let confab: ConfabServer;
let port: number;
/** Headers the fake PulseAI received, for the injection checks. */
const pulseSeen: Array<{ url: string; headers: Record<string, string | string[] | undefined> }> = [];
const pulseApi = createServer((req, res) => {
  pulseSeen.push({ url: req.url ?? '', headers: req.headers });
  res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"limit":20,"has_more":false,"data":[]}');
});

beforeAll(async () => {
  upstream = await startFakeUpstream();
  await new Promise<void>((resolve) => pulseApi.listen(0, '127.0.0.1', resolve));
  const pulsePort = (pulseApi.address() as AddressInfo).port;
  confab = await startConfab(
    { upstream: { baseUrl: upstream.baseUrl, model: 'm' }, pulse: { baseUrl: `http://127.0.0.1:${pulsePort}/v1`, apiKey: 'app-key' } },
    { headersTimeoutMs: 600, requestTimeoutMs: 1_500, checkIntervalMs: 100 },
  );
  port = Number(new URL(confab.base).port);
});
afterAll(async () => {
  await confab?.close();
  await upstream?.close();
  pulseApi.closeAllConnections();
  await new Promise((resolve) => pulseApi.close(resolve));
});

/** Sends raw bytes on a fresh connection; resolves with everything the server sent until it closed (or 2 s). */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    const done = () => resolve(answer);
    socket.on('close', done);
    socket.on('error', done);
    setTimeout(() => socket.destroy(), 2_000);
    socket.write(bytes);
  });
}

/** An honest question: answered, streamed to [DONE]. */
async function honest(): Promise<void> {
  const response = await confab.call('/chat/completions', { body: ask('How do retries work?') });
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('data: [DONE]');
}

describe('malformed and smuggled requests', () => {
  it.each([
    ['1', 'a header value with a bare CR', `POST /api/confab/chat/completions HTTP/1.1\r\nHost: x\r\nOrigin: ${SITE}\r\nX-A: a\rX-Injected: 1\r\nContent-Length: 2\r\n\r\n{}`],
    ['2', 'a NUL in a header value', `GET /api/confab/health HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n`],
    ['3', 'both Content-Length and Transfer-Encoding (request smuggling)', `POST /api/confab/chat/completions HTTP/1.1\r\nHost: x\r\nOrigin: ${SITE}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/confab/models HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['4', 'an obsolete folded header line', `GET /api/confab/health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n X-Injected: 1\r\n\r\n`],
    ['5', 'two Content-Length headers that disagree', `POST /api/confab/chat/completions HTTP/1.1\r\nHost: x\r\nOrigin: ${SITE}\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}`],
  ])('%s. %s → 400, the connection closed, nothing reaches the upstream', async (_n, _what, request) => {
    const before = upstream.requests.length;
    const answer = await raw(request);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).not.toMatch(/X-Injected/i);
    expect(upstream.requests).toHaveLength(before);
    await honest();
  });

  it('6. values a client controls never become headers: CORS reflects only valid header names; a pulse `conversation_id` with CR LF is sent encoded', async () => {
    const preflight = await confab.call('/chat/completions', { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-good, <script>, x bad, x-also-good' } });
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, x-good, x-also-good');
    const response = await confab.call(`/pulse/messages?conversation_id=${encodeURIComponent('abc\r\nX-Injected: 1')}&user=${encodeURIComponent('u\r\nX-Injected: 2')}`, { headers: { Authorization: 'Bearer visitor-00000000-0000-4000-8000-000000000001' } });
    expect(response.status).toBe(200);
    const seen = pulseSeen.at(-1)!;
    expect(seen.headers['x-injected']).toBeUndefined();
    expect(seen.url).toContain('conversation_id=abc%0D%0AX-Injected%3A+1');
    expect(seen.url).toContain('user=visitor-00000000-0000-4000-8000-000000000001');
  });

  it('7. a model name with CR LF is refused, not sent anywhere', async () => {
    const response = await confab.call('/chat/completions', { body: ask('retries', { model: 'm\r\nX-Injected: 1' }) });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-injected')).toBeNull();
  });
});

describe('slowloris', () => {
  it('8. 30 connections trickling their headers are closed after headersTimeout; honest visitors are answered all along', async () => {
    const sockets: Socket[] = [];
    const closed: boolean[] = [];
    const timers: Array<ReturnType<typeof setInterval>> = [];
    for (let i = 0; i < 30; i++) {
      const socket = connect(port, '127.0.0.1');
      const index = sockets.push(socket) - 1;
      closed[index] = false;
      socket.on('close', () => (closed[index] = true));
      socket.on('error', () => undefined);
      socket.write(`POST /api/confab/chat/completions HTTP/1.1\r\nHost: x\r\n`);
      timers.push(setInterval(() => socket.writable && socket.write('X-Slow: a\r\n'), 100));
    }
    try {
      for (let i = 0; i < 5; i++) await honest();
      await vi.waitFor(() => expect(closed.every(Boolean), `${closed.filter(Boolean).length} of 30 closed`).toBe(true), { timeout: 5_000, interval: 100 });
      await honest();
    } finally {
      timers.forEach(clearInterval);
      sockets.forEach((socket) => socket.destroy());
    }
  });
});
