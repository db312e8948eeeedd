import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NOW_SECONDS, USER, api, chatBody, expectError, startPulse, usePulse } from './harness';

const server = usePulse();
const base = () => server().base;

/** One row per Authorization header: what is sent and Dify's exact message (§2.1). */
const REFUSED: Array<[string, string | null, string]> = [
  ['no header', null, "Authorization header must be provided and start with 'Bearer'"],
  ['a key without a scheme', 'app-confab-demo', "Authorization header must be provided and start with 'Bearer'"],
  ['Bearer with no key', 'Bearer ', "Authorization header must be provided and start with 'Bearer'"],
  ['another scheme', 'Basic app-confab-demo', "Authorization scheme must be 'Bearer'"],
  ['an unknown key', 'Bearer app-wrong', 'Access token is invalid'],
];

describe('auth (§2)', () => {
  for (const [i, [what, header, message]] of REFUSED.entries()) {
    it(`${i + 1}. ${what} → 401 unauthorized "${message}"`, async () => {
      const headers = header === null ? {} : { Authorization: header };
      const reply = await api(base(), 'GET', '/parameters', { key: null, headers });
      expectError(reply, 401, 'unauthorized', message);
    });
  }

  it('6. the scheme is case-insensitive; every API route needs the key, test routes do not', async () => {
    expect((await api(base(), 'GET', '/parameters', { key: null, headers: { Authorization: 'bearer app-confab-demo' } })).status).toBe(200);
    for (const [method, path] of [['POST', '/chat-messages'], ['GET', '/conversations?user=u'], ['GET', '/info'], ['GET', '/meta']]) {
      expect((await api(base(), method ?? '', path ?? '', { key: null, body: method === 'POST' ? chatBody() : undefined })).status).toBe(401);
    }
    expect((await api(base(), 'GET', '/__stats', { key: null })).status).toBe(200);
  });

  it('7. the apiKeys option replaces the default key', async () => {
    const custom = await startPulse({ apiKeys: ['app-one', 'app-two'] });
    try {
      expect((await api(custom.base, 'GET', '/info', { key: 'app-two' })).status).toBe(200);
      expectError(await api(custom.base, 'GET', '/info'), 401, 'unauthorized', 'Access token is invalid');
    } finally {
      await custom.close();
    }
  });

  it('8. X-Timestamp and X-Signature are accepted and recorded with what a signer signs', async () => {
    const body = JSON.stringify(chatBody({ response_mode: 'blocking' }));
    const timestamp = String(NOW_SECONDS);
    const signature = createHmac('sha256', 'secret').update(`POST\n/api/pulse/v1/chat-messages\n${timestamp}\n${body}`).digest('hex');
    const reply = await api(base(), 'POST', '/chat-messages', {
      raw: body,
      headers: { 'Content-Type': 'application/json', 'X-Timestamp': timestamp, 'X-Signature': signature },
    });
    expect(reply.status).toBe(200);
    const expected = { method: 'POST', url: '/api/pulse/v1/chat-messages', timestamp, signature, body, received_at: NOW_SECONDS };
    expect(server().pulse.state.lastSignature).toEqual(expected);
    const recomputed = createHmac('sha256', 'secret').update(`POST\n${expected.url}\n${expected.timestamp}\n${expected.body}`).digest('hex');
    expect(recomputed).toBe(signature);
    expect((await api(base(), 'GET', '/__state', { key: null })).json.lastSignature).toEqual(expected);
  });

  it('9. the record follows the latest API request, query string included, and is kept even when auth fails', async () => {
    await api(base(), 'GET', `/conversations?user=${USER}&limit=5`, { key: 'app-wrong' });
    expect(server().pulse.state.lastSignature).toEqual({
      method: 'GET',
      url: `/api/pulse/v1/conversations?user=${USER}&limit=5`,
      timestamp: null,
      signature: null,
      body: '',
      received_at: NOW_SECONDS,
    });
  });

  it('10. without maxTimestampSkewSeconds a stale timestamp is accepted', async () => {
    expect((await api(base(), 'GET', '/info', { headers: { 'X-Timestamp': '1000' } })).status).toBe(200);
  });

  it('11. maxTimestampSkewSeconds: fresh (seconds or ms) passes; stale, missing or malformed → 401', async () => {
    const strict = await startPulse({ maxTimestampSkewSeconds: 300 });
    try {
      const call = (headers: Record<string, string>) => api(strict.base, 'GET', '/info', { headers });
      expect((await call({ 'X-Timestamp': String(NOW_SECONDS - 299) })).status).toBe(200);
      expect((await call({ 'X-Timestamp': String(NOW_SECONDS * 1000 + 120_000) })).status).toBe(200);
      expectError(await call({ 'X-Timestamp': String(NOW_SECONDS - 301) }), 401, 'unauthorized', 'X-Timestamp is more than 300 seconds away from the server time.');
      expectError(await call({ 'X-Timestamp': String(NOW_SECONDS + 301) }), 401, 'unauthorized', 'X-Timestamp is more than 300 seconds away from the server time.');
      expectError(await call({}), 401, 'unauthorized', 'X-Timestamp header must be provided.');
      expectError(await call({ 'X-Timestamp': 'yesterday' }), 401, 'unauthorized', 'X-Timestamp must be a Unix time in seconds.');
      // The key is checked first: a wrong key with a fresh timestamp still gets the key's message.
      expectError(await api(strict.base, 'GET', '/info', { key: 'bad', headers: { 'X-Timestamp': String(NOW_SECONDS) } }), 401, 'unauthorized', 'Access token is invalid');
    } finally {
      await strict.close();
    }
  });
});
