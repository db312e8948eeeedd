import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createAnalytics, type AnalyticsOptions } from '../../../src/sdk/analytics/create-analytics';
import { createIdbOutboxStore } from '../../../src/sdk/analytics/idb-outbox-store';
import { createMemoryOutboxStore, type OutboxStore } from '../../../src/sdk/analytics/outbox-store';
import { retryDelay } from '../../../src/sdk/analytics/judge-failure';
import { defaultRetryPolicy } from '../../../src/sdk/analytics/retry-policy';
import type { LockManagerLike } from '../../../src/sdk/analytics/tab-lock';
import { ConfabError, StorageError, ValidationError } from '../../../src/sdk/http/errors';
import { sampleConversation } from '../../fixtures/conversations';
import { createFakeClock } from '../../support/fake-clock';
import { accepted, apiOk, createFakeFetch, json, type Answer } from '../../support/fake-fetch';
import { createFakeLifecycle } from '../../support/fake-lifecycle';
import { queuedEntries } from '../../support/outbox-entries';

let dbCounter = 0;
const uniqueStoreName = () => `test-${Date.now()}-${dbCounter++}`;

/** An analytics instance on fakes; manual flushing unless the test turns it on. */
function setup(overrides: Partial<AnalyticsOptions> = {}, script: Answer[] = []) {
  const clock = createFakeClock();
  const lifecycle = createFakeLifecycle();
  const fake = createFakeFetch(script);
  const store = overrides.store ?? createMemoryOutboxStore();
  const onError = vi.fn();
  const analytics = createAnalytics({
    baseUrl: 'http://api.test',
    apiKey: 'k',
    fetch: fake.fetch,
    clock,
    lifecycle,
    store,
    autoFlush: false,
    random: () => 1,
    locks: null,
    onError,
    ...overrides,
  });
  return { analytics, clock, lifecycle, fake, store, onError };
}

const bodies = (requests: { body: string | undefined }[]) => requests.map((request) => JSON.parse(request.body ?? 'null'));

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('writing first', () => {
  it('1. logConversation resolves only once the operation is in IndexedDB', async () => {
    const storeName = uniqueStoreName();
    const { analytics } = setup({ store: undefined, storeName });
    const { id } = await analytics.logConversation(sampleConversation('conv_w'));
    const entries = await queuedEntries(createIdbOutboxStore(storeName));
    expect(id).toBe('conv_w');
    expect(entries).toMatchObject([{ key: 'conversation:conv_w', kind: 'logConversation', request: { method: 'POST', path: '/conversations' } }]);
    expect(JSON.parse(entries[0]!.request.body!)).toEqual(sampleConversation('conv_w'));
  });

  it('2. a conversation without an id gets a stable one, returned for the next call', async () => {
    const { analytics, store, fake } = setup();
    const { id } = await analytics.logConversation({ ...sampleConversation(), id: undefined } as never);
    expect(id).toMatch(/^conv_/);
    await analytics.logConversation({ ...sampleConversation(id, 2) });
    expect(await queuedEntries(store)).toHaveLength(1);
    await analytics.flush();
    expect(bodies(fake.requests)).toMatchObject([{ id, messages: { length: 4 } }]);
  });

  it('3. a conversation is redacted before it is stored or sent', async () => {
    const { analytics, store, fake } = setup({
      redact: (conversation) =>
        ({
          ...conversation,
          messages: conversation.messages.map((message) => ({ ...message, content: String(message.content).replace(/\d+/g, '#') })),
        }) as typeof conversation,
    });
    await analytics.logConversation(sampleConversation('conv_r'));
    expect((await queuedEntries(store))[0]!.request.body).not.toMatch(/Question 0/);
    await analytics.flush();
    expect(bodies(fake.requests)[0].messages[0].content).toBe('Question #: how do I embed confab?');
  });

  it('4. in development, a malformed conversation is refused at once, naming the field', async () => {
    const { analytics, store } = setup();
    const bad = { ...sampleConversation('conv_bad'), messages: [{ role: 'robot', content: 'hi' }] };
    await expect(analytics.logConversation(bad as never)).rejects.toThrow(ValidationError);
    await expect(analytics.logConversation(bad as never)).rejects.toThrow(/messages\.0\.role/);
    expect(await queuedEntries(store)).toEqual([]);
  });
});

