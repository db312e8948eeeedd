/**
 * The page's main-thread tasks from a Chromium trace. Only the `toplevel` category (one event
 * per task the scheduler runs) and user-timing marks are recorded, which keeps the trace
 * small and its overhead low even for a 20-second stream. The page marks the start and the
 * end of what is measured with `performance.mark`; the start mark also identifies the page's
 * renderer main thread, since the page itself emitted it.
 *
 * A page whose main thread is stuck in one task cannot mark the end: the trace then ends
 * when it was stopped, and the task still running (begun, never ended) counts until then.
 */
import type { Browser, Page } from 'playwright-core';

export const START_MARK = 'bench:start';
export const END_MARK = 'bench:end';

/** Main-thread work between the two marks. */
export interface MainThreadWork {
  /** Time between the marks (or from the start mark to the end of the trace), ms. */
  wallMs: number;
  /** Time the main thread ran tasks in that time (overlapping tasks counted once), ms. */
  busyMs: number;
  /** The longest single task (with its microtasks) that ran in that time, ms. */
  longestTaskMs: number;
  /**
   * The most CPU time (thread time, from the trace) one task used, ms: on a machine shared
   * with other work a task's wall time also holds the time the thread waited for a core.
   */
  longestTaskCpuMs: number;
  /** How many tasks took 50 ms or more. */
  longTasks: number;
}

/** A Chromium trace event, as far as the benches read it. */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, when the trace records it. */
  tdur?: number;
}

/** Records a trace around `work`, which marks the start in the page and, if it can, the end. */
export async function traceMainThread(browser: Browser, page: Page, work: () => Promise<void>): Promise<MainThreadWork> {
  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
  let trace: Buffer;
  try {
    await work();
  } finally {
    trace = await browser.stopTracing();
  }
  return mainThreadWork((JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents);
}

/** The spans of the toplevel tasks of one thread: complete events, and begin/end pairs (an unended one runs until `traceEnd`). */
function taskSpans(events: readonly TraceEvent[], thread: TraceEvent, traceEnd: number): Array<{ from: number; to: number; cpu: number }> {
  const spans: Array<{ from: number; to: number; cpu: number }> = [];
  const open: number[] = [];
  for (const event of events) {
    if (event.pid !== thread.pid || event.tid !== thread.tid || !event.cat?.split(',').includes('toplevel')) continue;
    if (event.ph === 'X' && event.dur !== undefined) spans.push({ from: event.ts, to: event.ts + event.dur, cpu: event.tdur ?? event.dur });
    else if (event.ph === 'B') open.push(event.ts);
    else if (event.ph === 'E') {
      const from = open.pop();
      if (from !== undefined) spans.push({ from, to: event.ts, cpu: event.ts - from });
    }
  }
  for (const from of open) spans.push({ from, to: traceEnd, cpu: traceEnd - from });
  return spans.sort((a, b) => a.from - b.from);
}

/** The work of the thread that emitted the start mark, from it to the end mark (or the end of the trace). */
function mainThreadWork(events: readonly TraceEvent[]): MainThreadWork {
  const start = events.find((event) => event.name === START_MARK);
  if (!start) throw new Error(`The trace holds no ${START_MARK} mark: the page did not mark what was measured.`);
  const traceEnd = events.reduce((latest, event) => Math.max(latest, event.ts + (event.dur ?? 0)), 0);
  const end = events.find((event) => event.name === END_MARK)?.ts ?? traceEnd;
  const tasks = taskSpans(events, start, traceEnd).filter((task) => task.to > start.ts && task.from < end);
  // A task's microtask checkpoint is traced as its own event right after the task: spans
  // that touch (within 10 µs) or nest are one task, as the page experiences them.
  const merged: Array<{ from: number; to: number; cpu: number }> = [];
  for (const task of tasks) {
    const last = merged.at(-1);
    // A nested span's CPU time is already in the span around it.
    if (last && task.from <= last.to + 10) {
      if (task.from >= last.to) last.cpu += task.cpu;
      last.to = Math.max(last.to, task.to);
    } else merged.push({ ...task });
  }
  let busy = 0;
  let longest = 0;
  let longestCpu = 0;
  let longTasks = 0;
  for (const span of merged) {
    busy += Math.max(0, Math.min(span.to, end) - Math.max(span.from, start.ts));
    longest = Math.max(longest, span.to - span.from);
    longestCpu = Math.max(longestCpu, span.cpu);
    if (span.to - span.from >= 50_000) longTasks++;
  }
  return { wallMs: (end - start.ts) / 1000, busyMs: busy / 1000, longestTaskMs: longest / 1000, longestTaskCpuMs: longestCpu / 1000, longTasks };
}
