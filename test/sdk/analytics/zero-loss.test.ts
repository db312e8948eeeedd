import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createAnalytics, type AnalyticsOptions } from '../../../src/sdk/analytics/create-analytics';
import { createIdbOutboxStore } from '../../../src/sdk/analytics/idb-outbox-store';
import { createMemoryOutboxStore } from '../../../src/sdk/analytics/outbox-store';
import type { CreateConversation } from '../../../src/sdk/analytics/schemas';
import { sampleConversation } from '../../fixtures/conversations';
import { createFakeAnalyticsServer, deferred, type Fate } from '../../support/fake-analytics-server';
import { createFakeClock } from '../../support/fake-clock';
import { createFakeFetch, type SeenRequest } from '../../support/fake-fetch';
import { createFakeLifecycle } from '../../support/fake-lifecycle';

/*
 * Issue 10's outbox failures, one numbered case each (10.N is the issue's numbering). Each
 * failed on the code before the fix; the server is a fake with the contract's semantics
 * (last writer wins), driven through the fetch seam.
 */

let counter = 0;
const uniqueName = () => `zero-loss-${Date.now()}-${counter++}`;

/** Version `version` of conversation `id`, with `turns` turns and the version in its properties. */
function version(id: string, versionNumber: number, turns = versionNumber): CreateConversation {
  const conversation = sampleConversation(id, turns);
  return { ...conversation, properties: { ...conversation.properties, version: versionNumber } };
}

function setup(overrides: Partial<AnalyticsOptions> = {}, plan?: (request: SeenRequest) => Fate) {
  const clock = createFakeClock();
  const lifecycle = createFakeLifecycle();
  const server = createFakeAnalyticsServer(plan);
  const fake = createFakeFetch([], server.handle);
  const onError = vi.fn();
  const analytics = createAnalytics({
    baseUrl: 'http://api.test',
    apiKey: 'k',
    fetch: fake.fetch,
    clock,
    lifecycle,
    store: createMemoryOutboxStore(),
    autoFlush: false,
    random: () => 1,
    locks: null,
    onError,
    ...overrides,
  });
  return { analytics, clock, lifecycle, server, fake, onError };
}

