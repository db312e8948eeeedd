import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createAnalytics, type AnalyticsOptions } from '../../../src/sdk/analytics/create-analytics';
import { createIdbOutboxStore } from '../../../src/sdk/analytics/idb-outbox-store';
import { createMemoryOutboxStore } from '../../../src/sdk/analytics/outbox-store';
import { StorageError } from '../../../src/sdk/http/errors';
import { sampleConversation } from '../../fixtures/conversations';
import { createFakeAnalyticsServer } from '../../support/fake-analytics-server';
import { createFakeClock } from '../../support/fake-clock';
import { createFakeFetch, json } from '../../support/fake-fetch';
import { createFakeLifecycle } from '../../support/fake-lifecycle';

/*
 * Issue 11's storage and server faults at the outbox (11.N is the issue's numbering): a bad
 * record, a database that cannot open or never answers, a wrong clock, an answer that is not
 * the API's. Each failed before its fix; none may stop delivery or lose a log.
 */

let counter = 0;
const uniqueName = () => `storage-faults-${Date.now()}-${counter++}`;

function setup(overrides: Partial<AnalyticsOptions> = {}) {
  const server = createFakeAnalyticsServer();
  const fake = createFakeFetch([], server.handle);
  const onError = vi.fn();
  const clock = createFakeClock();
  const analytics = createAnalytics({ baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch, clock, lifecycle: createFakeLifecycle(), autoFlush: false, locks: null, onError, ...overrides });
  return { analytics, server, fake, onError, clock };
}

/** Writes `value` at `key` in the outbox database, as another script or an older version might. */
async function plant(storeName: string, key: string, value: unknown) {
  const store = createIdbOutboxStore(storeName);
  await store.update(key, () => value);
  store.close?.();
}

describe('issue 11: the outbox under broken storage and strange answers', () => {
  it.each([
    ['null', null],
    ['a string', 'garbage'],
    ['an object that is not an operation', { hello: 'world' }],
    ['an operation whose key field disagrees with its key', { ...sampleConversation('x'), key: 'conversation:other', kind: 'logConversation', request: { method: 'POST', path: '/conversations' }, revision: 'r', bytes: 1, order: 1, queuedAt: 1, attempts: 0, notBefore: 0 }],
    ['a delete whose restore is not a request', { key: 'conversation:junk', kind: 'deleteConversation', request: { method: 'DELETE', path: '/conversations/junk' }, restore: { method: 'POST' }, revision: 'r', bytes: 0, order: 1, queuedAt: 1, attempts: 0, notBefore: 0 }],
  ])('11.1 a record that is not an operation (%s) is set aside and reported once; the rest is delivered', async (_name, junk) => {
    const storeName = uniqueName();
    await plant(storeName, 'conversation:junk', junk);
    const { analytics, server, onError, fake } = setup({ storeName });
    await analytics.logConversation(sampleConversation('conv_good'));
    const report = await analytics.flush();
    await analytics.flush();
    expect(report.delivered.map((item) => item.key)).toEqual(['conversation:conv_good']);
    expect(server.conversations.has('conv_good')).toBe(true);
    expect(await analytics.pending()).toBe(0);
    expect(await analytics.deadLetters()).toEqual([]);
    expect(fake.requests.every((request) => !request.url.includes('undefined'))).toBe(true);
    const reports = onError.mock.calls.map(([error]) => error as StorageError).filter((error) => /conversation:junk/.test(error.message));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toBeInstanceOf(StorageError);
    const aside = await createIdbOutboxStore(storeName).records('aside');
    expect(aside.map(([key]) => key)).toEqual(['~aside:conversation:junk']);
  });

  it('11.2 where indexedDB.open throws (a sandboxed iframe, storage blocked), logs fall back to memory, said once, and are delivered', async () => {
    const denied = { open: () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } } as unknown as IDBFactory;
    const { analytics, server, onError } = setup({ storeName: uniqueName(), indexedDB: denied });
    await analytics.logConversation(sampleConversation('conv_sandboxed'));
    await analytics.logConversation(sampleConversation('conv_sandboxed', 2));
    await analytics.flush();
    expect(server.conversations.get('conv_sandboxed')?.messageIds).toHaveLength(4);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'storage_unavailable', message: expect.stringMatching(/cannot be used on this page/) });
  });

  it('11.3 an indexedDB.open that never answers (Safari’s first-load bug, a blocked upgrade) times out into the memory fallback', async () => {
    const stuck = { open: () => ({}) as IDBOpenDBRequest } as unknown as IDBFactory;
    const { analytics, server, onError } = setup({ storeName: uniqueName(), indexedDB: stuck });
    await analytics.logConversation(sampleConversation('conv_stuck'));
    await analytics.flush();
    expect(server.conversations.has('conv_stuck')).toBe(true);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'storage_unavailable' }));
  }, 15_000);

  it('11.3b an open outbox never blocks another page deleting or upgrading its database', async () => {
    const storeName = uniqueName();
    const { analytics } = setup({ storeName });
    await analytics.logConversation(sampleConversation('conv_open'));
    const outcome = await new Promise<string>((resolve) => {
      const request = indexedDB.deleteDatabase(`confab-outbox-${storeName}`);
      request.onblocked = () => resolve('blocked');
      request.onsuccess = () => resolve('deleted');
    });
    expect(outcome).toBe('deleted');
  });

  it('11.7 an entry written under a wrong clock (a year ahead) is still sent by the outbox itself, within the retry policy’s longest wait', async () => {
    const store = createMemoryOutboxStore();
    const clock = createFakeClock();
    const { analytics, server } = setup({ store, clock, autoFlush: true, flushDelayMs: 10 });
    await analytics.logConversation(sampleConversation('conv_skew'));
    await store.update('conversation:conv_skew', (value) => ({ ...(value as object), notBefore: clock.now() + 365 * 86_400_000 }));
    clock.advance(10);
    await vi.waitFor(() => expect(server.conversations.has('conv_skew')).toBe(true));
  });

  it.each([
    ['200 text/html (a captive portal, an SPA fallback)', () => new Response('<!doctype html><title>Sign in to the Wi-Fi</title>', { status: 200, headers: { 'Content-Type': 'text/html' } })],
    ['a 301 followed into a GET answered 200', () => Object.defineProperty(json(200, { id: 'conv_portal' }), 'redirected', { value: true })],
    ['an empty 200', () => new Response('', { status: 200, headers: { 'Content-Type': 'application/json' } })],
  ])('11.8 %s does not count as delivered: the log stays queued, is retried, and is reported', async (_name, answer) => {
    const { analytics, onError, fake } = setup();
    fake.queue.push(answer());
    await analytics.logConversation(sampleConversation('conv_portal'));
    const report = await analytics.flush();
    expect(report.delivered).toEqual([]);
    expect(report.pending).toMatchObject([{ key: 'conversation:conv_portal', attempts: 1, lastError: { code: 'invalid_response' } }]);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_response', message: expect.stringMatching(/not the analytics API/) }), expect.anything());
    expect((await analytics.flush()).delivered.map((item) => item.key)).toEqual(['conversation:conv_portal']);
  });
});
