/**
 * Firefox through puppeteer-core over WebDriver BiDi: Debian's Firefox ESR (or
 * `FIREFOX_PATH`), never a downloaded one.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type BrowserContext, type Page as PuppeteerPage, type KeyInput } from 'puppeteer-core';
import { DEFAULT_VIEWPORT, type ContextDriver, type ContextOptions, type EngineDriver, type PageDriver } from './engine';
import { parseChord } from './keys';

export const FIREFOX_PATH = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';

/**
 * Launches headless Firefox. BiDi has no per-page media emulation, so reduced motion is a
 * preference of the whole browser: the engine keeps one browser per setting.
 */
async function launchFirefox(reducedMotion: boolean): Promise<Browser> {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`Firefox is not at ${FIREFOX_PATH}. Install it (apt-get install -y firefox-esr) or set FIREFOX_PATH. The browser tests never skip.`);
  }
  return puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: { 'ui.prefersReducedMotion': reducedMotion ? 1 : 0 },
  });
}

function pageDriver(page: PuppeteerPage): PageDriver {
  return {
    evaluate: (expression) => page.evaluate(expression) as Promise<string>,
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    url: async () => page.url(),
    click: (x, y) => page.mouse.click(x, y),
    async press(keys) {
      const { modifiers, key } = parseChord(keys);
      for (const modifier of modifiers) await page.keyboard.down(modifier);
      // Puppeteer names the space bar by its character.
      await page.keyboard.press((key === 'Space' ? ' ' : key) as KeyInput);
      for (const modifier of modifiers.reverse()) await page.keyboard.up(modifier);
    },
    type: (text) => page.keyboard.type(text),
    screenshot: async (path) => void (await page.screenshot({ path })),
    close: () => page.close(),
  };
}

/** Puppeteer's init scripts, functions and offline mode are per page: the context applies them to each page, now and later. */
function contextDriver(context: BrowserContext, viewport: { width: number; height: number }): ContextDriver {
  const pages = new Set<PuppeteerPage>();
  const initScripts: string[] = [];
  const functions = new Map<string, (...args: unknown[]) => void>();
  let offline = false;
  return {
    async newPage(report) {
      const page = await context.newPage();
      pages.add(page);
      page.on('close', () => pages.delete(page));
      page.on('pageerror', (error) => {
        const text = error instanceof Error ? error.message : String(error);
        // Firefox's own note of a CSP refusal comes as a JavaScript log entry: a browser's
        // note, which Chromium puts on the console and WebKit nowhere, not a script's error.
        if (text.startsWith('Content-Security-Policy: ')) return;
        // BiDi gives the exception's text ("TypeError: x"), Playwright and the page its message ("x").
        report(`pageerror: ${text.replace(/^[A-Za-z]*Error: /, '')}`);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') report(`console: ${message.text()}`);
      });
      page.on('dialog', (dialog) => {
        report(`dialog: ${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await page.setViewport(viewport);
      for (const script of initScripts) await page.evaluateOnNewDocument(script);
      for (const [name, callback] of functions) await page.exposeFunction(name, callback);
      if (offline) await page.setOfflineMode(true);
      return pageDriver(page);
    },
    pageCount: async () => (await context.pages()).length,
    async addInitScript(script) {
      initScripts.push(script);
      for (const page of pages) await page.evaluateOnNewDocument(script);
    },
    async exposeFunction(name, callback) {
      functions.set(name, callback);
      for (const page of pages) await page.exposeFunction(name, callback);
    },
    async setOffline(value) {
      offline = value;
      for (const page of pages) await page.setOfflineMode(value);
    },
    close: () => context.close(),
  };
}

export async function launchFirefoxEngine(): Promise<EngineDriver> {
  const browsers = new Map<boolean, Promise<Browser>>();
  const browserFor = (reducedMotion: boolean) => {
    let browser = browsers.get(reducedMotion);
    if (!browser) browsers.set(reducedMotion, (browser = launchFirefox(reducedMotion)));
    return browser;
  };
  return {
    name: 'firefox',
    async version() {
      const [browser = browserFor(false)] = browsers.values();
      return (await (await browser).version()).replace('/', ' ');
    },
    async newContext({ viewport = DEFAULT_VIEWPORT, reducedMotion = false }: ContextOptions) {
      const browser = await browserFor(reducedMotion);
      return contextDriver(await browser.createBrowserContext(), viewport);
    },
    async close() {
      await Promise.all([...browsers.values()].map(async (browser) => (await browser).close()));
    },
  };
}
