/**
 * What every runtime benchmark needs: headless Chromium, the acceptance suite's server (the
 * built `dist/` as static files, the reference servers on the same origin) with the bench
 * pages under `/bench/` and an app module built on `dist/sdk.js` under `/sdk-app/` (see
 * sdk-app.ts), and a fresh browser context per run, so each run starts cold: no HTTP cache
 * (the server also sends `no-store`), no compiled code, an empty IndexedDB.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { AcceptanceServer } from '../../test/acceptance/support/acceptance-server';
import { launchChromium } from '../../test/browser/chromium';
import { playwrightPageDriver, watchPlaywrightPage } from '../../test/browser/engines/chromium';
import { Page as ReaderPage } from '../../test/browser/engines/page';
import { startBenchServer } from './bench-server';
import { installProbes } from './probes';

export interface Bench {
  browser: Browser;
  server: AcceptanceServer;
  /** A new context with the probes installed, and a page in it (not navigated yet). */
  freshPage(): Promise<BenchPage>;
  close(): Promise<void>;
}

/** A page and what it reported: uncaught errors and console errors. */
export interface BenchPage {
  context: BrowserContext;
  page: Page;
  /** The same page for the reader's moves the suites share (test/acceptance/support/widget-page.ts). */
  reader: ReaderPage;
  errors: string[];
  /** Navigates to a bench page (`widget.html`, `plain.html`), from the bench's server or the one at `origin`. */
  open(name: string, origin?: string): Promise<void>;
  cdp(): Promise<CDPSession>;
  /** Fails the benchmark when the page reported an error: its figures would mean nothing. */
  assertNoErrors(what: string): void;
  close(): Promise<void>;
}

export async function startBench(): Promise<Bench> {
  const [browser, server] = await Promise.all([launchChromium(), startBenchServer()]);
  return {
    browser,
    server,
    async freshPage() {
      const context = await browser.newContext();
      // tsx compiles with esbuild's keepNames, which wraps functions in a `__name` helper
      // that does not exist in the page; functions handed to the page need it defined there.
      await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
      await context.addInitScript(installProbes);
      const page = await context.newPage();
      const errors: string[] = [];
      watchPlaywrightPage(page, (line) => errors.push(line));
      const reader = new ReaderPage('chromium', playwrightPageDriver(page), errors, new Map());
      let session: CDPSession | undefined;
      return {
        context,
        page,
        reader,
        errors,
        open: async (name, origin = server.url) => void (await page.goto(`${origin}/bench/${name}`)),
        cdp: async () => (session ??= await context.newCDPSession(page)),
        assertNoErrors(what) {
          if (errors.length > 0) throw new Error(`${what}: the page reported errors:\n- ${errors.join('\n- ')}`);
        },
        close: () => context.close(),
      };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The JS heap in use after a full garbage collection, in bytes. */
export async function heapAfterGc(bench: BenchPage): Promise<number> {
  const cdp = await bench.cdp();
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}
