// The analytics relay (issue 15, "Analytics relay"): the widget's logs go through the
// server, which adds its own key; upserts stay idempotent and the API's Retry-After comes
// back unchanged. The API here is the reference analytics server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../../demo/server/backend';
import { signUserId } from '../../../src/server';
import { createAnalytics } from '../../../src/sdk/analytics/create-analytics';
import { sampleConversation } from '../../fixtures/conversations';
import { SITE, startConfab, type ConfabServer } from '../support/confab-server';

const API_KEY = 'confab-demo-api-key';
const SECRET = 'identity-secret-of-the-site-0123456789';
const VISITOR = { Authorization: 'Bearer visitor-00000000-0000-4000-8000-000000000001' };

let backend: Backend;
let confab: ConfabServer;
let verifying: ConfabServer;
beforeAll(async () => {
  backend = await startBackend({ port: 0 });
  [confab, verifying] = await Promise.all([
    startConfab({ analytics: { baseUrl: backend.analytics.baseUrl, apiKey: API_KEY } }),
    startConfab({ analytics: { baseUrl: backend.analytics.baseUrl, apiKey: API_KEY }, identity: { secret: SECRET } }),
  ]);
});
afterAll(async () => {
  await Promise.all([confab?.close(), verifying?.close()]);
  await backend?.close();
});
beforeEach(() => backend.analytics.reset());

const stored = () => [...backend.analytics.state.conversations.values()];

describe('the analytics relay', () => {
  it('1. a conversation log goes through with the server\'s key (the browser sent none); the API\'s answer comes back as is', async () => {
    const response = await confab.call('/analytics/conversations', { body: sampleConversation('conv_1', 2), headers: VISITOR });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SITE);
    const body = await response.json();
    expect(body).toMatchObject({ id: 'conv_1', type: 'openai' });
    expect(stored().map((conversation) => conversation.messages.length)).toEqual([4]);
  });

  it('2. idempotent upserts: the same log twice is one conversation, its body relayed byte for byte', async () => {
    const log = sampleConversation('conv_2', 1);
    const first = await (await confab.call('/analytics/conversations', { body: log })).json();
    const again = await (await confab.call('/analytics/conversations', { body: log })).json();
    expect(again.id).toBe(first.id);
    expect(stored()).toHaveLength(1);
    expect(stored()[0]?.messages.map((message) => message.id)).toEqual(log.messages.map((message) => message.id));
  });

  it.each([
    ['3', 503, '7'],
    ['4', 429, '30'],
  ])('%s. the API answers %s with Retry-After %s: status, Retry-After and problem body reach the widget unchanged', async (_n, status, retryAfter) => {
    backend.analytics.faults.failNext(1, { status, retryAfter });
    const response = await confab.call('/analytics/conversations', { body: sampleConversation('conv_3', 1) });
    expect(response.status).toBe(status);
    expect(response.headers.get('retry-after')).toBe(retryAfter);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await response.json()).status).toBe(status);
  });

  it('5. feedback, events and deletes are relayed; reads and lists (API-key operations) are not', async () => {
    await confab.call('/analytics/conversations', { body: sampleConversation('conv_5', 1) });
    const messageId = sampleConversation('conv_5', 1).messages[1]!.id!;
    expect((await confab.call('/analytics/feedback', { body: { type: 'positive', messageId } })).status).toBe(200);
    expect((await confab.call('/analytics/events', { body: { type: 'assistant_message_copied', entityType: 'message', messageId } })).status).toBe(200);
    expect((await confab.call('/analytics/conversations/conv_5', { method: 'DELETE' })).status).toBe(200);
    expect(stored()).toHaveLength(0);
    expect(backend.analytics.state.events.size).toBe(1);
    const list = await confab.call('/analytics/conversations');
    expect(list.status).toBe(405);
    expect((await confab.call('/analytics/feedback/fb_1')).status).toBe(404);
    expect((await confab.call('/analytics/conversations/conv_5')).status).toBe(405);
  });

  it('6. a body over the API\'s 2 MB is refused here as the API would, in problem+json', async () => {
    const huge = { ...sampleConversation('conv_6', 1), properties: { blob: 'x'.repeat(2 * 1024 * 1024) } };
    const response = await confab.call('/analytics/conversations', { body: huge });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 413, code: 'payload_too_large', instance: '/api/confab/analytics/conversations' });
    expect(stored()).toHaveLength(0);
  });

  it('7. the API refusing the server\'s key is a 502 (the outbox keeps the log and retries), and an unreachable API too', async () => {
    const wrongKey = await startConfab({ analytics: { baseUrl: backend.analytics.baseUrl, apiKey: 'not-a-key' } });
    const dead = await startConfab({ analytics: { baseUrl: 'http://127.0.0.1:9/api/analytics', apiKey: API_KEY } });
    try {
      const refused = await wrongKey.call('/analytics/conversations', { body: sampleConversation('conv_7', 1) });
      expect(refused.status).toBe(502);
      expect((await refused.json()).code).toBe('upstream_auth_failed');
      const unreachable = await dead.call('/analytics/conversations', { body: sampleConversation('conv_7', 1) });
      expect(unreachable.status).toBe(502);
      expect(JSON.stringify(await unreachable.json())).not.toContain('127.0.0.1:9');
    } finally {
      await Promise.all([wrongKey.close(), dead.close()]);
    }
  });
});

