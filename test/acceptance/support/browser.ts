/**
 * What every acceptance test needs: Chromium, the server, a fresh context per test (its own
 * IndexedDB), pages that fail the test on an uncaught error, and the reader's moves on the
 * widget. Playwright's CSS locators pierce the open shadow root, so `confab-chat [part~=send]`
 * finds the Send button inside it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from '../../browser/chromium';
import { ROOT, startAcceptanceServer, type AcceptanceServer } from './acceptance-server';

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
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    await page.goto(`${suite.server.url}${path}`);
    await page.locator('confab-chat :is([part~=launcher], [part~=panel])').first().waitFor({ state: 'attached' });
    return { page, errors };
  };
  return suite;
}

/** Inside the widget's shadow root. */
export const inWidget = (page: Page, selector: string) => page.locator(`confab-chat ${selector}`);

export async function openPanel(page: Page): Promise<void> {
  await inWidget(page, '[part~=launcher]').click();
  await inWidget(page, '[part~=input]').waitFor();
}

/**
 * Types a question into the composer and sends it with Enter, once the widget takes one: an
 * answer shows as finished a moment before the controller has saved and queued it, and an
 * Enter in that moment is ignored (Send is still disabled; the question stays in the box).
 */
export async function ask(page: Page, question: string): Promise<void> {
  await inWidget(page, '[part~=input]').fill(question);
  await inWidget(page, '[part~=send]:not([disabled])').waitFor();
  await inWidget(page, '[part~=input]').press('Enter');
}

/** Waits until `count` answers have finished (their actions row shows). */
export async function waitForAnswers(page: Page, count = 1): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('confab-chat')!.shadowRoot!.querySelectorAll('li.message.assistant .actions').length >= expected,
    count,
  );
}

/** Asks, and waits until its answer has finished. */
export async function askAndWait(page: Page, question: string): Promise<void> {
  const finished = await inWidget(page, 'li.message.assistant .actions').count();
  await ask(page, question);
  await waitForAnswers(page, finished + 1);
}
