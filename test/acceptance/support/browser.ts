/**
 * What every acceptance test needs: Chromium, the server, a fresh context per test (its own
 * IndexedDB), pages that report their errors, and the reader's moves on the widget
 * (widget-page.ts, re-exported here).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from '../../browser/chromium';
import { ROOT, startAcceptanceServer, type AcceptanceServer } from './acceptance-server';
import { watchErrors } from './widget-page';

/** Where screenshots and other artifacts of a run are kept (ignored by git). */
export const ARTIFACTS = join(ROOT, 'test-results', 'acceptance');

export interface Suite {
  browser: Browser;
  server: AcceptanceServer;
  /** A fresh context, closed after the test file. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Opens `path` in `context` and waits for the launcher (or the inline panel). */
  openPage(context: BrowserContext, path: string): Promise<WatchedPage>;
}

/** A page with what it reported: uncaught errors, console errors and CSP violations. */
export interface WatchedPage {
  page: Page;
  errors: string[];
}

/** Sets up the suite for one test file: Chromium and the server once, a reset before each test. */
export function useAcceptanceSuite(options: Parameters<typeof startAcceptanceServer>[0] = {}): Suite {
  const contexts: BrowserContext[] = [];
  const suite = {} as Suite;
  beforeAll(async () => {
    [suite.browser, suite.server] = await Promise.all([launchChromium(), startAcceptanceServer(options)]);
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  // The last test's pages are closed, and their requests done, before the reset: an outbox
  // still delivering from them would otherwise land in the next test's fresh server state.
  beforeEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    await suite.server.idle();
    suite.server.reset();
  });
  suite.newContext = async (contextOptions = {}) => {
    const context = await suite.browser.newContext(contextOptions);
    contexts.push(context);
    return context;
  };
  suite.openPage = async (context, path) => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${suite.server.url}${path}`);
    await page.locator('confab-chat :is([part~=launcher], [part~=panel])').first().waitFor({ state: 'attached' });
    return { page, errors };
  };
  return suite;
}

export { ask, askAndWait, focusIsAt, inWidget, launcher, openPanel, waitForAnswers } from './widget-page';
