import { describe, expect, it, vi } from 'vitest';
import { createAnalyticsClient } from '../../../src/sdk/analytics/create-analytics-client';
import { createHttp } from '../../../src/sdk/http/create-http';
import { ConfigError, HttpError, NetworkError, TimeoutError, ValidationError } from '../../../src/sdk/http/errors';
import { parseRetryAfter } from '../../../src/sdk/http/retry-after';
import { sampleConversation, storedConversation } from '../../fixtures/conversations';
import { createFakeClock } from '../../support/fake-clock';
import { createFakeFetch, hang, json, problem } from '../../support/fake-fetch';

describe('auth', () => {
  it('sends the api key as a Bearer token', async () => {
    const fake = createFakeFetch([json(200, { ok: 1 })]);
    const http = createHttp({ baseUrl: 'http://api.test/', apiKey: 'web-key', fetch: fake.fetch });
    await http.request({ method: 'GET', path: '/x', query: { limit: 5, offset: undefined } });
    expect(fake.requests[0]).toMatchObject({ url: 'http://api.test/x?limit=5', headers: { authorization: 'Bearer web-key', accept: 'application/json' } });
  });

  it('asks getToken before every request', async () => {
    const getToken = vi.fn().mockResolvedValueOnce('t1').mockResolvedValueOnce('t2');
    const fake = createFakeFetch([json(200, {}), json(200, {})]);
    const http = createHttp({ baseUrl: 'http://api.test', getToken, fetch: fake.fetch });
    await http.request({ method: 'GET', path: '/a' });
    await http.request({ method: 'GET', path: '/b' });
    expect(fake.requests.map((request) => request.headers['authorization'])).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('after a 401 asks getToken once more and retries once', async () => {
    const getToken = vi.fn().mockResolvedValueOnce('expired').mockResolvedValueOnce('fresh');
    const fake = createFakeFetch([problem(401, 'unauthorized', 'Unauthorized', 'expired'), json(200, { ok: true })]);
    const http = createHttp({ baseUrl: 'http://api.test', getToken, fetch: fake.fetch });
    await expect(http.request({ method: 'GET', path: '/a' })).resolves.toMatchObject({ status: 200, body: { ok: true } });
    expect(fake.requests.map((request) => request.headers['authorization'])).toEqual(['Bearer expired', 'Bearer fresh']);
  });

  it('a second 401 stands', async () => {
    const getToken = vi.fn().mockResolvedValue('bad');
    const fake = createFakeFetch([problem(401, 'unauthorized', 'Unauthorized', 'no'), problem(401, 'unauthorized', 'Unauthorized', 'still no')]);
    const http = createHttp({ baseUrl: 'http://api.test', getToken, fetch: fake.fetch });
    await expect(http.request({ method: 'GET', path: '/a' })).rejects.toMatchObject({ status: 401, detail: 'still no' });
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(fake.requests).toHaveLength(2);
  });

  it('with a fixed api key a 401 is not retried', async () => {
    const fake = createFakeFetch([problem(401, 'unauthorized', 'Unauthorized', 'no')]);
    const http = createHttp({ baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch });
    await expect(http.request({ method: 'GET', path: '/a' })).rejects.toBeInstanceOf(HttpError);
    expect(fake.requests).toHaveLength(1);
  });

  it('a relative or malformed base URL is a config error naming the option', () => {
    expect(() => createHttp({ baseUrl: 'api.test' })).toThrow(ConfigError);
    expect(() => createHttp({ baseUrl: 'api.test' })).toThrow(/baseUrl must be an absolute http\(s\) URL/);
    expect(() => createHttp({ baseUrl: '/api/analytics' })).not.toThrow();
  });
});

describe('abort and timeout', () => {
  it("the caller's abort rejects with the caller's reason, not a timeout", async () => {
    const fake = createFakeFetch([hang]);
    const http = createHttp({ baseUrl: 'http://api.test', fetch: fake.fetch });
    const controller = new AbortController();
    const request = http.request({ method: 'GET', path: '/a', signal: controller.signal });
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    controller.abort(new Error('user left'));
    await expect(request).rejects.toThrow('user left');
  });

  it('an already aborted signal sends nothing', async () => {
    const fake = createFakeFetch();
    const http = createHttp({ baseUrl: 'http://api.test', fetch: fake.fetch });
    await expect(http.request({ method: 'GET', path: '/a', signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow('too late');
    expect(fake.requests).toHaveLength(0);
  });

  it('a slow server becomes a TimeoutError carrying the limit', async () => {
    const clock = createFakeClock();
    const fake = createFakeFetch([hang]);
    const http = createHttp({ baseUrl: 'http://api.test', fetch: fake.fetch, clock, timeoutMs: 2_000 });
    const request = http.request({ method: 'GET', path: '/slow' });
    request.catch(() => undefined);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    clock.advance(1_999);
    clock.advance(1);
    await expect(request).rejects.toMatchObject({ constructor: TimeoutError, timeoutMs: 2_000, message: 'GET /slow did not finish within 2000 ms.' });
  });

  it('a refused connection is a NetworkError with the cause', async () => {
    const cause = new TypeError('fetch failed');
    const http = createHttp({ baseUrl: 'http://api.test', fetch: createFakeFetch([cause]).fetch });
    const error = await http.request({ method: 'GET', path: '/a' }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toBe(cause);
  });
});

describe('error bodies', () => {
  it('a problem+json body fills every HttpError field', async () => {
    const http = createHttp({ baseUrl: 'http://api.test', fetch: createFakeFetch([problem(404, 'not_found', 'Not Found', 'Conversation not found')]).fetch });
    const error = (await http.request({ method: 'GET', path: '/conversations/c1' }).catch((thrown: unknown) => thrown)) as HttpError;
    expect(error).toMatchObject({ status: 404, code: 'not_found', title: 'Not Found', detail: 'Conversation not found', requestId: 'req_1', instance: '/conversations/c1' });
    expect(error.message).toBe('404 Not Found: Conversation not found');
  });

  it('an OpenAI-style error body gives its message and code', async () => {
    const body = { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } };
    const http = createHttp({ baseUrl: 'http://api.test', fetch: createFakeFetch([json(429, body)]).fetch });
    await expect(http.request({ method: 'POST', path: '/chat/completions' })).rejects.toMatchObject({ status: 429, code: 'rate_limit_exceeded', detail: 'Rate limit reached' });
  });

  it('an empty error body still gives an HttpError with its status', async () => {
    const http = createHttp({ baseUrl: 'http://api.test', fetch: createFakeFetch([new Response(null, { status: 503 })]).fetch });
    await expect(http.request({ method: 'GET', path: '/a' })).rejects.toMatchObject({ status: 503, code: 'service_unavailable', detail: 'The server sent no details.' });
  });

  // Issue 11, item 12: a page's markup never reaches an error message (the widget's confab-error, logs, reports).
  it('an HTML error page is summarised by its status and content type, its markup never copied', async () => {
    const page = `<!doctype html><html><head><title>500</title><script>alert(1)</script></head><body><h1>Internal Server Error</h1>${'<p>x</p>'.repeat(100)}</body></html>`;
    const fake = createFakeFetch([new Response(page, { status: 500, statusText: 'Internal Server Error', headers: { 'Content-Type': 'text/html; charset=utf-8' } })]);
    const error = (await createHttp({ baseUrl: 'http://api.test', fetch: fake.fetch }).request({ method: 'GET', path: '/a' }).catch((thrown: unknown) => thrown)) as HttpError;
    expect(error).toMatchObject({ status: 500, code: 'internal_server_error' });
    expect(error.message).toBe('500 Internal Server Error: The server sent a text/html; charset=utf-8 page.');
  });

  it('markup without a content type is summarised too; a short plain-text body is kept', async () => {
    const fake = createFakeFetch([new Response(new Blob(['<html><body>Bad gateway</body></html>']), { status: 502 }), new Response('upstream timed out', { status: 504 })]);
    const http = createHttp({ baseUrl: 'http://api.test', fetch: fake.fetch });
    await expect(http.request({ method: 'GET', path: '/a' })).rejects.toMatchObject({ detail: 'The server sent a markup page.' });
    await expect(http.request({ method: 'GET', path: '/b' })).rejects.toMatchObject({ detail: 'upstream timed out' });
  });

  it('a 2xx whose body is not JSON is an invalid_response', async () => {
    const http = createHttp({ baseUrl: 'http://api.test', fetch: createFakeFetch([new Response('<html>', { status: 200 })]).fetch });
    await expect(http.request({ method: 'GET', path: '/a' })).rejects.toMatchObject({ constructor: ValidationError, code: 'invalid_response' });
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['1.5', 1_500],
    ['Sat, 21 Nov 2026 12:01:00 GMT', 60_000],
    ['Sat, 21 Nov 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s → %s ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });
});

describe('the direct client validates', () => {
  it('responses: a conversation missing required keys is an invalid_response naming them', async () => {
    const fake = createFakeFetch([json(200, { id: 'c1', messages: [] })]);
    const client = createAnalyticsClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch });
    await expect(client.getConversation('c1')).rejects.toMatchObject({ code: 'invalid_response', message: expect.stringMatching(/type: .*createdAt/s) });
  });

  it('inputs: nothing is sent for an invalid body', async () => {
    const fake = createFakeFetch();
    const client = createAnalyticsClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch });
    await expect(client.logEvent({ type: 'x', entityType: 'message' } as never)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/messageId/) });
    await expect(client.logConversation({ ...sampleConversation(), createdAt: '2026-11-21 12:00' })).rejects.toThrow(/createdAt/);
    expect(fake.requests).toHaveLength(0);
  });

  it('list parameters are sent as query strings, ids are encoded', async () => {
    const list = { conversations: [storedConversation(sampleConversation())], total: 41, pageSize: 20, count: 1 };
    const fake = createFakeFetch([json(200, list), json(200, { success: true, message: 'deleted' })]);
    const client = createAnalyticsClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch });
    await expect(client.listConversations({ limit: 20, offset: 40 })).resolves.toEqual(list);
    await client.deleteConversation('a/b c');
    expect(fake.requests.map((request) => request.url)).toEqual(['http://api.test/conversations?limit=20&offset=40', 'http://api.test/conversations/a%2Fb%20c']);
  });
});

