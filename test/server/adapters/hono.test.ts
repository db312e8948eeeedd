// The handler inside Hono, served by @hono/node-server, as the README shows it: one line
// mounts it; the answer streams, CORS works, and a visitor who leaves aborts the upstream.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConfabHandler, type ConfabHandler } from '../../../src/server';
import { CORPUS } from '../knowledge/corpus-fixture';
import { SITE, ask } from '../support/confab-server';
import { startFakeUpstream, type FakeUpstream } from '../support/fake-upstream';
import { answerOf, linksOf, sseData } from '../support/sse';

let upstream: FakeUpstream;
let handler: ConfabHandler;
let server: ServerType;
let base: string;

beforeAll(async () => {
  upstream = await startFakeUpstream({ grounded: true });
  handler = createConfabHandler({ allowedOrigins: [SITE], docs: CORPUS, upstream: { baseUrl: upstream.baseUrl, model: 'm' }, log: false });
  const app = new Hono();
  // The README's Hono example: everything under the base path goes to the handler.
  app.all('/api/confab/*', (c) => handler(c.req.raw));
  app.get('/', (c) => c.text('the site'));
  await handler.ready;
  server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/confab`;
});
afterAll(async () => {
  await handler?.close({ graceMs: 0 });
  await new Promise((resolve) => server?.close(resolve));
  await upstream?.close();
});

const post = (body: unknown, signal?: AbortSignal) => fetch(`${base}/chat/completions`, { method: 'POST', headers: { Origin: SITE, 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });

describe('in Hono', () => {
  it('1. a question is answered from the docs through the upstream, streamed, with its sources', async () => {
    const response = await post(ask('How do retries work?'));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SITE);
    const events = sseData(await response.text());
    expect(answerOf(events)).toContain('Requests that fail are handled in the background.');
    expect(linksOf(events)[0]?.title).toBe('Retries');
  });

  it('2. preflight, /health, and the app\'s own routes next to it', async () => {
    const preflight = await fetch(`${base}/chat/completions`, { method: 'OPTIONS', headers: { Origin: SITE, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(await (await fetch(base.replace('/api/confab', '/'))).text()).toBe('the site');
  });

  it('3. a visitor who stops reading mid-answer aborts the upstream request', async () => {
    upstream.grounded = false;
    upstream.chat.script({ mode: 'stall', afterChunks: 2 });
    const controller = new AbortController();
    const response = await post(ask('How do retries work?'), controller.signal);
    await response.body!.getReader().read();
    controller.abort();
    await vi.waitFor(() => expect(upstream.aborted).toBe(1));
  });
});
