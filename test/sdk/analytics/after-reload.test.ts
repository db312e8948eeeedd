import { describe, expect, it, vi } from 'vitest';
import { createAnalytics, type AnalyticsOptions } from '../../../src/sdk/analytics/create-analytics';
import { createMemoryOutboxStore, type OutboxStore } from '../../../src/sdk/analytics/outbox-store';
import { sampleConversation } from '../../fixtures/conversations';
import { createFakeClock } from '../../support/fake-clock';
import { createFakeFetch, json } from '../../support/fake-fetch';
import { createFakeLifecycle } from '../../support/fake-lifecycle';
import { queuedEntries } from '../../support/outbox-entries';

/** One page of a visit: an analytics instance on the shared store, with its own fakes. */
function page(store: OutboxStore, clock: ReturnType<typeof createFakeClock>, overrides: Partial<AnalyticsOptions> = {}, script: Parameters<typeof createFakeFetch>[0] = []) {
  const lifecycle = createFakeLifecycle();
  const fake = createFakeFetch(script);
  const onError = vi.fn();
  const analytics = createAnalytics({ baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch, clock, lifecycle, store, autoFlush: false, random: () => 1, locks: null, onError, ...overrides });
  return { analytics, lifecycle, fake, onError };
}

const sentIds = (requests: { body: string | undefined; keepalive: boolean }[]) => requests.filter((request) => !request.keepalive).map((request) => (JSON.parse(request.body ?? 'null') as { id: string }).id);

describe('after a reload', () => {
  // The handoff acceptance case: the page is reloaded with a version of the conversation only
  // sent with keepalive; the next page delivers a newer version, which is then sent once more
  // when the keepalive can no longer land (2 min). The conversation is on the server already:
  // its events must not wait those minutes behind it.
  it('1. an event of a conversation delivered once and waiting to be confirmed is sent at once, not after the late-landing window', async () => {
    const store = createMemoryOutboxStore();
    const clock = createFakeClock();
    const before = page(store, clock);
    await before.analytics.logConversation(sampleConversation('conv_r', 1), { partial: true });
    before.lifecycle.emit('leaving');
    expect(before.fake.requests.filter((request) => request.keepalive)).toHaveLength(1);

    const after = page(store, clock);
    await after.analytics.logConversation(sampleConversation('conv_r', 2));
    await after.analytics.flush();
    // Later, the visitor rates the chat.
    clock.advance(10_000);
    await after.analytics.logEvent({ id: 'evt_csat', type: 'support_csat_submitted', entityType: 'conversation', conversationId: 'conv_r', properties: { score: 4 } });
    const report = await after.analytics.flush();
    expect(sentIds(after.fake.requests)).toEqual(['conv_r', 'evt_csat']);
    expect(report.delivered.map((item) => item.key)).toEqual(['event:evt_csat']);
    // The conversation alone waits to be sent once more, after the keepalive can no longer land.
    expect((await queuedEntries(store)).map((entry) => [entry.key, entry.confirming])).toEqual([['conversation:conv_r', true]]);
    clock.advance(3 * 60_000);
    await after.analytics.flush();
    expect(sentIds(after.fake.requests)).toEqual(['conv_r', 'evt_csat', 'conv_r']);
    expect(await queuedEntries(store)).toEqual([]);
    expect(after.onError).not.toHaveBeenCalled();
  });

  it('2. a failed confirming send of the conversation does not hold back the event queued after it', async () => {
    const store = createMemoryOutboxStore();
    const clock = createFakeClock();
    const before = page(store, clock);
    await before.analytics.logConversation(sampleConversation('conv_f', 1), { partial: true });
    before.lifecycle.emit('leaving');

    // Answers: version 2 delivered, then a 503 to its confirming send.
    const after = page(store, clock, {}, [json(200, { id: 'conv_f' }), json(503, {})]);
    await after.analytics.logConversation(sampleConversation('conv_f', 2));
    await after.analytics.flush();
    clock.advance(3 * 60_000);
    await after.analytics.logEvent({ id: 'evt_f', type: 'support_csat_submitted', entityType: 'conversation', conversationId: 'conv_f', properties: { score: 2 } });
    const report = await after.analytics.flush();
    expect(sentIds(after.fake.requests)).toEqual(['conv_f', 'conv_f', 'evt_f']);
    expect(report.delivered.map((item) => item.key)).toEqual(['event:evt_f']);
    expect((await queuedEntries(store)).map((entry) => [entry.key, entry.confirming, entry.attempts])).toEqual([['conversation:conv_f', true, 1]]);
  });
});

describe('when the next pass is due', () => {
  it('3. an event waiting behind its conversation in backoff wakes the outbox when the conversation is due, not at once, again and again', async () => {
    const store = createMemoryOutboxStore();
    const clock = createFakeClock();
    const { analytics, fake } = page(store, clock, { autoFlush: true, flushDelayMs: 0 }, [json(500, {})]);
    await analytics.logConversation(sampleConversation('conv_b'));
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    await analytics.logEvent({ id: 'evt_b', type: 'support_csat_submitted', entityType: 'conversation', conversationId: 'conv_b', properties: { score: 5 } });
    clock.advance(0);
    const conversation = (await queuedEntries(store)).find((entry) => entry.key === 'conversation:conv_b')!;
    expect(conversation.notBefore).toBeGreaterThan(clock.now());
    // The pass found the lane's head not due: its next wake is the head's due time.
    await vi.waitFor(() => expect(clock.timers.map((timer) => timer.at)).toEqual([conversation.notBefore]));
    expect(fake.requests).toHaveLength(1);
    clock.advance(conversation.notBefore - clock.now());
    await vi.waitFor(() => expect(sentIds(fake.requests)).toEqual(['conv_b', 'conv_b', 'evt_b']));
    await analytics.close();
  });
});
