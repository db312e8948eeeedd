/**
 * The three browser engines the browser and acceptance suites run in, and the little each
 * driver has to do. Everything a test touches (pages, locators, waits) is built once on these
 * primitives in page.ts and locator.ts; a driver only launches, navigates, evaluates a
 * JavaScript expression, and sends native mouse and keyboard input.
 *
 * - chromium: Debian's Chromium through playwright-core (CDP).
 * - firefox: Debian's Firefox ESR through puppeteer-core over WebDriver BiDi.
 * - webkit: WebKitGTK's MiniBrowser through WebKitWebDriver (classic WebDriver) with
 *   webdriverio, under Xvfb.
 *
 * The engine of a run is `CONFAB_ENGINE` (set per vitest project in vitest.config.ts).
 */
import type { InitScriptHost } from './init-script-host';

export const ENGINES = ['chromium', 'firefox', 'webkit'] as const;
export type EngineName = (typeof ENGINES)[number];

/** The engine this test run drives: `CONFAB_ENGINE`, Chromium when unset. A wrong name fails loudly. */
export function currentEngine(): EngineName {
  const name = process.env['CONFAB_ENGINE'] ?? 'chromium';
  if (!(ENGINES as readonly string[]).includes(name)) throw new Error(`CONFAB_ENGINE=${name} is not an engine; use one of ${ENGINES.join(', ')}.`);
  return name as EngineName;
}

/** The Playwright-like default window, so a case sees the same layout in every engine. */
export const DEFAULT_VIEWPORT = { width: 1280, height: 720 } as const;

/** How a context (a fresh browser profile: its own IndexedDB, cookies and storage) is made. */
export interface ContextOptions {
  /** The page's viewport in CSS pixels; {@link DEFAULT_VIEWPORT} when unset. */
  viewport?: { width: number; height: number };
  /** `prefers-reduced-motion: reduce`, so that colours and layout are measured at rest. */
  reducedMotion?: boolean;
}

/** What an engine's page reports on its own: uncaught errors, console errors and dialogs, as lines. */
export type ReportSink = (line: string) => void;

/** A page, as each driver provides it. */
export interface PageDriver {
  /**
   * Evaluates `expression` in the page's main frame, awaits it if it is a promise, and
   * returns its value. The expression always evaluates to a JSON string (page.ts wraps it),
   * so every engine returns the same thing.
   */
  evaluate(expression: string): Promise<string>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  url(): Promise<string>;
  /** A native click at viewport coordinates (CSS pixels). */
  click(x: number, y: number): Promise<void>;
  /** A native key press: a key name (`Enter`, `Tab`, `a`) with `+`-joined modifiers (`Shift+Tab`, `Control+V`). */
  press(keys: string): Promise<void>;
  /** Native key presses, one per character. */
  type(text: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  /**
   * The focusable nodes of the browser's accessibility tree under the element `expression`
   * evaluates to, each as its role and name. Only Chromium's automation (CDP) exposes the
   * tree; other drivers leave this out.
   */
  focusableAccessibleNodes?(expression: string): Promise<Array<{ role: string; name: string }>>;
  /**
   * Sets the storage quota of the page's origin to `bytes`, for as long as the page is open:
   * from the next IndexedDB write on, writes past it fail with `QuotaExceededError`, as on a
   * full disk. The first call must come before the origin's first write (Chromium trusts the
   * free space it measured then), and each later call writes a probe as large as the last
   * quota: keep quotas to a few megabytes. Only Chromium's automation (CDP) can; other drivers
   * leave this out.
   */
  setStorageQuota?(bytes: number): Promise<void>;
  close(): Promise<void>;
}

/** A context, as each driver provides it. */
export interface ContextDriver {
  newPage(reports: ReportSink): Promise<PageDriver>;
  /** How many pages (tabs, windows, popups) are open in the context. */
  pageCount(): Promise<number>;
  /** Runs `script` (a JavaScript statement list) in every document of the context before the document's own scripts. */
  addInitScript(script: string): Promise<void>;
  /** Defines `window[name]` in every document of the context; each call reaches `callback` in Node. */
  exposeFunction(name: string, callback: (...args: unknown[]) => void): Promise<void>;
  /**
   * The browser's own offline switch (`navigator.onLine`, the `offline`/`online` events,
   * every request failing). Not every engine has one: {@link EngineLacks} says so.
   */
  setOffline(offline: boolean): Promise<void>;
  close(): Promise<void>;
}

/** A launched engine. */
export interface EngineDriver {
  name: EngineName;
  /** The browser's product and version, as the engine reports it (`chromium 139.0…`). */
  version(): Promise<string>;
  newContext(options: ContextOptions): Promise<ContextDriver>;
  close(): Promise<void>;
}

/** What every engine is launched with. */
export interface LaunchOptions {
  /**
   * The test server that injects init scripts into the pages it serves: WebKit's classic
   * WebDriver has no init scripts or page events of its own (see init-script-host.ts).
   */
  host?: InitScriptHost;
}

/** A feature the engine's automation does not offer; a case that needs it is declared with the reason (engine-cases.ts). */
export class EngineLacks extends Error {
  constructor(engine: EngineName, feature: string, why: string) {
    super(`${engine} cannot ${feature}: ${why}`);
    this.name = 'EngineLacks';
  }
}
