// The outbox in real Chromium: real IndexedDB, navigator.locks, online/offline and page
// lifecycle, against the reference analytics server on the same origin.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalyticsServer } from '../../demo/server/analytics/create-analytics-server';
import { sampleConversation } from '../fixtures/conversations';
import { launchChromium } from './chromium';
import { startTestServer } from './test-server';

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
let analytics: AnalyticsServer;
let context: BrowserContext;
let storeCounter = 0;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTestServer()]);
  analytics = server.analytics;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  analytics.reset();
  await context?.close();
  context = await browser.newContext();
});

/** Opens the outbox page; `store` names the IndexedDB outbox, `delay` the flush delay. */
async function openPage(store: string, delay = 50): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server.url}/outbox.html?store=${store}&delay=${delay}`);
  await page.waitForFunction(() => 'analytics' in window);
  return page;
}

const log = (page: Page, id: string, turns = 1) =>
  page.evaluate(([conversation]) => window.analytics.logConversation(conversation!), [sampleConversation(id, turns)] as const);
const pending = (page: Page) => page.evaluate(() => window.analytics.pending());
const stored = (id: string) => analytics.state.conversations.get(id);

describe('the outbox in Chromium', () => {
  it('1. keeps an undelivered log in IndexedDB across a reload, and delivers it after', async () => {
    const store = `reload-${storeCounter++}`;
    analytics.faults.failNext(1_000, { status: 503 });
    const page = await openPage(store);
    await log(page, 'conv_reload', 2);
    await vi.waitFor(() => expect(analytics.stats.snapshot().byStatus['503']).toBeGreaterThan(0));
    expect(await pending(page)).toBe(1);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toContain(`confab-outbox-${store}`);

    await page.reload();
    await page.waitForFunction(() => 'analytics' in window);
    expect(await pending(page)).toBe(1);
    analytics.faults.reset();
    // The reloaded page's own flush (on start, or its backoff retry) may deliver it before
    // this one does: what counts is that it arrives and leaves the outbox.
    await page.evaluate(() => window.analytics.flush());
    await vi.waitFor(() => expect(stored('conv_reload')?.messages).toHaveLength(4));
    await vi.waitFor(async () => expect(await pending(page)).toBe(0));
  });

  it('2. offline, nothing is lost; back online, the log is delivered by itself', async () => {
    const page = await openPage(`offline-${storeCounter++}`);
    await context.setOffline(true);
    await log(page, 'conv_offline');
    await page.waitForTimeout(300);
    expect(stored('conv_offline')).toBeUndefined();
    expect(await pending(page)).toBe(1);
    await context.setOffline(false);
    await vi.waitFor(() => expect(stored('conv_offline')).toBeDefined(), { timeout: 5_000 });
    await vi.waitFor(async () => expect(await pending(page)).toBe(0));
  });

  it('3. leaving the page sends the pending log with keepalive', async () => {
    const page = await openPage(`leave-${storeCounter++}`, 60_000);
    await log(page, 'conv_leave', 3);
    expect(stored('conv_leave')).toBeUndefined();
    await page.goto('about:blank');
    await vi.waitFor(() => expect(stored('conv_leave')?.messages).toHaveLength(6), { timeout: 10_000 });
  });

  it('4. two tabs on one outbox, flushing under navigator.locks, lose nothing', async () => {
    const store = `tabs-${storeCounter++}`;
    const [tabA, tabB] = await Promise.all([openPage(store), openPage(store)]);
    expect(await tabA.evaluate(() => typeof navigator.locks?.request)).toBe('function');
    analytics.faults.failRate(0.3, { status: 503, seed: 3 });
    await Promise.all([
      ...Array.from({ length: 10 }, (_, index) => log(tabA, `conv_a${index}`)),
      ...Array.from({ length: 10 }, (_, index) => log(tabB, `conv_b${index}`)),
    ]);
    await vi.waitFor(
      async () => {
        await Promise.all([tabA.evaluate(() => window.analytics.flush()), tabB.evaluate(() => window.analytics.flush())]);
        expect(analytics.state.conversations.size).toBe(20);
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(await pending(tabA)).toBe(0);
    expect(await tabA.evaluate(() => window.analyticsErrors)).toEqual([]);
  });

  it('5. in a development build, a malformed conversation is refused at once, naming the field', async () => {
    const page = await openPage(`dev-${storeCounter++}`);
    const message = await page.evaluate(() =>
      window.analytics.logConversation({ id: 'conv_bad', type: 'openai', messages: [{ role: 'robot', content: 'hi' }] } as never).then(
        () => 'accepted',
        (error: Error) => error.message,
      ),
    );
    expect(message).toMatch(/^The conversation is not valid: messages\.0\.role/);
    expect(await pending(page)).toBe(0);
  });
});