describe('logged user ids are checked when the server verifies identities', () => {
  const asUser = (id: string) => ({ ...sampleConversation(`conv_${id}`, 1), userProperties: { id, identificationType: 'ID_PROVIDED' } });

  it('8. the signed-in user\'s own id is logged; another user\'s id, or a user id without a credential, is a 403', async () => {
    const ada = { Authorization: `Bearer ${await signUserId(SECRET, 'ada')}` };
    expect((await verifying.call('/analytics/conversations', { body: asUser('ada'), headers: ada })).status).toBe(200);
    const other = await verifying.call('/analytics/conversations', { body: asUser('mallory'), headers: ada });
    expect(other.status).toBe(403);
    expect((await other.json()).code).toBe('identity_mismatch');
    expect((await verifying.call('/analytics/conversations', { body: asUser('ada'), headers: VISITOR })).status).toBe(403);
    expect(stored().map((conversation) => conversation.userProperties?.id)).toEqual(['ada']);
  });

  it('9. an anonymous visitor\'s logs (COOKIED) pass as they are', async () => {
    const log = { ...sampleConversation('conv_9', 1), userProperties: { id: 'visitor_abc', identificationType: 'COOKIED' } };
    expect((await verifying.call('/analytics/conversations', { body: log, headers: VISITOR })).status).toBe(200);
  });
});

describe('the SDK\'s outbox through the relay', () => {
  it('10. createAnalytics with the relay as baseUrl and the visitor id as its token: a 503 with Retry-After is waited out, then the log lands once', async () => {
    backend.analytics.faults.failNext(1, { status: 503, retryAfter: '1' });
    // Node's fetch sends no Origin of its own; a browser would send the page's.
    const pageFetch: typeof fetch = (input, init = {}) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), Origin: SITE } });
    const errors: unknown[] = [];
    const analytics = createAnalytics({ baseUrl: `${confab.base}/analytics`, getToken: () => 'visitor-00000000-0000-4000-8000-000000000001', fetch: pageFetch, autoFlush: false, onError: (error) => errors.push(error), locks: null });
    await analytics.logConversation(sampleConversation('conv_10', 2));
    const first = await analytics.flush();
    expect(first.delivered).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await analytics.flush();
    expect(second.delivered, String(errors)).toHaveLength(1);
    expect(stored().map((conversation) => conversation.id)).toEqual(['conv_10']);
    await analytics.close();
  });
});

describe('a server without analytics', () => {
  it('11. accepts the widget\'s logs with 204 and drops them, saying so, so a site that keeps no logs sees no errors', async () => {
    const plain = await startConfab();
    try {
      const response = await plain.call('/analytics/conversations', { body: sampleConversation('conv_11', 1) });
      expect(response.status).toBe(204);
      expect(response.headers.get('x-confab-analytics')).toBe('off');
      expect(stored()).toHaveLength(0);
    } finally {
      await plain.close();
    }
  });
});
