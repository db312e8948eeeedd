/**
 * Startup: a cold load (fresh context, nothing cached) of the same page without a script, with
 * a bare launcher script (the control: the least any launcher script does) and with confab's
 * script tag, in turns. With a launcher: the paint of the launcher, i.e. the first painted
 * frame (see probes.ts) in which `confab-chat`'s launcher has a box. Without it (the
 * baseline): the first painted frame in which the page's heading has a box. All are measured
 * from the start of the navigation, with First Contentful Paint and the load event beside
 * them. The pages come from a server in a process of its own (support/page-server.ts).
 */
import type { Bench } from './support/harness';
import { startPageServer } from './support/page-server';
import { watchStartup } from './support/probes';
import { medianOf, repeat } from './support/stats';

export interface PageLoad {
  /** The watched element's paint, ms from navigation start. */
  paintedMs: number;
  /** The paint of the page's own heading in the same load (on the plain page, `paintedMs`). */
  headingPaintedMs: number;
  firstContentfulPaintMs: number;
  loadEventMs: number;
}

type StartupPage = 'plain.html' | 'bare.html' | 'widget.html';

/** One round: each page loaded once. */
export interface StartupRun {
  plain: PageLoad;
  /** The control: bare-launcher.js, a script that paints a button and does nothing else. */
  bare: PageLoad;
  widget: PageLoad;
}

export interface StartupFigures {
  runs: StartupRun[];
  plain: PageLoad;
  bare: PageLoad;
  widget: PageLoad;
  /** The median over the loads with the widget of the launcher's paint less the heading's, ms. */
  launcherAfterHeadingMs: number;
}

async function loadOnce(bench: Bench, origin: string, page: StartupPage): Promise<PageLoad> {
  const run = await bench.freshPage();
  try {
    await run.page.addInitScript(watchStartup, page === 'plain.html' ? 'heading' : 'launcher');
    await run.open(page, origin);
    // Playwright's `load` is the event's start; its end is set once its handlers have run.
    await run.page.waitForFunction(() => ((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.loadEventEnd ?? 0) > 0);
    // Chromium reports First Contentful Paint once the frame is presented, which can be after
    // the page saw its frame painted: wait for the entry rather than read it too early.
    await run.page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 5_000 });
    const load = await run.page.evaluate(async () => {
      const paintedMs = await window.__startup;
      const headingPaintedMs = await window.__heading;
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { paintedMs, headingPaintedMs, firstContentfulPaintMs: fcp?.startTime, loadEventMs: navigation?.loadEventEnd };
    });
    run.assertNoErrors(`loading ${page}`);
    const { paintedMs, headingPaintedMs, firstContentfulPaintMs, loadEventMs } = load;
    if (firstContentfulPaintMs === undefined || !loadEventMs) throw new Error(`${page}: no paint or load timing was recorded.`);
    return { paintedMs, headingPaintedMs, firstContentfulPaintMs, loadEventMs };
  } finally {
    await run.close();
  }
}

const medians = (loads: PageLoad[]): PageLoad => ({
  paintedMs: medianOf(loads, (load) => load.paintedMs),
  headingPaintedMs: medianOf(loads, (load) => load.headingPaintedMs),
  firstContentfulPaintMs: medianOf(loads, (load) => load.firstContentfulPaintMs),
  loadEventMs: medianOf(loads, (load) => load.loadEventMs),
});

export async function benchStartup(bench: Bench, runs: number): Promise<StartupFigures> {
  const server = await startPageServer();
  try {
    // The pages take turns going first, so none always meets the machine as another left it.
    const order: Array<keyof StartupRun> = ['plain', 'bare', 'widget'];
    const all = await repeat(runs, async (run) => {
      const loads: Partial<StartupRun> = {};
      for (let turn = 0; turn < order.length; turn++) {
        const name = order[(run + turn) % order.length]!;
        loads[name] = await loadOnce(bench, server.url, `${name}.html`);
      }
      return loads as StartupRun;
    });
    return {
      runs: all,
      plain: medians(all.map((run) => run.plain)),
      bare: medians(all.map((run) => run.bare)),
      widget: medians(all.map((run) => run.widget)),
      launcherAfterHeadingMs: medianOf(all, (run) => run.widget.paintedMs - run.widget.headingPaintedMs),
    };
  } finally {
    await server.stop();
  }
}
