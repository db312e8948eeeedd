/**
 * The page and context every browser test uses, in any engine: evaluate a function in the
 * page, wait for something to be true there, press keys, find elements with a locator
 * (locator.ts). Built once on the few primitives each driver provides (engine.ts), so that
 * a case reads the same in Chromium, Firefox and WebKit.
 */
import { EngineLacks, type ContextDriver, type EngineName, type PageDriver } from './engine';
import { Locator } from './locator';
import { DEFAULT_TIMEOUT_MS, PageError, poll, sleep } from './poll';

/**
 * Wraps an expression so that its awaited value comes back as JSON in every engine (so
 * `undefined` stays `undefined` and nothing engine-specific leaks), with what a WebKit page
 * kept for the driver since the last evaluation (init-script-host.ts). `__name` is the
 * helper tsx's keepNames wraps functions in; a function sent from a tsx process (the bench)
 * needs it.
 */
function wrap(expression: string): string {
  return `(async () => {
    const __name = (target) => target;
    const kept = () => globalThis.__confabEngine?.take();
    try {
      const value = await (${expression});
      return JSON.stringify({ value, kept: kept() });
    } catch (error) {
      return JSON.stringify({ error: String((error && error.stack) || error), kept: kept() });
    }
  })()`;
}

/** The source of a call of `fn` with JSON arguments, to evaluate in the page. */
export function callSource(fn: (...args: never[]) => unknown, ...args: unknown[]): string {
  return `(${fn.toString()})(${args.map((arg) => (arg === undefined ? 'undefined' : JSON.stringify(arg))).join(', ')})`;
}

/** What a WebKit page kept for the driver: report lines and calls of exposed functions. */
interface Kept {
  lines?: string[];
  calls?: Array<[string, unknown[]]>;
}

type Bindings = Map<string, (...args: unknown[]) => void>;

/** A page (a tab) in one of the engines. */
export class Page {
  readonly #driver: PageDriver;
  readonly #reports: string[];
  readonly #bindings: Bindings;
  #closed = false;

  readonly keyboard = {
    /** A key with `+`-joined modifiers, as Playwright names them: `Enter`, `Shift+Tab`, `Control+A`, `Space`. */
    press: (keys: string) => this.#driver.press(keys),
    /** Types `text`, one key press per character. */
    type: (text: string) => this.#driver.type(text),
  };

  constructor(
    readonly engine: EngineName,
    driver: PageDriver,
    reports: string[],
    bindings: Bindings,
  ) {
    this.#driver = driver;
    this.#reports = reports;
    this.#bindings = bindings;
  }

