import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnalyticsServer } from '../../../demo/server/analytics/create-analytics-server';
import { API_KEY, WEB_KEY, call, expectProblem, openaiConversation, useBackend } from './fixtures';

const backend = useBackend({ webKeys: [WEB_KEY, 'web-2'], apiKeys: [API_KEY, 'api-2'] });
const base = (): string => backend().analytics.baseUrl;

/** Every route with a body that passes validation and the key kind it needs. */
const ROUTES: Array<[method: string, path: string, access: 'web' | 'api', body?: unknown]> = [
  ['POST', '/conversations', 'web', openaiConversation({ id: 'c1' })],
  ['GET', '/conversations', 'api'],
  ['GET', '/conversations/c1', 'web'],
  ['DELETE', '/conversations/c1', 'web'],
  ['GET', '/conversations/external/e1', 'api'],
  ['POST', '/feedback', 'web', { type: 'positive', messageId: 'm1' }],
  ['GET', '/feedback', 'api'],
  ['GET', '/feedback/f1', 'api'],
  ['DELETE', '/feedback/f1', 'api'],
  ['POST', '/events', 'web', { type: 't', entityType: 'search', searchQuery: 'q' }],
];

describe('auth', () => {
  it.each(ROUTES)('1. %s %s: no key → 401 unauthorized with a Bearer challenge', async (method, path, _access, body) => {
    const reply = await call(base(), method, path, { key: null, body });
    expectProblem(reply, 401, 'unauthorized', 'Unauthorized', `/api/analytics${path}`);
    expect(reply.json.detail).toBe('Missing Authorization header; send "Authorization: Bearer <key>".');
    expect(reply.headers.get('www-authenticate')).toBe('Bearer');
  });

  it.each(ROUTES)('2. %s %s: unknown key → 401', async (method, path, _access, body) => {
    const reply = await call(base(), method, path, { key: 'not-a-key', body });
    expectProblem(reply, 401, 'unauthorized', 'Unauthorized', `/api/analytics${path}`);
    expect(reply.json.detail).toBe('Unknown integration key.');
  });

  it.each(ROUTES)('3. %s %s (%s): web key → 403 on API-only routes, accepted elsewhere', async (method, path, access, body) => {
    await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'c1' }) });
    const reply = await call(base(), method, path, { key: 'web-2', body });
    if (access === 'api') {
      expectProblem(reply, 403, 'forbidden', 'Forbidden', `/api/analytics${path}`);
      expect(reply.json.detail).toBe('This operation needs an API integration key; a web integration key was sent.');
    } else {
      expect(reply.status).toBe(200);
    }
  });

  it('4. a second configured API key is accepted; a non-Bearer scheme is not', async () => {
    expect((await call(base(), 'GET', '/conversations', { key: 'api-2' })).status).toBe(200);
    const basic = await call(base(), 'GET', '/conversations', { key: null, headers: { Authorization: `Basic ${API_KEY}` } });
    expectProblem(basic, 401, 'unauthorized', 'Unauthorized', '/api/analytics/conversations');
    expect(basic.json.detail).toBe('The Authorization header must be "Bearer <key>".');
    const lower = await call(base(), 'GET', '/conversations', { key: null, headers: { Authorization: `bearer ${API_KEY}` } });
    expect(lower.status).toBe(200);
  });
});

describe('routing and body errors', () => {
  it('5. unknown route under the base → 404 not_found (before auth)', async () => {
    const reply = await call(base(), 'GET', '/nope', { key: null });
    expectProblem(reply, 404, 'not_found', 'Not Found', '/api/analytics/nope');
    expect(reply.json.detail).toBe('No route matches GET /api/analytics/nope');
    const trailing = await call(base(), 'GET', '/conversations/');
    expect(trailing.status).toBe(404);
  });

  it('6. a path outside every mounted server → 404 problem from the backend', async () => {
    const reply = await call(backend().url, 'GET', '/elsewhere', { key: null });
    expectProblem(reply, 404, 'not_found', 'Not Found', '/elsewhere');
  });

  it.each([
    ['PUT', '/conversations', 'POST, GET'],
    ['PATCH', '/conversations/c1', 'GET, DELETE'],
    ['POST', '/feedback/f1', 'GET, DELETE'],
    ['GET', '/events', 'POST'],
  ])('7. %s %s → 405 method_not_allowed with Allow: %s', async (method, path, allow) => {
    const reply = await call(base(), method, path, { key: null });
    expectProblem(reply, 405, 'method_not_allowed', 'Method Not Allowed', `/api/analytics${path}`);
    expect(reply.headers.get('allow')).toBe(allow);
    expect(reply.json.detail).toBe(`${method} is not allowed on /api/analytics${path}; use ${allow}.`);
  });

  it.each([
    ['malformed JSON', '{"type":'],
    ['an empty body', ''],
    ['whitespace only', '  \n'],
  ])('8. %s → 400 bad_request', async (_name, raw) => {
    const reply = await call(base(), 'POST', '/conversations', { raw, headers: { 'Content-Type': 'application/json' } });
    expectProblem(reply, 400, 'bad_request', 'Bad Request', '/api/analytics/conversations');
    expect(reply.json.detail).toMatch(/^The request body (is not valid JSON|is empty)/);
  });

  it('9. JSON that is not an object → 422 naming the body', async () => {
    const reply = await call(base(), 'POST', '/feedback', { raw: '[1,2]' });
    expectProblem(reply, 422, 'unprocessable_entity', 'Unprocessable Entity', '/api/analytics/feedback');
    expect(reply.json.detail).toBe('Invalid request body: (body): Invalid input: expected object, received array');
  });

  it('10. a text/plain body is parsed as JSON all the same', async () => {
    const reply = await call(base(), 'POST', '/conversations', {
      raw: JSON.stringify(openaiConversation({ id: 'plain' })),
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(reply.status).toBe(200);
    expect(reply.json.id).toBe('plain');
  });
});

describe('handler crash', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('11. an exception in a handler → 500 internal_server_error', async () => {
    const analytics = createAnalyticsServer({
      newId: () => {
        throw new Error('id source exploded');
      },
    });
    server = createServer((req, res) => void analytics.handle(req, res));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const reply = await call(`http://127.0.0.1:${port}/api/analytics`, 'POST', '/conversations', { body: openaiConversation() });
    expectProblem(reply, 500, 'internal_server_error', 'Internal Server Error', '/api/analytics/conversations');
    expect(reply.json.detail).toBe('The server failed to handle the request: id source exploded');
  });
});
