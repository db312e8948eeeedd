// The outbox in each engine: real IndexedDB, navigator.locks, online/offline and page
// lifecycle, against the reference analytics server on the same origin.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalyticsServer } from '../../demo/server/analytics/create-analytics-server';
import { sampleConversation } from '../fixtures/conversations';
import { itExceptIn } from './engines/engine-cases';
import { launchEngine, type Engine } from './engines/launch';
import type { Context, Page } from './engines/page';
import { startTestServer, type TestServer } from './test-server';

let engine: Engine;
let server: TestServer;
let analytics: AnalyticsServer;
let context: Context;
let pages: Page[] = [];
let storeCounter = 0;

beforeAll(async () => {
  server = await startTestServer();
  analytics = server.analytics;
  engine = await launchEngine({ host: server.initScriptHost });
});
afterAll(async () => {
  await context?.close();
  await engine?.close();
  await server?.close();
});
beforeEach(async () => {
  analytics.reset();
  server.setOffline(false);
  await context?.close();
  context = await engine.newContext();
  pages = [];
});
afterEach(async () => {
  for (const page of pages) expect(await page.errors(), 'what the page reported').toEqual([]);
});

/** Opens the outbox page; `store` names the IndexedDB outbox, `delay` the flush delay, `query` adds page options. */
async function openPage(store: string, delay = 50, query = ''): Promise<Page> {
  const page = await context.newPage();
  pages.push(page);
  await page.goto(`${server.url}/outbox.html?store=${store}&delay=${delay}${query}`);
  await page.waitForFunction(() => 'analytics' in window);
  return page;
}

const log = (page: Page, id: string, turns = 1) =>
  page.evaluate(([conversation]) => window.analytics.logConversation(conversation!), [sampleConversation(id, turns)] as const);
const pending = (page: Page) => page.evaluate(() => window.analytics.pending());
const stored = (id: string) => analytics.state.conversations.get(id);

const twoTabs = (store: string, query = '') => Promise.all([openPage(store, 50, query), openPage(store, 50, query)]);

/** Both tabs log 10 conversations each while 30% of the server's answers are 503s: all 20 arrive, none stays queued. */
async function expectNothingLost(tabA: Page, tabB: Page): Promise<void> {
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
  expect(await pending(tabB)).toBe(0);
  expect(await tabA.evaluate(() => window.analyticsErrors)).toEqual([]);
  expect(await tabB.evaluate(() => window.analyticsErrors)).toEqual([]);
}

describe('the outbox in a real browser', () => {
  it('1. keeps an undelivered log in IndexedDB across a reload, and delivers it after', async () => {
    const store = `reload-${storeCounter++}`;
    analytics.faults.failNext(1_000, { status: 503 });
    const page = await openPage(store);
    await log(page, 'conv_reload', 2);
    await vi.waitFor(() => expect(analytics.stats.snapshot().byStatus['503']).toBeGreaterThan(0), { timeout: 10_000 });
    expect(await pending(page)).toBe(1);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toContain(`confab-outbox-${store}`);

    await page.reload();
    await page.waitForFunction(() => 'analytics' in window);
    expect(await pending(page)).toBe(1);
    analytics.faults.reset();
    // The reloaded page's own flush (on start, or its backoff retry) may deliver it before
    // this one does: what counts is that it arrives and leaves the outbox.
    await page.evaluate(() => window.analytics.flush());
    await vi.waitFor(() => expect(stored('conv_reload')?.messages).toHaveLength(4), { timeout: 10_000 });
    await vi.waitFor(async () => expect(await pending(page)).toBe(0), { timeout: 10_000 });
  });

  itExceptIn({ webkit: 'WebKitWebDriver (classic WebDriver) has no offline switch; case 6 cuts the network at the server instead' })(
    "2. offline (the browser's switch), nothing is lost; back online, the log is delivered by itself",
    async () => {
      const page = await openPage(`offline-${storeCounter++}`);
      await context.setOffline(true);
      await log(page, 'conv_offline');
      await page.waitForTimeout(300);
      expect(stored('conv_offline')).toBeUndefined();
      expect(await pending(page)).toBe(1);
      await context.setOffline(false);
      await vi.waitFor(() => expect(stored('conv_offline')).toBeDefined(), { timeout: 5_000 });
      await vi.waitFor(async () => expect(await pending(page)).toBe(0), { timeout: 10_000 });
    },
  );

  it('3. leaving the page sends the pending log with keepalive', async () => {
    const page = await openPage(`leave-${storeCounter++}`, 60_000);
    // The outbox flushes once as it starts; a log written while that flush still opens
    // IndexedDB (slower in Firefox) would go with it, before the page leaves.
    await page.evaluate(() => window.analytics.flush());
    await log(page, 'conv_leave', 3);
    expect(stored('conv_leave')).toBeUndefined();
    await page.goto('about:blank');
    await vi.waitFor(() => expect(stored('conv_leave')?.messages).toHaveLength(6), { timeout: 10_000 });
  });

  it('4. two tabs on one outbox, flushing under navigator.locks, lose nothing', async () => {
    const [tabA, tabB] = await twoTabs(`tabs-${storeCounter++}`);
    expect(await tabA.evaluate(() => typeof navigator.locks?.request)).toBe('function');
    await expectNothingLost(tabA, tabB);
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

  it('6. the server unreachable and the page not told (navigator.onLine stays true): nothing is lost; once it is back, the outbox delivers by itself', async () => {
    const page = await openPage(`unreachable-${storeCounter++}`);
    server.setOffline(true);
    await log(page, 'conv_unreachable');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    expect(stored('conv_unreachable')).toBeUndefined();
    expect(await pending(page)).toBe(1);
    server.setOffline(false);
    await vi.waitFor(() => expect(stored('conv_unreachable')).toBeDefined(), { timeout: 10_000 });
    await vi.waitFor(async () => expect(await pending(page)).toBe(0), { timeout: 10_000 });
  });

  it('7. two tabs on one outbox without Web Locks (Safari before 15.4): under the IndexedDB lease instead, nothing is lost', async () => {
    const [tabA, tabB] = await twoTabs(`lease-${storeCounter++}`, '&locks=none');
    expect(await tabA.evaluate(() => typeof navigator.locks)).toBe('undefined');
    await expectNothingLost(tabA, tabB);
  });

  it('8. closing the tab sends the pending log with keepalive', async () => {
    const page = await openPage(`close-${storeCounter++}`, 60_000);
    await page.evaluate(() => window.analytics.flush());
    await log(page, 'conv_close', 2);
    expect(stored('conv_close')).toBeUndefined();
    await page.close();
    await vi.waitFor(() => expect(stored('conv_close')?.messages).toHaveLength(4), { timeout: 10_000 });
  });
});
