/**
 * The visitor's browser in the chaos run: one Chromium profile (a user-data-dir, so IndexedDB
 * survives the browser being closed and opened again), three tabs of the same app on one
 * outbox, and the accidents a real visitor's browser has: a reload in the middle of a flush, a
 * tab hidden then killed (as mobile browsers kill backgrounded pages, without `pagehide`), the
 * whole browser closed mid-flush and reopened on the same profile.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Analytics } from '../../../src/sdk/index';
import { assertChromium, CHROME_PATH, CHROMIUM_ARGS } from '../../../test/browser/chromium';
import { TABS } from './program';

/** The app's window: the analytics instance the page made from `dist/sdk.js`. */
export type ChaosWindow = Window & { analytics: Analytics; ready?: boolean };

export interface ChaosBrowser {
  /** The tab at `index` (0 to TABS − 1), loaded and ready. */
  tab(index: number): Page;
  /** Starts a flush in the tab without waiting for it. */
  startFlush(index: number): Promise<void>;
  /** Starts a flush, then reloads the tab `afterMs` later. */
  reloadMidFlush(index: number, afterMs: number): Promise<void>;
  /** Starts a flush, hides the tab `hideAfterMs` later, kills it `killAfterMs` after that, and opens a new tab in its place. */
  killHidden(index: number, hideAfterMs: number, killAfterMs: number): Promise<void>;
  /** Starts a flush in every tab, closes the browser `afterMs` later, and opens the same profile again with its tabs. */
  restartMidFlush(afterMs: number): Promise<void>;
  /** Opens one more tab of the app (the drain's). */
  openTab(): Promise<Page>;
  /** Uncaught errors the pages reported. */
  errors: string[];
  close(): Promise<void>;
}

/** Opens a fresh profile with {@link TABS} tabs on `appUrl` (the chaos page, with its query). */
export async function openChaosBrowser(appUrl: string): Promise<ChaosBrowser> {
  assertChromium();
  const profile = await mkdtemp(join(tmpdir(), 'confab-chaos-profile-'));
  const errors: string[] = [];
  let context: BrowserContext;
  let tabs: Page[] = [];

  async function launch(): Promise<void> {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROME_PATH, args: CHROMIUM_ARGS, headless: true });
    // tsx compiles with esbuild's keepNames, which wraps functions in a `__name` helper
    // that does not exist in the page; functions handed to the page need it defined there.
    await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    const first = context.pages()[0];
    tabs = [];
    for (let index = 0; index < TABS; index++) tabs.push(await load(index === 0 && first ? first : await context.newPage()));
  }

  async function load(page: Page): Promise<Page> {
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(appUrl);
    await page.waitForFunction(() => (window as ChaosWindow).ready === true);
    return page;
  }

  const tab = (index: number): Page => {
    const page = tabs[index];
    if (!page) throw new Error(`No tab ${index}: there are ${tabs.length}.`);
    return page;
  };
  const startFlush = (index: number) => tab(index).evaluate(() => void (window as ChaosWindow).analytics.flush().catch(() => undefined));

  await launch();
  return {
    tab,
    startFlush,
    async reloadMidFlush(index, afterMs) {
      await startFlush(index);
      await sleep(afterMs);
      await tab(index).reload();
      await tab(index).waitForFunction(() => (window as ChaosWindow).ready === true);
    },
    async killHidden(index, hideAfterMs, killAfterMs) {
      const page = tab(index);
      await startFlush(index);
      await sleep(hideAfterMs);
      // Headless tabs are always visible: the page is told it is hidden the way a browser
      // tells it, and the SDK reads the same property and event.
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await sleep(killAfterMs);
      const crashed = new Promise((resolve) => page.once('crash', resolve));
      const cdp = await context.newCDPSession(page);
      // The renderer dies at once, no `pagehide`, no more JavaScript; CDP never answers the call.
      void cdp.send('Page.crash').catch(() => undefined);
      // A renderer that does not report its crash is closed instead, without unload handlers.
      await Promise.race([crashed, sleep(5_000)]);
      await page.close({ runBeforeUnload: false }).catch(() => undefined);
      tabs[index] = await load(await context.newPage());
    },
    async restartMidFlush(afterMs) {
      await Promise.all(tabs.map((_, index) => startFlush(index)));
      await sleep(afterMs);
      await context.close();
      await launch();
    },
    openTab: async () => load(await context.newPage()),
    errors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