describe('coalescing', () => {
  it('5. a newer full history replaces the pending older one, keeping its place in the queue', async () => {
    const { analytics, fake } = setup();
    await analytics.logConversation(sampleConversation('conv_a', 1));
    await analytics.logEvent({ id: 'evt_1', type: 'chat_opened', entityType: 'conversation', conversationId: 'conv_a' });
    await analytics.logConversation(sampleConversation('conv_a', 3));
    expect(await analytics.pending()).toBe(2);
    const report = await analytics.flush();
    expect(report.delivered.map((item) => item.key)).toEqual(['conversation:conv_a', 'event:evt_1']);
    expect(bodies(fake.requests)[0].messages).toHaveLength(6);
  });

  it('6. a delete supersedes a pending upsert of the same conversation', async () => {
    const { analytics, fake } = setup();
    await analytics.logConversation(sampleConversation('conv_d'));
    await analytics.deleteConversation('conv_d');
    await analytics.flush();
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['DELETE /conversations/conv_d']);
  });

  it('7. feedback ids are stable per message, and a changed vote replaces the pending one', async () => {
    const { analytics, fake } = setup();
    const first = await analytics.logFeedback({ type: 'positive', messageId: 'msg_1' });
    const second = await analytics.logFeedback({ type: 'negative', messageId: 'msg_1', reasons: [{ label: 'inaccurate_statement', details: '' }] });
    expect(first.id).toBe(second.id);
    await analytics.flush();
    expect(bodies(fake.requests)).toEqual([{ id: first.id, type: 'negative', messageId: 'msg_1', reasons: [{ label: 'inaccurate_statement', details: '' }] }]);
    await analytics.logFeedback({ type: 'positive', messageId: 'msg_1' });
    await analytics.flush();
    expect(bodies(fake.requests)[1]).toEqual({ id: first.id, type: 'positive', messageId: 'msg_1' });
  });

  it('8. a version written while an older one is in flight is not removed by the older one’s 2xx', async () => {
    const gate = deferred<Response>();
    const { analytics, fake } = setup({}, [() => gate.promise]);
    await analytics.logConversation(sampleConversation('conv_f', 1));
    const flushing = analytics.flush();
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    await analytics.logConversation(sampleConversation('conv_f', 2));
    gate.resolve(apiOk());
    const report = await flushing;
    expect(report.pending.map((item) => item.key)).toEqual(['conversation:conv_f']);
    await analytics.flush();
    expect(bodies(fake.requests).map((body) => body.messages.length)).toEqual([2, 4]);
    expect(await analytics.pending()).toBe(0);
  });
});

