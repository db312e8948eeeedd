// The demo runs on the confab server: `npm run backend` (startBackend) and `npm run demo`
// mount it at /api/confab in front of the reference servers, which stand in for the
// third-party APIs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../../demo/server/backend';
import { createDemoConfab } from '../../../demo/server/demo-confab';
import { sampleConversation } from '../../fixtures/conversations';
import { linksOf, sseData } from '../../server/support/sse';

const PAGE = 'http://127.0.0.1:5173';
const VISITOR = 'Bearer visitor-00000000-0000-4000-8000-000000000001';
let backend: Backend;
beforeAll(async () => {
  backend = await startBackend({ port: 0 });
});
afterAll(() => backend?.close());

const call = (path: string, body?: unknown) =>
  fetch(`${backend.confab.baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Origin: PAGE, Authorization: VISITOR, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('the demo\'s confab server', () => {
  it('1. answers from confab\'s docs (quoting them without a model), citing /docs/ URLs', async () => {
    const events = sseData(await (await call('/chat/completions', { messages: [{ role: 'user', content: 'What happens when the analytics API is down?' }], stream: true })).text());
    expect(linksOf(events).length).toBeGreaterThan(0);
    expect(linksOf(events).every((link) => link.url.startsWith('/docs/'))).toBe(true);
  });

  it('2. relays logs to the reference analytics server with its API key, and proxies PulseAI with the app key', async () => {
    expect((await call('/analytics/conversations', sampleConversation('conv_demo', 1))).status).toBe(200);
    expect(backend.analytics.state.conversations.has('conv_demo')).toBe(true);
    const parameters = await call('/pulse/parameters');
    expect(parameters.status).toBe(200);
    expect(await parameters.json()).toHaveProperty('opening_statement');
  });

  it('3. only this machine\'s pages may use it', async () => {
    const response = await fetch(`${backend.confab.baseUrl}/chat/completions`, { method: 'POST', headers: { Origin: 'https://elsewhere.example' }, body: '{}' });
    expect(response.status).toBe(403);
  });

  it('4. CONFAB_UPSTREAM_* without a model is refused, naming the variable', () => {
    expect(() => createDemoConfab({ referenceUrl: 'http://127.0.0.1:1', env: { CONFAB_UPSTREAM_URL: 'http://127.0.0.1:11434/v1' } })).toThrow(/CONFAB_UPSTREAM_MODEL/);
  });
});