describe('issue 10: nothing of a conversation is lost or resurrected at the server', () => {
  it('10.1 a delete queued while a turn is being logged (slow redact) is final: the upsert neither replaces nor follows it', async () => {
    const redacting = deferred();
    let redactions = 0;
    const { analytics, server } = setup({ redact: async (conversation) => (redactions++ === 1 && (await redacting.promise), conversation) });
    await analytics.logConversation(version('conv_del', 1));
    await analytics.flush();
    const logging = analytics.logConversation(version('conv_del', 2));
    await analytics.deleteConversation('conv_del');
    redacting.resolve();
    await logging;
    await analytics.flush();
    await analytics.flush();
    expect(server.conversations.has('conv_del')).toBe(false);
    expect(server.log.map((write) => `${write.method} ${write.id}`)).toEqual(['POST conv_del', 'DELETE conv_del']);
    // And a later upsert of the deleted id is refused for good.
    await analytics.logConversation(version('conv_del', 3));
    await analytics.flush();
    expect(server.conversations.has('conv_del')).toBe(false);
    expect(await analytics.pending()).toBe(0);
  });

  it('10.2 versions keep the order of the calls, whatever each redaction costs', async () => {
    const slowFirst = deferred();
    let calls = 0;
    const { analytics, server } = setup({
      redact: async (conversation) => {
        if (calls++ === 0) await slowFirst.promise;
        return conversation;
      },
    });
    const first = analytics.logConversation(version('conv_order', 1));
    await analytics.logConversation(version('conv_order', 2));
    slowFirst.resolve();
    await first;
    await analytics.flush();
    expect(server.conversations.get('conv_order')?.version).toBe(2);
  });

  it('10.9 a refused conversation keeps one dead letter (the newest), not one full history per turn', async () => {
    const { analytics } = setup({}, () => ({ kind: 'status', status: 401 }));
    for (let turn = 1; turn <= 40; turn++) {
      await analytics.logConversation(version('conv_revoked', turn));
      await analytics.flush();
    }
    const dead = await analytics.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ key: 'conversation:conv_revoked' });
  });

  it('10.9b dead letters are bounded in number and age', async () => {
    const { analytics, clock } = setup({}, () => ({ kind: 'status', status: 422 }));
    for (let index = 0; index < 120; index++) {
      await analytics.logEvent({ id: `evt_${index}`, type: 'x', entityType: 'conversation', conversationId: 'c' });
      await analytics.flush();
    }
    expect((await analytics.deadLetters()).length).toBeLessThanOrEqual(100);
    clock.advance(31 * 24 * 3_600_000);
    await analytics.logEvent({ id: 'evt_late', type: 'x', entityType: 'conversation', conversationId: 'c' });
    await analytics.flush();
    expect((await analytics.deadLetters()).map((item) => item.key)).toEqual(['event:evt_late']);
  });

  it('10.9c a background pass does not read the dead letters', async () => {
    const name = uniqueName();
    const store = createIdbOutboxStore(name);
    const sections: string[] = [];
    const watched = { ...store, records: (section: Parameters<typeof store.records>[0]) => (sections.push(section), store.records(section)) };
    const { analytics } = setup({ store: watched }, (request) => (request.body?.includes('conv_dead') ? { kind: 'status', status: 422 } : { kind: 'ok' }));
    await analytics.logConversation(version('conv_dead', 1));
    await analytics.flush();
    sections.length = 0;
    await analytics.logConversation(version('conv_live', 1));
    await analytics.flush();
    expect(sections).toContain('queue');
    expect(sections).not.toContain('dead');
  });

  it('10.12 flush() after close() rejects like every other method instead of throwing', async () => {
    const { analytics } = setup();
    await analytics.close();
    let thrown: unknown;
    let result: Promise<unknown> | undefined;
    try {
      result = analytics.flush();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeUndefined();
    await expect(result).rejects.toMatchObject({ code: 'closed' });
  });

  it('10.14 feedback queued before a delete never reaches the server after the DELETE', async () => {
    let down = false;
    const { analytics, server } = setup({}, () => (down ? { kind: 'status', status: 503 } : { kind: 'ok' }));
    await analytics.logConversation(version('conv_fb', 1));
    down = true;
    await analytics.logConversation(version('conv_fb', 2));
    await analytics.logFeedback({ type: 'negative', messageId: 'conv_fb_a1', details: 'wrong' }, { conversationId: 'conv_fb' });
    await analytics.logEvent({ type: 'assistant_message_copied', entityType: 'message', messageId: 'conv_fb_a1' }, { conversationId: 'conv_fb' });
    await analytics.flush();
    await analytics.deleteConversation('conv_fb');
    down = false;
    await analytics.flush();
    await analytics.flush();
    expect(server.conversations.has('conv_fb')).toBe(false);
    expect([...server.feedback.values()]).toEqual([]);
    const deleteAt = server.log.findIndex((write) => write.method === 'DELETE');
    expect(server.log.slice(deleteAt + 1)).toEqual([]);
    // A vote on a deleted conversation's answer, arriving late, is refused too.
    await analytics.logFeedback({ type: 'positive', messageId: 'conv_fb_a0' }, { conversationId: 'conv_fb' });
    await analytics.flush();
    expect([...server.feedback.values()]).toEqual([]);
  });

  it('10.14b a vote whose send is in doubt when its conversation is deleted: the DELETE waits until it can no longer land', async () => {
    const lands = deferred();
    let votes = 0;
    const { analytics, clock, server } = setup({ timeoutMs: 1_000, retryPolicy: { lateLandingMs: 60_000 } }, (request) =>
      request.path === '/feedback' && votes++ === 0 ? { kind: 'late', land: lands.promise } : { kind: 'ok' },
    );
    await analytics.logConversation(version('conv_doubt', 1));
    await analytics.flush();
    await analytics.logFeedback({ type: 'negative', messageId: 'conv_doubt_a0', details: 'a comment' }, { conversationId: 'conv_doubt' });
    const flushing = analytics.flush();
    await vi.waitFor(() => expect(votes).toBe(1));
    clock.advance(1_000); // no answer: the vote may still land
    await flushing;
    await analytics.deleteConversation('conv_doubt');
    await analytics.flush();
    expect(server.log.map((write) => write.method)).toEqual(['POST']); // the DELETE waits
    lands.resolve(); // the vote lands, late
    await new Promise((resolve) => setTimeout(resolve, 0));
    clock.advance(60_000);
    await analytics.flush();
    expect(server.conversations.has('conv_doubt')).toBe(false);
    expect([...server.feedback.values()]).toEqual([]);
  });

  it('10.15 a pass never sends a version older than the one left by keepalive on leaving', async () => {
    const slowA = deferred();
    const { analytics, lifecycle, server, fake } = setup({}, (request) => (request.body?.includes('"conv_a"') && !request.keepalive ? { kind: 'slow', until: slowA.promise } : { kind: 'ok' }));
    await analytics.logConversation(version('conv_a', 1));
    await analytics.logConversation(version('conv_b', 1));
    // A pass is busy sending conv_a when the reader writes conv_b again and hides the page.
    const passing = analytics.flush();
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    await analytics.logConversation(version('conv_b', 2));
    lifecycle.emit('leaving');
    slowA.resolve();
    await passing;
    const bVersions = server.log.filter((write) => write.id === 'conv_b').map((write) => write.version);
    expect(bVersions.at(-1)).toBe(2);
    expect(bVersions.slice(bVersions.indexOf(2)).every((seen) => seen === 2)).toBe(true);
  });

  it('10.16 a request that commits late (after a newer version was delivered) is overwritten again by the newest', async () => {
    const lands = deferred();
    let sends = 0;
    const { analytics, clock, server } = setup({ timeoutMs: 1_000 }, () => (sends++ === 0 ? { kind: 'late', land: lands.promise } : { kind: 'ok' }));
    await analytics.logConversation(version('conv_late', 5));
    const flushing = analytics.flush();
    await vi.waitFor(() => expect(sends).toBe(1));
    clock.advance(1_000); // the client gives up: the outcome is unknown
    await flushing;
    await analytics.logConversation(version('conv_late', 9));
    await analytics.flush();
    expect(server.conversations.get('conv_late')?.version).toBe(9);
    lands.resolve(); // the abandoned v5 is committed now
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.conversations.get('conv_late')?.version).toBe(5);
    // Nothing is pending forever, and once a late landing could have happened the newest is sent again.
    expect(await analytics.pending()).toBe(1);
    clock.advance(10 * 60_000);
    await analytics.flush();
    expect(server.conversations.get('conv_late')?.version).toBe(9);
    expect(await analytics.pending()).toBe(0);
  });
  it('10.17 an older version landing late, before the delete, would shrink the delete: the newest is restored first, so the delete takes every vote along', async () => {
    const lands = deferred();
    let sends = 0;
    const { analytics, clock, server } = setup({ timeoutMs: 1_000, retryPolicy: { lateLandingMs: 60_000 } }, (request) =>
      request.path === '/conversations' && sends++ === 0 ? { kind: 'late', land: lands.promise } : { kind: 'ok' },
    );
    await analytics.logConversation(version('conv_shrunk', 1, 1));
    const flushing = analytics.flush();
    await vi.waitFor(() => expect(sends).toBe(1));
    clock.advance(1_000); // v1 gets no answer: it may still land
    await flushing;
    await analytics.logConversation(version('conv_shrunk', 2, 3));
    await analytics.flush();
    await analytics.logFeedback({ type: 'negative', messageId: 'conv_shrunk_a2' }, { conversationId: 'conv_shrunk' });
    await analytics.flush();
    expect([...server.feedback.values()].map((vote) => vote.messageId)).toEqual(['conv_shrunk_a2']);
    await analytics.deleteConversation('conv_shrunk');
    lands.resolve(); // v1 lands now, before the delete: the server's copy forgets the voted answer
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.conversations.get('conv_shrunk')?.version).toBe(1);
    clock.advance(60_000);
    await analytics.flush();
    expect(server.conversations.has('conv_shrunk')).toBe(false);
    expect([...server.feedback.values()], 'the vote outlives its conversation').toEqual([]);
    expect(server.log.slice(-2).map((write) => `${write.method} ${String(write.version ?? '')}`)).toEqual(['POST 2', 'DELETE ']);
    expect(await analytics.pending()).toBe(0);
  });
  it('10.18 a delete queued just before the page is left is not sent with keepalive while a vote of its conversation may still land', async () => {
    const lands = deferred();
    let votes = 0;
    const { analytics, clock, lifecycle, server, fake } = setup({ timeoutMs: 1_000, retryPolicy: { lateLandingMs: 60_000 } }, (request) =>
      request.path === '/feedback' && votes++ === 0 ? { kind: 'late', land: lands.promise } : { kind: 'ok' },
    );
    await analytics.logConversation(version('conv_left', 1));
    await analytics.flush();
    await analytics.logFeedback({ type: 'negative', messageId: 'conv_left_a0' }, { conversationId: 'conv_left' });
    const flushing = analytics.flush();
    await vi.waitFor(() => expect(votes).toBe(1));
    clock.advance(1_000); // no answer: the vote may still land
    await flushing;
    await analytics.deleteConversation('conv_left');
    lifecycle.emit('leaving');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.requests.filter((request) => request.keepalive).map((request) => request.method), 'no DELETE on leaving').toEqual([]);
    lands.resolve(); // the vote lands, late
    await new Promise((resolve) => setTimeout(resolve, 0));
    clock.advance(60_000);
    await analytics.flush();
    expect(server.conversations.has('conv_left')).toBe(false);
    expect([...server.feedback.values()], 'the vote outlives its conversation').toEqual([]);
    expect(await analytics.pending()).toBe(0);
  });

  it('10.19 a tab that left with an older version by keepalive, landing after another tab delivered a newer one: the newest is sent again once that keepalive could have landed', async () => {
    // Two tabs on one outbox database, one clock and one server; tab A's keepalive is slow to land.
    const lands = deferred();
    const store = createMemoryOutboxStore();
    const clock = createFakeClock();
    const server = createFakeAnalyticsServer((request) => (request.keepalive ? { kind: 'late', land: lands.promise } : { kind: 'ok' }));
    const openTab = () => {
      const lifecycle = createFakeLifecycle();
      const fake = createFakeFetch([], server.handle);
      const analytics = createAnalytics({ baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch, clock, lifecycle, store, autoFlush: false, random: () => 1, locks: null, onError: vi.fn() });
      return { analytics, lifecycle, fake };
    };
    const tabA = openTab();
    const tabB = openTab();
    await tabA.analytics.logConversation(version('conv_tabs', 1));
    tabA.lifecycle.emit('leaving');
    expect(tabA.fake.requests.filter((request) => request.keepalive), 'tab A leaves with v1').toHaveLength(1);
    await tabB.analytics.logConversation(version('conv_tabs', 2));
    await tabB.analytics.flush();
    expect(server.conversations.get('conv_tabs')?.version).toBe(2);
    lands.resolve(); // tab A's v1 lands now, over v2
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.conversations.get('conv_tabs')?.version).toBe(1);
    // Tab B kept the newest, since a keepalive of an older version could still land; once it no longer can, v2 goes again.
    expect(await tabB.analytics.pending()).toBe(1);
    clock.advance(10 * 60_000);
    await tabB.analytics.flush();
    expect(server.conversations.get('conv_tabs')?.version).toBe(2);
    expect(await tabB.analytics.pending()).toBe(0);
    await Promise.all([tabA.analytics.close(), tabB.analytics.close()]);
  });
});