describe('crashes and tabs', () => {
  it('9. a crash between the send and the delete re-sends after restart, which is harmless', async () => {
    const shared = createMemoryOutboxStore();
    let crash = true;
    const crashingStore: OutboxStore = {
      durable: true,
      records: (section) => shared.records(section),
      update: (key, change, alsoRead) =>
        shared.update(key, (current, also) => {
          const next = change(current, also);
          // The write that settles a delivered entry: the page dies right before it.
          if (crash && (current as { kind?: string } | undefined)?.kind === 'logConversation' && (next as { kind?: string } | undefined)?.kind !== 'logConversation') {
            throw new Error('tab closed before the delete');
          }
          return next;
        }),
    };
    const first = setup({ store: crashingStore });
    await first.analytics.logConversation(sampleConversation('conv_c'));
    await expect(first.analytics.flush()).rejects.toThrow('tab closed before the delete');
    crash = false;

    const second = setup({ store: shared });
    const report = await second.analytics.flush();
    expect(report.delivered.map((item) => item.key)).toEqual(['conversation:conv_c']);
    expect(bodies(second.fake.requests)).toEqual(bodies(first.fake.requests));
    expect(await queuedEntries(shared)).toEqual([]);
  });

  it('10. two outboxes on one IndexedDB database (two tabs), without navigator.locks: the lease keeps the newest history last', async () => {
    const storeName = uniqueStoreName();
    const lastWrite = new Map<string, number>();
    const server: Answer = async (request) => {
      const body = JSON.parse(request.body ?? '{}');
      // Older (shorter) histories take longer, so two unserialised senders would let an
      // older version land last.
      await new Promise((resolve) => setTimeout(resolve, 20 - body.messages.length * 2));
      lastWrite.set(body.id, body.messages.length);
      return apiOk();
    };
    const tabA = setup({ store: undefined, storeName, locks: undefined, clock: undefined }, []);
    const tabB = setup({ store: undefined, storeName, locks: undefined, clock: undefined }, []);
    tabA.fake.queue.push(...Array.from({ length: 100 }, () => server));
    tabB.fake.queue.push(...Array.from({ length: 100 }, () => server));
    // Writes happen in order (a user's turns do); flushes of both tabs race with them and each other.
    const flushes: Promise<unknown>[] = [];
    for (let index = 0; index < 20; index++) {
      const tab = index % 2 === 0 ? tabA : tabB;
      await tab.analytics.logConversation(sampleConversation(`conv_${index % 5}`, 1 + Math.floor(index / 5)));
      if (index % 3 === 0) flushes.push(tabA.analytics.flush(), tabB.analytics.flush());
    }
    await Promise.all(flushes);
    await Promise.all([tabA.analytics.flush(), tabB.analytics.flush()]);
    expect(await tabA.analytics.pending()).toBe(0);
    // The LAST write the server saw of each conversation is its newest history (4 turns = 8 messages).
    expect(Object.fromEntries(lastWrite)).toEqual({ conv_0: 8, conv_1: 8, conv_2: 8, conv_3: 8, conv_4: 8 });
  });

  it('10b. without navigator.locks, a tab whose older send is slow cannot land it after another tab’s newer one', async () => {
    const storeName = uniqueStoreName();
    const slowFirstSend = deferred<Response>();
    const lastWrite = new Map<string, number>();
    const record: (answer: () => Response | Promise<Response>) => Answer = (answer) => async (request) => {
      const response = await answer();
      const body = JSON.parse(request.body ?? '{}');
      lastWrite.set(body.id, body.messages.length);
      return response;
    };
    const tabA = setup({ store: undefined, storeName, locks: undefined, clock: undefined }, [record(() => slowFirstSend.promise)]);
    const tabB = setup({ store: undefined, storeName, locks: undefined, clock: undefined }, [record(() => apiOk())]);
    await tabA.analytics.logConversation(sampleConversation('conv_race', 1));
    const flushA = tabA.analytics.flush();
    await vi.waitFor(() => expect(tabA.fake.requests).toHaveLength(1));
    await tabB.analytics.logConversation(sampleConversation('conv_race', 2));
    const flushB = tabB.analytics.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    slowFirstSend.resolve(apiOk());
    await Promise.all([flushA, flushB]);
    expect(lastWrite.get('conv_race')).toBe(4);
    expect(await tabA.analytics.pending()).toBe(0);
  });

  it('11. with navigator.locks, flushes of two tabs never overlap', async () => {
    let held = false;
    let overlaps = 0;
    const locks: LockManagerLike = {
      async request(_name, callback) {
        while (held) await new Promise((resolve) => setTimeout(resolve, 1));
        held = true;
        try {
          return await callback();
        } finally {
          held = false;
        }
      },
    };
    const inFlight = { A: 0, B: 0 };
    const slowServer = (tab: 'A' | 'B'): Answer => async (request) => {
      inFlight[tab]++;
      if (inFlight[tab === 'A' ? 'B' : 'A'] > 0) overlaps++;
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight[tab]--;
      return accepted(request);
    };
    const store = createMemoryOutboxStore();
    const tabA = setup({ store, locks }, Array.from({ length: 10 }, () => slowServer('A')));
    const tabB = setup({ store, locks }, Array.from({ length: 10 }, () => slowServer('B')));
    for (let index = 0; index < 6; index++) await tabA.analytics.logConversation(sampleConversation(`conv_${index}`));
    await Promise.all([tabA.analytics.flush(), tabB.analytics.flush(), tabA.analytics.flush()]);
    expect(overlaps).toBe(0);
    expect(tabA.fake.requests.length + tabB.fake.requests.length).toBe(6);
  });
});

