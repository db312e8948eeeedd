/**
 * Where the launcher's startup time goes: cold loads of the bench's widget page, each traced
 * (Chromium's `devtools.timeline` and `v8` categories), from the page server of the startup
 * benchmark (support/page-server.ts). Prints the medians of:
 * - the delivery of `confab.js`: queued before its request, waiting for its first byte, and
 *   when its last byte came compared with the paint of the page's own heading (same load);
 * - the loader's task on the main thread (its `EvaluateScript`), in CPU time: the module's
 *   own code, the element's constructor, `connectedCallback`, V8's lazy compiles inside them,
 *   and the code cache V8 makes at the end of the task;
 * - the rendering (style, layout, paint) between the script's end and the launcher's paint;
 * - compiling on the main thread before the launcher's paint (functions compiled lazily as they
 *   are first called, and scripts compiled there), against the parse and compile done on a
 *   background thread while scripts stream in; and everything the main thread ran until then
 *   (the page's own work included);
 * - what started before the launcher's paint besides the script: idle callbacks, chunk
 *   requests, IndexedDB opens (each should be 0: they wait for idle time after load).
 * CPU time, not wall time: on the shared machine the thread also waits for a core.
 * A reading, not a figure: RESULTS.md holds the startup benchmark's figures.
 *
 *   npx tsx bench/startup-trace.ts [loads]
 */
import type { Browser } from 'playwright-core';
import type { BenchPage } from './support/harness';
import { startBench } from './support/harness';
import { startPageServer } from './support/page-server';
import { watchStartup } from './support/probes';
import { median } from './support/stats';
import type { TraceEvent as BaseTraceEvent } from './support/trace';

/** A trace event with the resource it names, where it names one. */
interface TraceEvent extends BaseTraceEvent {
  args?: { data?: { url?: string } };
}

/** One load's reading, ms. */
interface StartupTrace {
  queued: number;
  firstByte: number;
  scriptAfterHeading: number;
  launcherAfterHeading: number;
  task: number;
  moduleCode: number;
  elementConstructor: number;
  connected: number;
  lazyCompiles: number;
  codeCache: number;
  rendering: number;
  compiling: number;
  streamed: number;
  mainBusy: number;
  beforePaint: number;
}

/** In the page: when the page started an idle callback or opened a database. */
function watchLoad(): void {
  const seen = { started: [] as number[] };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
    seen.started.push(performance.now());
    return open.apply(this, args);
  };
  const request = window.requestIdleCallback;
  window.requestIdleCallback = (callback, options) => request((deadline) => (seen.started.push(performance.now()), callback(deadline)), options);
  Object.assign(window, { __seen: seen });
}

const cpu = (event: TraceEvent) => (event.tdur ?? event.dur ?? 0) / 1000;

