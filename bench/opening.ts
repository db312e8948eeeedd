/**
 * Opening, each run in a fresh context, a second after the widget page loaded (a reader
 * does not click sooner):
 * - the panel: from the click on the launcher (seen by the page) to the painted frame in
 *   which the composer holds the focus; the baseline is the page's own panel in the same
 *   page, a button whose plain DOM handler shows it and focuses its input. Warm: the panel's
 *   chunk was loaded at idle (the reader's pause); cold: the chunk's request is held back
 *   until the click, so the click waits for its whole delivery (served locally);
 * - logs of an earlier visit: a visit whose last log could not be delivered (the analytics
 *   API answering 503) closes; the next visit only loads the page, and the time runs from its
 *   navigation until the server holds the log, the panel never opened;
 * - a stored conversation of 1,000 messages: from the click on it in the conversation list
 *   to the painted frame in which its last message (after the last question) is inside the
 *   scrolled list's visible box (the widget renders the newest 50 and earlier ones on
 *   demand); then the JS heap after a full garbage collection, against the heap with the
 *   panel open on an empty conversation.
 */
import type { Page } from 'playwright-core';
import { heapAfterGc, type Bench } from './support/harness';
import { seedConversation } from './support/history';
import { startPageServer } from './support/page-server';
import { medianOf, repeat } from './support/stats';
import { askAndWait, inWidget, launcher, openPanel } from '../test/acceptance/support/widget-page';

export const HISTORY_MESSAGES = 1_000;
/** A reader's pause between the page appearing and the first click. */
const READER_PAUSE_MS = 1_000;

export interface OpeningRun {
  /** The page's own panel: click to painted, focused input. */
  sitePanelMs: number;
  /** The widget's panel: click on the launcher to painted, focused composer (warm: the chunk loaded at idle). */
  panelMs: number;
  /** The same, clicked before the page was idle: the click loads the panel's chunk. */
  coldPanelMs: number;
  /** From the navigation of the next visit until the server holds the log an earlier visit left waiting. */
  pendingLogMs: number;
  /** Heap with the panel open on an empty conversation, bytes. */
  emptyHeap: number;
  /** Click on the stored conversation to its last message painted. */
  historyMs: number;
  /** Heap with the 1,000-message conversation open, bytes. */
  historyHeap: number;
}

export interface OpeningFigures {
  runs: OpeningRun[];
  sitePanelMs: number;
  panelMs: number;
  coldPanelMs: number;
  pendingLogMs: number;
  historyMs: number;
  emptyHeap: number;
  historyHeap: number;
}

export async function benchOpening(bench: Bench, runs: number): Promise<OpeningFigures> {
  // The cold opening's chunks come from a server in a process of its own, as the startup's
  // page does (see support/page-server.ts): served by the process that drives the browser,
  // each chunk would wait for its busy event loop, a delay no site's server adds.
  const pageServer = await startPageServer();
  const all = await repeat(runs, async () => ({
    ...(await openPanelOnce(bench)),
    coldPanelMs: await openColdOnce(bench, pageServer.url),
    pendingLogMs: await deliverPendingOnce(bench),
    ...(await openHistoryOnce(bench)),
  })).finally(() => pageServer.stop());
  return {
    runs: all,
    sitePanelMs: medianOf(all, (run) => run.sitePanelMs),
    panelMs: medianOf(all, (run) => run.panelMs),
    coldPanelMs: medianOf(all, (run) => run.coldPanelMs),
    pendingLogMs: medianOf(all, (run) => run.pendingLogMs),
    historyMs: medianOf(all, (run) => run.historyMs),
    emptyHeap: medianOf(all, (run) => run.emptyHeap),
    historyHeap: medianOf(all, (run) => run.historyHeap),
  };
}

/** Arms the page's click probe (`arm` calls `window.__bench.armClick` with the condition), clicks, and returns the time from the click to the paint. */
async function clickToPaint(page: Page, arm: () => Promise<void>, click: () => Promise<void>): Promise<number> {
  await arm();
  await click();
  const { clickedAt, paintedAt } = await page.evaluate(() => window.__bench.clicked!);
  return paintedAt - clickedAt;
}

async function openPanelOnce(bench: Bench): Promise<Pick<OpeningRun, 'sitePanelMs' | 'panelMs' | 'emptyHeap'>> {
  const run = await bench.freshPage();
  try {
    const { page } = run;
    await run.open('widget.html');
    await launcher(run.reader).waitFor();
    await page.waitForTimeout(READER_PAUSE_MS);
    const sitePanelMs = await clickToPaint(
      page,
      () => page.evaluate(() => window.__bench.armClick(() => document.activeElement?.id === 'site-input')),
      () => page.locator('#site-toggle').click(),
    );
    const panelMs = await clickToPaint(
      page,
      () => page.evaluate(() => window.__bench.armClick(() => document.querySelector('confab-chat')?.shadowRoot?.activeElement?.matches('[part~=input]') === true)),
      () => launcher(run.reader).click(),
    );
    const emptyHeap = await heapAfterGc(run);
    run.assertNoErrors('opening the panel');
    return { sitePanelMs, panelMs, emptyHeap };
  } finally {
    await run.close();
  }
}

