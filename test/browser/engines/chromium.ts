/**
 * Chromium through playwright-core: Debian's Chromium (or `CHROME_PATH`), never a
 * downloaded one, launched as ../chromium.ts does.
 */
import type { BrowserContext, CDPSession, Page as PlaywrightPage } from 'playwright-core';
import { launchChromium } from '../chromium';
import { Page } from './page';
import { DEFAULT_VIEWPORT, type ContextDriver, type ContextOptions, type EngineDriver, type PageDriver, type ReportSink } from './engine';

/**
 * Reports what the page's scripts report. A console message without arguments is
 * Chromium's own note (a failed resource, a CSP refusal), which other engines do not make.
 */
export function watchPlaywrightPage(page: PlaywrightPage, report: ReportSink): void {
  page.on('pageerror', (error) => report(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.args().length > 0) report(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    report(`dialog: ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
}

/** Whether the page's origin has IndexedDB databases. */
const hasDatabases = async () => (await indexedDB.databases()).length > 0;

/** Tries to write `size` random bytes in a database of its own, then deletes it: see `setStorageQuota`. */
async function writeProbe(size: number): Promise<void> {
  const name = 'confab-engine-quota-probe';
  const database = await new Promise<IDBDatabase>((done, fail) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => request.result.createObjectStore('probe');
    request.onsuccess = () => done(request.result);
    request.onerror = () => fail(request.error);
  });
  const bytes = new Uint8Array(size);
  // getRandomValues fills 65,536 bytes at most per call; random bytes do not compress.
  for (let offset = 0; offset < size; offset += 65_536) crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65_536)));
  await new Promise<void>((done) => {
    const transaction = database.transaction('probe', 'readwrite');
    transaction.objectStore('probe').put(bytes, 'probe');
    transaction.oncomplete = transaction.onabort = () => done();
  });
  database.close();
  await new Promise<void>((done, fail) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => done();
    request.onerror = () => fail(request.error);
  });
}

/** A Playwright page as a driver page: also how the (Chromium-only) bench uses the shared reader moves. */
export function playwrightPageDriver(page: PlaywrightPage): PageDriver {
  // The quota override lasts as long as the CDP session that set it: one per page, kept open.
  let quotaSession: Promise<CDPSession> | undefined;
  let lastQuota: number | undefined;
  return {
    evaluate: (expression) => page.evaluate(expression) as Promise<string>,
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    url: async () => page.url(),
    click: (x, y) => page.mouse.click(x, y),
    press: (keys) => page.keyboard.press(keys),
    type: (text) => page.keyboard.type(text),
    screenshot: async (path) => void (await page.screenshot({ path })),
    async focusableAccessibleNodes(expression) {
      const cdp = await page.context().newCDPSession(page);
      try {
        const { result } = await cdp.send('Runtime.evaluate', { expression });
        if (!result.objectId) throw new Error(`${expression} is not an element in the page.`);
        const { nodes } = await cdp.send('Accessibility.queryAXTree', { objectId: result.objectId });
        return nodes
          .filter((node) => !node.ignored && node.properties?.some((property) => property.name === 'focusable' && property.value.value === true))
          .map((node) => ({ role: String(node.role?.value ?? ''), name: String(node.name?.value ?? '').trim() }));
      } finally {
        await cdp.detach();
      }
    },
    async setStorageQuota(bytes) {
      if (lastQuota === undefined && (await page.evaluate(hasDatabases))) {
        throw new Error(
          "setStorageQuota: Chromium measured this origin's free space at its first IndexedDB write and trusts that for 30 s; set a first quota before the origin writes (from another page of the origin, before the widget's).",
        );
      }
      quotaSession ??= page.context().newCDPSession(page);
      await (await quotaSession).send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: bytes });
      // Chromium grants an origin's writes from the free space it last measured, for up to 30 s
      // (content/browser/indexed_db/instance/bucket_context.cc): a write larger than anything
      // the last quota left makes it measure again, so the new quota holds from the next write.
      if (lastQuota !== undefined) await page.evaluate(writeProbe, lastQuota + 1);
      lastQuota = bytes;
    },
    close: () => page.close(),
  };
}

/**
 * A Playwright page as the suites' {@link Page}, for a Chromium-only test that needs what
 * only Playwright has (request interception, every request of a context) and the shared
 * reader moves. `errors` collects what the page's scripts report.
 */
export function chromiumReaderPage(page: PlaywrightPage): { reader: Page; errors: string[] } {
  const errors: string[] = [];
  watchPlaywrightPage(page, (line) => errors.push(line));
  return { reader: new Page('chromium', playwrightPageDriver(page), errors, new Map()), errors };
}

function contextDriver(context: BrowserContext): ContextDriver {
  return {
    async newPage(report) {
      const page = await context.newPage();
      watchPlaywrightPage(page, report);
      return playwrightPageDriver(page);
    },
    pageCount: async () => context.pages().length,
    addInitScript: async (script) => void (await context.addInitScript({ content: script })),
    exposeFunction: async (name, callback) => void (await context.exposeFunction(name, callback)),
    setOffline: (offline) => context.setOffline(offline),
    close: () => context.close(),
  };
}

export async function launchChromiumEngine(): Promise<EngineDriver> {
  const browser = await launchChromium();
  return {
    name: 'chromium',
    version: async () => `chromium ${browser.version()}`,
    async newContext({ viewport = DEFAULT_VIEWPORT, reducedMotion = false }: ContextOptions) {
      return contextDriver(await browser.newContext({ viewport, reducedMotion: reducedMotion ? 'reduce' : 'no-preference' }));
    },
    close: () => browser.close(),
  };
}
