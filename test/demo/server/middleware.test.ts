import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnalyticsServer, type AnalyticsServer } from '../../../demo/server/analytics/create-analytics-server';
import { call, expectProblem, openaiConversation } from './fixtures';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Serves `analytics.handle` with a fallback `next` that answers 299 "next". */
async function serve(analytics: AnalyticsServer, withNext: boolean): Promise<string> {
  server = createServer((req, res) => {
    const next = () => {
      res.statusCode = 299;
      res.end('next');
    };
    void (withNext ? analytics.handle(req, res, next) : analytics.handle(req, res));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createAnalyticsServer().handle as middleware', () => {
  it('1. passes paths outside basePath to next, including look-alike prefixes', async () => {
    const url = await serve(createAnalyticsServer(), true);
    for (const path of ['/', '/api/chat/v1/chat/completions', '/api/analyticsX/conversations']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(299);
      expect(await res.text()).toBe('next');
    }
  });

  it('2. without next, answers 404 problem+json outside basePath', async () => {
    const url = await serve(createAnalyticsServer(), false);
    const reply = await call(url, 'GET', '/other', { key: null });
    expectProblem(reply, 404, 'not_found', 'Not Found', '/other');
  });

  it('3. honours basePath, custom keys, the clock and the id generator', async () => {
    let n = 0;
    const analytics = createAnalyticsServer({
      basePath: '/analytics/',
      webKeys: ['w'],
      apiKeys: ['a'],
      now: () => new Date('2030-01-02T03:04:05.000Z'),
      newId: (prefix) => `${prefix}-${++n}`,
    });
    expect(analytics.basePath).toBe('/analytics');
    const url = await serve(analytics, true);
    const reply = await call(`${url}/analytics`, 'POST', '/conversations', {
      key: 'w',
      body: openaiConversation({ messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(reply.status).toBe(200);
    expect(reply.json.id).toBe('conv-1');
    expect(reply.json.messages[0].id).toBe('msg-2');
    expect(reply.json.createdAt).toBe('2030-01-02T03:04:05.000Z');
    expect((await call(`${url}/analytics`, 'GET', '/conversations', { key: 'confab-demo-api-key' })).status).toBe(401);
    expect((await call(`${url}/analytics`, 'GET', '/conversations', { key: 'a' })).json.total).toBe(1);
  });

  it('4. testRoutes: false turns the __ routes into plain unknown routes', async () => {
    const url = await serve(createAnalyticsServer({ testRoutes: false }), true);
    const reply = await call(`${url}/api/analytics`, 'GET', '/__stats', { key: null });
    expectProblem(reply, 404, 'not_found', 'Not Found', '/api/analytics/__stats');
  });
});