/**
 * A click before the panel's chunk is there: the page's idle load of the chunk is held back
 * (its request waits, unanswered, in the bench) until the click, then answered by the page
 * server, so the time covers receiving, compiling and running the chunk and those it brings
 * (the core, the logging chunk), and rendering the panel. The
 * interception adds its own round trip through the browser's DevTools protocol: a cold
 * opening without it is a little faster than measured here.
 */
async function openColdOnce(bench: Bench, origin: string): Promise<number> {
  const run = await bench.freshPage();
  try {
    const { page } = run;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/confab-panel-[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await run.open('widget.html', origin);
    await launcher(run.reader).waitFor();
    await page.waitForTimeout(READER_PAUSE_MS);
    const ms = await clickToPaint(
      page,
      () => page.evaluate(() => window.__bench.armClick(() => document.querySelector('confab-chat')?.shadowRoot?.activeElement?.matches('[part~=input]') === true)),
      async () => {
        const click = launcher(run.reader).click();
        release();
        await click;
      },
    );
    run.assertNoErrors('opening the panel cold');
    return ms;
  } finally {
    await run.close();
  }
}

/** An earlier visit's log left waiting, delivered by the next visit without opening the panel: navigation to the server holding it. */
async function deliverPendingOnce(bench: Bench): Promise<number> {
  const { server } = bench;
  const analytics = server.servers.analytics;
  const run = await bench.freshPage();
  try {
    server.reset();
    const { page } = run;
    await run.open('widget.html');
    await openPanel(run.reader);
    analytics.faults.failNext(10_000, { status: 503 });
    await askAndWait(run.reader, 'How do I embed confab?');
    while (!analytics.stats.snapshot().byStatus['503']) await page.waitForTimeout(20);
    const next = await run.context.newPage();
    await page.close();
    analytics.faults.reset();
    const started = Date.now();
    await next.goto(`${server.url}/bench/widget.html`);
    while (analytics.state.conversations.size === 0) {
      if (Date.now() - started > 30_000) throw new Error('The pending log was not delivered within 30 s.');
      await next.waitForTimeout(10);
    }
    const ms = Date.now() - started;
    if ((await next.evaluate(() => document.querySelector('confab-chat')?.shadowRoot?.querySelector('[part~=panel]') ?? null)) !== null) throw new Error('The panel was rendered: the delivery was not measured without it.');
    return ms;
  } finally {
    await run.close();
  }
}

async function openHistoryOnce(bench: Bench): Promise<Pick<OpeningRun, 'historyMs' | 'historyHeap'>> {
  const run = await bench.freshPage();
  try {
    const { page } = run;
    await run.open('plain.html');
    await seedConversation(page, HISTORY_MESSAGES);
    await run.open('widget.html');
    await launcher(run.reader).waitFor();
    await page.waitForTimeout(READER_PAUSE_MS);
    await openPanel(run.reader);
    // The widget reopens the latest conversation on load: start a new one, so that the click
    // below loads the stored conversation as a reader switching to it does.
    await inWidget(run.reader, '[part~=new-conversation]').click();
    await inWidget(run.reader, `button[aria-label="Conversations"]`).click();
    const entry = inWidget(run.reader, '[part~=conversation]');
    await entry.waitFor();
    const historyMs = await clickToPaint(
      page,
      () =>
        page.evaluate((lastQuestion) => {
          window.__bench.armClick(() => {
            const root = document.querySelector('confab-chat')?.shadowRoot;
            const items = root?.querySelectorAll('li.message');
            const list = root?.querySelector('.messages')?.getBoundingClientRect();
            const last = items?.[items.length - 1]?.getBoundingClientRect();
            const isLastAnswer = !!items && items.length > 1 && !!items[items.length - 2]?.textContent?.includes(lastQuestion);
            return isLastAnswer && !!list && !!last && last.height > 0 && last.top < list.bottom && last.bottom > list.top;
          });
        }, `Question ${HISTORY_MESSAGES / 2}:`),
      () => entry.click(),
    );
    const historyHeap = await heapAfterGc(run);
    run.assertNoErrors('opening a stored conversation');
    return { historyMs, historyHeap };
  } finally {
    await run.close();
  }
}