describe('retrying', () => {
  it('12. backoff is exponential with full jitter, capped at 5 minutes', () => {
    const ceilings = [0, 1, 2, 3, 8, 9, 20].map((attempt) => retryDelay(defaultRetryPolicy, attempt, undefined, () => 1));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000]);
    expect(retryDelay(defaultRetryPolicy, 3, undefined, () => 0.25)).toBe(2_000);
    expect(retryDelay(defaultRetryPolicy, 3, undefined, () => 0)).toBe(0);
    expect(retryDelay(defaultRetryPolicy, 0, 900_000, () => 1)).toBe(600_000);
  });

  it('13. a failed send is retried by itself once its backoff ends, then delivered', async () => {
    const { analytics, clock, fake } = setup({ autoFlush: true, flushDelayMs: 100 }, [json(503, {}), json(503, {}), accepted]);
    await analytics.logConversation(sampleConversation('conv_b'));
    clock.advance(100);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    await vi.waitFor(() => expect(clock.timers.map((timer) => timer.at - clock.now())).toEqual([1_000]));
    clock.advance(999);
    expect(fake.requests).toHaveLength(1);
    clock.advance(1);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(2));
    await vi.waitFor(() => expect(clock.timers.map((timer) => timer.at - clock.now())).toEqual([2_000]));
    clock.advance(2_000);
    await vi.waitFor(async () => expect(await analytics.pending()).toBe(0));
    expect(fake.requests).toHaveLength(3);
    await analytics.close();
  });

  it('14. an operation still pending after 7 days goes to the dead letters and onError', async () => {
    const { analytics, clock, onError } = setup({}, Array.from({ length: 3 }, () => json(503, {})));
    await analytics.logConversation(sampleConversation('conv_old'));
    await analytics.flush();
    clock.advance(7 * 24 * 3_600_000 + 1);
    const report = await analytics.flush();
    expect(report.pending).toEqual([]);
    expect(report.deadLettered).toMatchObject([{ key: 'conversation:conv_old', lastError: { code: 'expired' } }]);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'expired' }), { item: expect.objectContaining({ key: 'conversation:conv_old' }) });
  });

  it('15. dead letters can be queued again, e.g. after fixing the key', async () => {
    const { analytics, fake } = setup({}, [json(401, { title: 'Unauthorized', status: 401, detail: 'bad key', code: 'unauthorized' })]);
    await analytics.logConversation(sampleConversation('conv_k'));
    expect((await analytics.flush()).deadLettered).toHaveLength(1);
    expect(await analytics.retryDeadLetters()).toBe(1);
    const report = await analytics.flush();
    expect(report.delivered.map((item) => item.key)).toEqual(['conversation:conv_k']);
    expect(report.deadLettered).toEqual([]);
    expect(fake.requests).toHaveLength(2);
  });
});

describe('when to flush', () => {
  it('16. on start: what an earlier page left is sent', async () => {
    const store = createMemoryOutboxStore();
    const earlier = setup({ store });
    await earlier.analytics.logConversation(sampleConversation('conv_s'));
    const later = setup({ store, autoFlush: true });
    await vi.waitFor(() => expect(later.fake.requests).toHaveLength(1));
    await later.analytics.close();
  });

  it('17. after an enqueue, debounced: a burst goes out in one pass', async () => {
    const { analytics, clock, fake } = setup({ autoFlush: true, flushDelayMs: 500 });
    await analytics.flush(); // the pass every start makes, over
    expect(clock.timers).toHaveLength(0);
    await analytics.logConversation(sampleConversation('conv_1', 1));
    clock.advance(300);
    await analytics.logConversation(sampleConversation('conv_1', 2));
    await analytics.logEvent({ id: 'evt_x', type: 'chat_opened', entityType: 'conversation', conversationId: 'conv_1' });
    clock.advance(199);
    expect(fake.requests).toHaveLength(0);
    clock.advance(1);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(2));
    expect(bodies(fake.requests)[0].messages).toHaveLength(4);
    await analytics.close();
  });

  it('18. offline: nothing is attempted; back online, everything is sent at once', async () => {
    const { analytics, lifecycle, fake, clock } = setup({ autoFlush: true });
    lifecycle.online = false;
    await analytics.logConversation(sampleConversation('conv_o'));
    clock.advance(10_000);
    await analytics.flush();
    expect(fake.requests).toHaveLength(0);
    lifecycle.online = true;
    lifecycle.emit('online');
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    await analytics.close();
  });

  it('19. the page becoming visible flushes', async () => {
    const { analytics, lifecycle, fake } = setup({ autoFlush: true, flushDelayMs: 60_000 });
    await analytics.logConversation(sampleConversation('conv_v'));
    expect(fake.requests).toHaveLength(0);
    lifecycle.emit('visible');
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    await analytics.close();
  });

  it('20. leaving the page sends this page’s unsent writes that fit a 60 KB keepalive budget, in order; a locked flush still removes them', async () => {
    const { analytics, lifecycle, fake, store } = setup();
    const big = (id: string, kb: number) => ({ ...sampleConversation(id), messages: [{ id: `${id}_m`, role: 'user' as const, content: 'x'.repeat(kb * 1024) }] });
    await analytics.logConversation(big('conv_1', 25));
    await analytics.logConversation(big('conv_2', 40));
    await analytics.logConversation(big('conv_3', 25));
    await analytics.logEvent({ id: 'evt_l', type: 'search_closed', entityType: 'search', searchQuery: 'embed' });
    lifecycle.emit('leaving');
    lifecycle.emit('leaving');
    // Synchronously, while the page is still there: nothing is awaited before fetch.
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests.map((request) => [request.keepalive, JSON.parse(request.body!).id])).toEqual([
      [true, 'conv_1'],
      [true, 'conv_3'],
      [true, 'evt_l'],
    ]);
    // Sent without the lock, so not removed: the next locked flush sends all four and removes them.
    expect(await queuedEntries(store)).toHaveLength(4);
    const report = await analytics.flush();
    expect(report.delivered).toHaveLength(4);
    expect(fake.requests.slice(3).every((request) => !request.keepalive)).toBe(true);
  });

  it('21. leaving does not send what a flush already attempted, nor what another tab rewrote since', async () => {
    const store = createMemoryOutboxStore();
    const tabA = setup({ store }, [json(503, {})]);
    const tabB = setup({ store });
    await tabA.analytics.logConversation(sampleConversation('conv_tried'));
    await tabA.analytics.flush();
    await tabA.analytics.logConversation(sampleConversation('conv_shared', 1));
    await tabB.analytics.logConversation(sampleConversation('conv_shared', 2));
    await new Promise((resolve) => setTimeout(resolve, 10)); // BroadcastChannel delivery
    tabA.lifecycle.emit('leaving');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(tabA.fake.requests.filter((request) => request.keepalive)).toEqual([]);
    await Promise.all([tabA.analytics.close(), tabB.analytics.close()]);
  });
});

