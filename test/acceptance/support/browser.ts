/**
 * What every acceptance test needs: the engine of the run (Chromium, Firefox or WebKit; see
 * test/browser/engines/), the server, a fresh context per test (its own IndexedDB), and the
 * reader's moves on the widget (widget-page.ts, re-exported here).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ContextOptions } from '../../browser/engines/engine';
import { launchEngine, type Engine } from '../../browser/engines/launch';
import type { Context, Page } from '../../browser/engines/page';
import { ROOT, startAcceptanceServer, type AcceptanceServer, type AcceptanceServerOptions } from './acceptance-server';

/** Where screenshots and other artifacts of a run are kept, per engine (ignored by git). */
export const artifacts = (engine: string) => join(ROOT, 'test-results', 'acceptance', engine);

export interface Suite {
  engine: Engine;
  server: AcceptanceServer;
  /** A fresh context (a new browser profile), closed before the next test. */
  newContext(options?: ContextOptions): Promise<Context>;
  /** Opens `path` in `context` and waits for the launcher (or the inline panel). */
  openPage(context: Context, path: string): Promise<Page>;
}

/** Sets up the suite for one test file: the engine and the server once, a reset before each test. */
export function useAcceptanceSuite(options: AcceptanceServerOptions = {}): Suite {
  const contexts: Context[] = [];
  const suite = {} as Suite;
  beforeAll(async () => {
    suite.server = await startAcceptanceServer(options);
    suite.engine = await launchEngine({ host: suite.server.initScriptHost });
    mkdirSync(artifacts(suite.engine.name), { recursive: true });
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    await suite.engine?.close();
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
    const context = await suite.engine.newContext(contextOptions);
    contexts.push(context);
    return context;
  };
  suite.openPage = async (context, path) => {
    const page = await context.newPage();
    await page.goto(`${suite.server.url}${path}`);
    await page.inWidget(':is([part~=launcher], [part~=panel])').first().waitFor({ state: 'attached' });
    return page;
  };
  return suite;
}

export { ask, askAndWait, focusIsAt, inWidget, launcher, openPanel, waitForAnswers } from './widget-page';