describe('the lazily loaded client of createAnalytics', () => {
  it('loads on first use, forwards every method, and is not mistaken for a promise', async () => {
    const { createAnalytics } = await import('../../../src/sdk/analytics/create-analytics');
    const { createMemoryOutboxStore } = await import('../../../src/sdk/analytics/outbox-store');
    const fake = createFakeFetch([json(200, { success: true, message: 'deleted' })]);
    const analytics = createAnalytics({ baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch, store: createMemoryOutboxStore(), autoFlush: false, onError: () => undefined });
    expect(await analytics.client.deleteConversation('c1')).toEqual({ success: true, message: 'deleted' });
    expect(await Promise.resolve(analytics.client)).toBe(analytics.client);
    await analytics.close();
  });
});

describe('error names', () => {
  it('are literal, so they survive minification', async () => {
    const errors = await import('../../../src/sdk/http/errors');
    const made = [
      new errors.ConfabError('x', 'y'),
      new errors.HttpError({ title: 'T', status: 500, detail: 'd', code: 'c' }),
      new errors.NetworkError('n'),
      new errors.TimeoutError(1),
      new errors.PayloadTooLargeError(3, 2, false),
      new errors.StreamError('s'),
      new errors.ConfigError('option', 'm'),
      new errors.ValidationError('invalid_input', 'x', []),
      new errors.StorageError('s'),
    ];
    expect(made.map((error) => error.name)).toEqual(['ConfabError', 'HttpError', 'NetworkError', 'TimeoutError', 'PayloadTooLargeError', 'StreamError', 'ConfigError', 'ValidationError', 'StorageError']);
    const classes = Object.keys(errors).filter((name) => /^[A-Z]\w*Error$/.test(name));
    expect(classes.sort()).toEqual(made.map((error) => error.name).sort());
  });

  it('toConfabError keeps a ConfabError and wraps anything else as unexpected, keeping the cause', async () => {
    const { toConfabError, NetworkError } = await import('../../../src/sdk/http/errors');
    const network = new NetworkError('down');
    expect(toConfabError(network)).toBe(network);
    const thrown = new TypeError('boom');
    expect(toConfabError(thrown)).toMatchObject({ code: 'unexpected', message: 'boom', cause: thrown });
    expect(toConfabError('text')).toMatchObject({ code: 'unexpected', message: 'text', cause: 'text' });
  });
});