async function traceOnce(browser: Browser, run: BenchPage, origin: string): Promise<StartupTrace> {
  await run.page.addInitScript(watchStartup, 'launcher');
  await run.page.addInitScript(watchLoad);
  await run.page.addInitScript(() => void window.__startup.then((paintedAt) => performance.mark('launcher-painted', { startTime: paintedAt })));
  await browser.startTracing(run.page, { categories: ['devtools.timeline', 'v8.execute', 'v8', 'disabled-by-default-v8.compile', 'blink.user_timing', 'toplevel'] });
  await run.open('widget.html', origin);
  const page = await run.page.evaluate(async () => {
    const launcher = await window.__startup;
    const heading = await window.__heading;
    const seen = (window as unknown as { __seen: { started: number[] } }).__seen;
    const started = seen.started.filter((time) => time < launcher).length;
    const chunks = performance.getEntriesByType('resource').filter((entry) => /confab-[\w-]+\.js/.test(entry.name) && entry.startTime < launcher).length;
    const script = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/confab.js')) as PerformanceResourceTiming;
    return { launcher, heading, beforePaint: started + chunks, fetchStart: script.fetchStart, requestStart: script.requestStart, responseStart: script.responseStart, responseEnd: script.responseEnd };
  });
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  run.assertNoErrors('tracing widget.html');
  const mark = events.find((event) => event.name === 'launcher-painted');
  if (!mark) throw new Error('The trace holds no launcher-painted mark.');
  const onMain = (event: TraceEvent) => event.pid === mark.pid && event.tid === mark.tid && event.ph === 'X';
  const task = events.find((event) => onMain(event) && event.name === 'EvaluateScript' && event.args?.data?.url?.endsWith('/confab.js'));
  if (!task?.dur) throw new Error('The trace holds no evaluation of confab.js.');
  const end = task.ts + task.dur;
  const within = (name: string) => events.filter((event) => onMain(event) && event.name === name && event.ts >= task.ts && event.ts < end);
  const sum = (list: TraceEvent[]) => list.reduce((total, event) => total + cpu(event), 0);
  // The constructor runs from document.createElement; connectedCallback, the longest callback,
  // from the append; the others are attributeChangedCallback for each data-* attribute.
  const elementConstructor = sum(within('v8.callAsConstructor'));
  const callbacks = within('v8.callFunction').map(cpu).sort((a, b) => b - a);
  const codeCache = sum(within('v8.produceCache'));
  const rendering = sum(events.filter((event) => onMain(event) && event.ts >= end && event.ts < mark.ts && ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Commit'].includes(event.name)));
  // The renderer's work before the launcher's paint, on its main thread and off it.
  const early = events.filter((event) => event.ph === 'X' && event.pid === mark.pid && event.ts < mark.ts);
  // V8.CompileCode is a function's lazy compile, v8.compile a script's; each holds its parse.
  const compiling = sum(early.filter((event) => onMain(event) && (event.name === 'V8.CompileCode' || event.name === 'v8.compile')));
  const streamed = sum(early.filter((event) => !onMain(event) && event.name === 'v8.parseOnBackground'));
  const mainBusy = sum(early.filter((event) => onMain(event) && event.name === 'ThreadControllerImpl::RunTask'));
  return {
    queued: page.requestStart - page.fetchStart,
    firstByte: page.responseStart - page.requestStart,
    scriptAfterHeading: page.responseEnd - page.heading,
    launcherAfterHeading: page.launcher - page.heading,
    task: cpu(task),
    moduleCode: cpu(task) - elementConstructor - callbacks.reduce((total, time) => total + time, 0) - codeCache,
    elementConstructor,
    connected: callbacks[0] ?? 0,
    lazyCompiles: sum(within('V8.CompileCode')),
    codeCache,
    rendering,
    compiling,
    streamed,
    mainBusy,
    beforePaint: page.beforePaint,
  };
}

const LABELS: { [K in keyof StartupTrace]: string } = {
  queued: 'confab.js queued before its request',
  firstByte: 'confab.js request to first byte',
  scriptAfterHeading: "confab.js's last byte after the heading's paint",
  launcherAfterHeading: "launcher's paint after the heading's paint",
  task: "loader's task, CPU",
  moduleCode: '  module code (definitions, settings tables, define)',
  elementConstructor: '  element constructor (shadow root, launcher, styles)',
  connected: '  connectedCallback (settings, texts, render)',
  codeCache: "  V8's code cache after the run",
  lazyCompiles: '  of which lazy compiles',
  rendering: 'rendering from script end to paint, CPU',
  compiling: 'compiling on the main thread before the paint, CPU',
  streamed: 'parsing and compiling off it, on the streaming thread',
  mainBusy: 'main thread busy before the paint (all tasks), CPU',
  beforePaint: '',
};

const loads = Number(process.argv[2] ?? 9);
const bench = await startBench();
const server = await startPageServer();
try {
  const traces: StartupTrace[] = [];
  for (let load = 0; load < loads; load++) {
    const run = await bench.freshPage();
    try {
      traces.push(await traceOnce(bench.browser, run, server.url));
    } finally {
      await run.close();
    }
  }
  console.log(`median of ${loads} traced cold loads of widget.html (ms)`);
  for (const key of Object.keys(LABELS) as Array<keyof StartupTrace>) {
    if (key === 'beforePaint') continue;
    console.log(`${LABELS[key].padEnd(56)} ${median(traces.map((trace) => trace[key])).toFixed(2).padStart(7)}`);
  }
  const early = traces.filter((trace) => trace.beforePaint > 0).length;
  console.log(`loads where an idle callback, a chunk or a database started before the launcher's paint: ${early} of ${loads}`);
} finally {
  await server.stop();
  await bench.close();
}