describe('storage trouble', () => {
  it('22. a failing IndexedDB write falls back to memory, is reported once, and still delivers', async () => {
    const failing: OutboxStore = {
      durable: true,
      update: () => Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')),
      records: () => Promise.resolve([]),
    };
    const { withMemoryFallback } = await import('../../../src/sdk/analytics/fallback-outbox-store');
    const onStorageError = vi.fn();
    const store = withMemoryFallback(failing, onStorageError);
    const { analytics, fake } = setup({ store });
    await analytics.logConversation(sampleConversation('conv_q1'));
    await analytics.logConversation(sampleConversation('conv_q2'));
    expect(onStorageError).toHaveBeenCalledTimes(1);
    expect(onStorageError.mock.calls[0]![0]).toBeInstanceOf(StorageError);
    expect(store.durable).toBe(false);
    await analytics.flush();
    expect(fake.requests).toHaveLength(2);
  });

  it('23. closing with undelivered operations in memory reports the loss', async () => {
    const { analytics, onError } = setup({}, [json(503, {})]);
    await analytics.logConversation(sampleConversation('conv_m'));
    await analytics.flush();
    await analytics.close();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'storage_unavailable', message: expect.stringMatching(/^1 undelivered analytics operation/) }));
    await expect(analytics.logConversation(sampleConversation())).rejects.toThrow(ConfabError);
  });
});