  /** Evaluates `expression` in the page and returns its awaited value, through JSON. */
  async evaluateSource(expression: string): Promise<unknown> {
    const { value, error, kept } = JSON.parse(await this.#driver.evaluate(wrap(expression))) as { value?: unknown; error?: string; kept?: Kept };
    this.#reports.push(...(kept?.lines ?? []));
    for (const [name, args] of kept?.calls ?? []) this.#bindings.get(name)?.(...args);
    if (error !== undefined) throw new PageError(`In the page: ${error}`);
    return value;
  }

  /** Calls `fn(arg)` in the page and returns its awaited value, through JSON; `fn` may use nothing from outside its body. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.evaluateSource(callSource(fn, arg)) as Promise<R>;
  }

  /** Waits until `fn(arg)` is truthy in the page. */
  async waitForFunction<A = undefined>(fn: (arg: A) => unknown, arg?: A, { timeout = DEFAULT_TIMEOUT_MS } = {}): Promise<void> {
    const source = `Promise.resolve(${callSource(fn, arg)}).then((value) => Boolean(value))`;
    await poll(async () => ((await this.evaluateSource(source)) ? true : undefined), () => `${fn.toString().slice(0, 200)} to be true`, timeout);
  }

  /** The elements of the page's document matching `css` (not inside shadow roots: see `inWidget`). */
  locator(css: string): Locator {
    return new Locator(this, [{ css, root: 'document' }], `locator(${JSON.stringify(css)})`);
  }

  /** The elements of the widget's shadow root matching `css`. */
  inWidget(css: string): Locator {
    return new Locator(this, [{ css, root: 'widget' }], `inWidget(${JSON.stringify(css)})`);
  }

  /** Navigates to `url` and waits for its load event. */
  async goto(url: string): Promise<void> {
    await this.#collect();
    await this.#driver.goto(url);
  }

  async reload(): Promise<void> {
    await this.#collect();
    await this.#driver.reload();
  }

  url(): Promise<string> {
    return this.#driver.url();
  }

  /**
   * Saves a PNG of the viewport, once the page has painted what it shows now: WebKit's
   * driver captures the last painted frame, which may be older than the DOM.
   */
  async screenshot({ path }: { path: string }): Promise<void> {
    await this.evaluateSource('new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)))');
    await this.#driver.screenshot(path);
  }

  /**
   * The focusable nodes of the browser's accessibility tree under the element `expression`
   * evaluates to, as role and name; undefined in an engine whose automation has no access to
   * the tree (all but Chromium).
   */
  async focusableAccessibleNodes(expression: string): Promise<Array<{ role: string; name: string }> | undefined> {
    return this.#driver.focusableAccessibleNodes?.(expression);
  }

  /**
   * Sets the storage quota of the page's origin to `bytes` while the page is open, so that
   * IndexedDB writes past it fail as on a full disk. Call it first before the origin writes
   * anything (on another page of the origin), with room for what the case needs; each later
   * call holds from the next write on. Only Chromium's automation can: in another engine this
   * throws {@link EngineLacks}, and a case that needs it is declared with `itExceptIn`
   * (engine-cases.ts).
   */
  async setStorageQuota(bytes: number): Promise<void> {
    if (!this.#driver.setStorageQuota) {
      throw new EngineLacks(this.engine, 'set a storage quota', "only Chromium's automation can override an origin's quota (CDP Storage.overrideQuotaForOrigin)");
    }
    await this.#driver.setStorageQuota(bytes);
  }

  /** A native click at viewport coordinates. */
  clickAt(x: number, y: number): Promise<void> {
    return this.#driver.click(x, y);
  }

  waitForTimeout(ms: number): Promise<void> {
    return sleep(ms);
  }

  /**
   * What the page's scripts reported since it opened, one line each: uncaught errors
   * (`pageerror: …`), console errors (`console: …`) and dialogs (`dialog: alert: …`, each
   * dismissed). Only what scripts report: a browser's own notes (Chromium's "Failed to load
   * resource") differ by engine and are left out.
   */
  async errors(): Promise<string[]> {
    await this.#collect();
    return [...this.#reports];
  }

  async close(): Promise<void> {
    await this.#collect();
    this.#closed = true;
    await this.#driver.close();
  }

  /** Takes what a WebKit page kept before it goes (a navigation or close loses it). */
  async #collect(): Promise<void> {
    if (!this.#closed) await this.evaluateSource('undefined').catch(() => undefined);
  }
}

/** A browser context: a fresh profile (its own IndexedDB, storage and cookies), with its pages. */
export class Context {
  readonly #driver: ContextDriver;
  readonly #bindings: Bindings = new Map();

  constructor(
    readonly engine: EngineName,
    driver: ContextDriver,
  ) {
    this.#driver = driver;
  }

  async newPage(): Promise<Page> {
    const reports: string[] = [];
    const page = new Page(this.engine, await this.#driver.newPage((line) => reports.push(line)), reports, this.#bindings);
    return page;
  }

  /** How many pages are open in the context, popups included. */
  pageCount(): Promise<number> {
    return this.#driver.pageCount();
  }

  /** Runs `fn(arg)` in every document of the context before the document's own scripts (from the next navigation on). */
  addInitScript<A = undefined>(fn: (arg: A) => void, arg?: A): Promise<void> {
    return this.#driver.addInitScript(`${callSource(fn, arg)};`);
  }

  /** Defines `window[name]` in every document of the context (from the next navigation on); its calls reach `callback`. */
  async exposeFunction(name: string, callback: (...args: never[]) => void): Promise<void> {
    const call = callback as (...args: unknown[]) => void;
    this.#bindings.set(name, call);
    await this.#driver.exposeFunction(name, call);
  }

  /** The browser's own offline switch; an engine without one throws {@link EngineLacks}. */
  setOffline(offline: boolean): Promise<void> {
    return this.#driver.setOffline(offline);
  }

  async close(): Promise<void> {
    await this.#driver.close();
  }
}