describe('review findings', () => {
  it('24. a 429 with Retry-After pauses the whole queue, not just the entry that got it', async () => {
    const { analytics, clock, fake } = setup({ autoFlush: true, flushDelayMs: 10 }, [json(429, {}, { 'Retry-After': '60' })]);
    for (let index = 0; index < 5; index++) await analytics.logConversation(sampleConversation(`conv_p${index}`));
    clock.advance(10);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    clock.advance(59_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.requests).toHaveLength(1);
    clock.advance(1_000);
    await vi.waitFor(async () => expect(await analytics.pending()).toBe(0));
    expect(fake.requests).toHaveLength(6);
    await analytics.close();
  });

  it('25. a getToken that fails is a retryable network error, not a dead letter', async () => {
    let calls = 0;
    const getToken = async () => {
      calls++;
      if (calls === 1) throw new Error('token service down');
      return 'fresh';
    };
    const { analytics, fake, onError } = setup({ apiKey: undefined, getToken });
    await analytics.logConversation(sampleConversation('conv_tok'));
    const first = await analytics.flush();
    expect(first.pending).toMatchObject([{ attempts: 1, lastError: { code: 'network_error', message: expect.stringMatching(/token service down/) } }]);
    expect(first.deadLettered).toEqual([]);
    expect((await analytics.flush()).delivered).toHaveLength(1);
    expect(fake.requests[0]!.headers['authorization']).toBe('Bearer fresh');
    expect(onError).not.toHaveBeenCalled();
  });

  it('26. a getToken that never settles ends in the request timeout, and no timer is left behind', async () => {
    const { analytics, clock } = setup({ apiKey: undefined, getToken: () => new Promise<string>(() => undefined), timeoutMs: 1_000 });
    await analytics.logConversation(sampleConversation('conv_hang'));
    const flushing = analytics.flush();
    await vi.waitFor(() => expect(clock.timers.map((timer) => timer.at - clock.now())).toEqual([1_000]));
    clock.advance(1_000);
    expect((await flushing).pending).toMatchObject([{ lastError: { code: 'timeout' } }]);
    expect(clock.timers).toEqual([]);
  });

  it('27. a lock manager that throws (sandboxed iframe) does not wedge the outbox', async () => {
    const locks: LockManagerLike = { request: () => Promise.reject(new DOMException('Access denied', 'SecurityError')) };
    const { analytics, fake } = setup({ locks });
    await analytics.logConversation(sampleConversation('conv_l1'));
    expect((await analytics.flush()).delivered).toHaveLength(1);
    await analytics.logConversation(sampleConversation('conv_l2'));
    expect((await analytics.flush()).delivered).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('28. retryDeadLetters restores the newest version per conversation (the one dead letter its key keeps) and keeps oversized ones dead', async () => {
    const { analytics, clock, fake } = setup({}, [json(422, {}), json(422, {})]);
    await analytics.logConversation(sampleConversation('conv_dl', 1));
    await analytics.flush();
    clock.advance(1_000);
    await analytics.logConversation(sampleConversation('conv_dl', 3));
    await analytics.flush();
    await analytics.logFeedback({ type: 'negative', messageId: 'm1', details: 'z'.repeat(2_100_000) });
    expect(await analytics.deadLetters()).toHaveLength(2);
    expect(await analytics.retryDeadLetters()).toBe(1);
    expect((await analytics.deadLetters()).map((item) => item.kind)).toEqual(['logFeedback']);
    await analytics.flush();
    expect(bodies(fake.requests).at(-1).messages).toHaveLength(6);
  });

  it('29. a quota failure on write keeps the entry the durable store held, instead of losing it', async () => {
    const durable = createMemoryOutboxStore();
    let failPuts = false;
    const quotaStore: OutboxStore = {
      durable: true,
      records: (section) => durable.records(section),
      update: (key, change, alsoRead) =>
        durable.update(key, (current, also) => {
          const next = change(current, also);
          if (next && failPuts) throw new DOMException('Quota exceeded', 'QuotaExceededError');
          return next;
        }),
    };
    const { withMemoryFallback } = await import('../../../src/sdk/analytics/fallback-outbox-store');
    const store = withMemoryFallback(quotaStore, () => undefined);
    const { analytics, fake } = setup({ store }, [json(503, {})]);
    await analytics.logConversation(sampleConversation('conv_quota'));
    failPuts = true;
    const report = await analytics.flush();
    expect(report.pending).toMatchObject([{ key: 'conversation:conv_quota', attempts: 1 }]);
    expect((await analytics.flush()).delivered).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('30. an entry older than 7 days is still tried once: delivered if the server takes it', async () => {
    const { analytics, clock, onError } = setup();
    await analytics.logConversation(sampleConversation('conv_week'));
    clock.advance(8 * 24 * 3_600_000);
    expect((await analytics.flush()).delivered).toHaveLength(1);
    expect(onError).not.toHaveBeenCalled();
  });

  it('31. close() waits for the pass in progress before counting what is left', async () => {
    const gate = deferred<Response>();
    const { analytics, fake, onError, store } = setup({}, [() => gate.promise]);
    await analytics.logConversation(sampleConversation('conv_close'));
    const flushing = analytics.flush();
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    const closing = analytics.close();
    gate.resolve(apiOk());
    await Promise.all([flushing, closing]);
    expect(onError).not.toHaveBeenCalled();
    expect(await queuedEntries(store)).toEqual([]);
  });

  it('32. a store change that throws aborts the IndexedDB transaction and rejects, writing nothing', async () => {
    const store = createIdbOutboxStore(uniqueStoreName());
    await expect(store.update('k', () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await queuedEntries(store)).toEqual([]);
  });
});
