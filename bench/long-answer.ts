/**
 * Long answers in one block (issue 11, item 10): one paragraph of 256 KB, 1 MB and 5 MB (one
 * line of filler words, as a model repeating itself writes it), streamed by the reference
 * chat server as fast as the page reads it (`tokenDelayMs: 0`, script `{ mode: 'long',
 * tokens }`: one word per event), into the widget with its panel open, each run in a fresh
 * page (bench/pages/widget.html, the built `dist/confab.js`).
 *
 * - Longest task, long tasks (≥ 50 ms), busy share: from a Chromium trace (see trace.ts),
 *   from the reader's Enter to the painted frame (see probes.ts) in which the answer shows
 *   as finished (its action row). The widget shows at most 1,000,000 characters: a longer
 *   answer is stopped there and cut with a note, so the 5 MB answer ends at its cut.
 * - Stop: in another run of the 5 MB answer, Stop is clicked once 256 KB are on screen; the
 *   time from the click (window capture phase) to the painted frame without the Stop button.
 *   (The screen may lag the stream by a few frames: a run where the answer reached its cut,
 *   which stops it, before Stop could be clicked is not counted.)
 *
 * A run not finished {@link CAP_MS} after Enter is cut off there (the answer before the fix
 * took minutes); its longest task then counts as long as it had run.
 *
 *   npx tsx bench/long-answer.ts   (after `npm run build`; writes its section of RESULTS.md)
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { fillerWords } from '../demo/server/chat/chat-reply';
import { inWidget, openPanel } from '../test/acceptance/support/widget-page';
import { startBench, type Bench, type BenchPage } from './support/harness';
import { writeResultsSection } from './support/results-section';
import { fixed, median } from './support/stats';
import { END_MARK, START_MARK, traceMainThread } from './support/trace';

/** The answers' sizes, in characters. */
export const LONG_ANSWER_SIZES = [256 * 1024, 1024 * 1024, 5 * 1024 * 1024] as const;
/** The widget's longest answer shown (`MAX_SHOWN` in src/widget/components/message-item.tsx). */
const MAX_SHOWN = 1_000_000;
export const CAP_MS = 90_000;
const STOP_AT = 256 * 1024;
const RUNS = 3;

/** The fewest filler words whose text is at least `size` characters. */
function tokensFor(size: number): number {
  let tokens = Math.ceil(size / 6);
  while (fillerWords(tokens).join('').length < size) tokens += 1 + Math.floor((size - fillerWords(tokens).join('').length) / 8);
  return tokens;
}

export interface LongRun {
  size: number;
  finished: boolean;
  wallMs: number;
  busyShare: number;
  longestTaskMs: number;
  /** The most CPU time one task used (see trace.ts). */
  longestTaskCpuMs: number;
  longTasks: number;
  /** Characters of the answer on screen at the end (`undefined` when the page could not tell). */
  shown: number | undefined;
  cutNote: boolean;
}

export interface LongAnswerFigures {
  runs: LongRun[];
  /** Click on Stop to the painted frame without it, per run (`undefined`: not within the cap). */
  stopMs: Array<number | undefined>;
  /** The machine's one-minute load average when the runs started and ended. */
  load: { before: number; after: number };
}

const answerSelector = 'li.message.assistant:last-child';

async function ask(bench: Bench, run: BenchPage, size: number): Promise<void> {
  await openPanel(run.reader);
  await inWidget(run.reader, '[part~=input]').fill(`Write ${size} characters, please.`);
  bench.server.reset();
  bench.server.servers.chat.configure({ tokenDelayMs: 0 });
  bench.server.servers.chat.script({ mode: 'long', tokens: tokensFor(size) });
}

/** What the page shows of the answer, or `undefined` when it does not answer within 5 s (stuck in a task). */
async function shownOf(page: Page): Promise<{ chars: number; cutNote: boolean } | undefined> {
  const shown = page.evaluate((selector) => {
    const answer = document.querySelector('confab-chat')!.shadowRoot!.querySelector(selector);
    const note = answer?.querySelector('.bubble > .note')?.textContent ?? '';
    return { chars: (answer?.querySelector('.bubble')?.textContent ?? '').length - note.length, cutNote: /too long/i.test(note) };
  }, answerSelector);
  shown.catch(() => undefined);
  return Promise.race([shown, sleep(5_000).then(() => undefined)]);
}

async function runOnce(bench: Bench, size: number): Promise<LongRun> {
  const run = await bench.freshPage();
  try {
    const { page } = run;
    await run.open('widget.html');
    await ask(bench, run, size);
    let finished = false;
    const work = await traceMainThread(bench.browser, page, async () => {
      await page.evaluate((start) => addEventListener('keydown', () => performance.mark(start), { capture: true, once: true }), START_MARK);
      await inWidget(run.reader, '[part~=input]').press('Enter');
      const done = page.evaluate(
        async ({ end, selector }) => {
          const root = document.querySelector('confab-chat')!.shadowRoot!;
          await window.__bench.painted(() => !!root.querySelector(`${selector} .actions`));
          performance.mark(end);
        },
        { end: END_MARK, selector: answerSelector },
      );
      done.catch(() => undefined);
      finished = (await Promise.race([done.then(() => true), sleep(CAP_MS).then(() => false)])) === true;
    });
    const shown = await shownOf(page);
    if (finished) run.assertNoErrors(`a ${size}-character answer`);
    return { size, finished, ...work, busyShare: work.busyMs / work.wallMs, shown: shown?.chars, cutNote: shown?.cutNote ?? false };
  } finally {
    await run.close();
  }
}

/** Click on Stop to its paint, ms; `cut` when the answer was cut (and so stopped) before Stop could be clicked; `undefined` when not within the cap. */
async function stopOnce(bench: Bench): Promise<number | 'cut' | undefined> {
  const run = await bench.freshPage();
  try {
    const { page } = run;
    await run.open('widget.html');
    await ask(bench, run, LONG_ANSWER_SIZES[2]);
    await inWidget(run.reader, '[part~=input]').press('Enter');
    const started = Date.now();
    while (((await shownOf(page))?.chars ?? 0) < STOP_AT) {
      if (Date.now() - started > CAP_MS) return undefined;
      await sleep(100);
    }
    const armed = await page.evaluate(() => {
      const root = document.querySelector('confab-chat')!.shadowRoot!;
      window.__bench.armClick(() => !root.querySelector('[part~=stop]'));
      return !!root.querySelector('[part~=stop]');
    });
    if (!armed) return 'cut';
    const stop = inWidget(run.reader, '[part~=stop]').click({ timeout: CAP_MS });
    const timing = page.evaluate(() => window.__bench.clicked!.then(({ clickedAt, paintedAt }) => paintedAt - clickedAt));
    timing.catch(() => undefined);
    stop.catch(() => undefined);
    return await Promise.race([timing, sleep(CAP_MS).then(() => undefined)]);
  } finally {
    await run.close();
  }
}

export async function benchLongAnswer(bench: Bench, runs = RUNS): Promise<LongAnswerFigures> {
  const before = loadavg()[0] ?? 0;
  const all: LongRun[] = [];
  for (const size of LONG_ANSWER_SIZES) {
    for (let k = 0; k < runs; k++) {
      const result = await runOnce(bench, size);
      all.push(result);
      // A run cut off would only take as long again.
      if (!result.finished) break;
    }
  }
  const stopMs: Array<number | undefined> = [];
  for (let tries = 0; stopMs.length < runs && tries < 2 * runs; tries++) {
    const result = await stopOnce(bench);
    if (result === 'cut') continue;
    stopMs.push(result);
    if (result === undefined) break;
  }
  return { runs: all, stopMs, load: { before, after: loadavg()[0] ?? 0 } };
}

const ms = (value: number) => `${fixed(value, value < 100 ? 1 : 0)} ms`;
const chars = (value: number) => value.toLocaleString('en-US');

export function longAnswerSection({ runs, stopMs, load }: LongAnswerFigures): string {
  const rows = LONG_ANSWER_SIZES.map((size) => {
    const of = runs.filter((run) => run.size === size);
    const cut = of.some((run) => !run.finished);
    const med = (field: (run: LongRun) => number) => median(of.map(field));
    const shown = of.map((run) => run.shown).filter((value) => value !== undefined);
    const longest = med((run) => run.longestTaskMs);
    const longestCpu = med((run) => run.longestTaskCpuMs);
    return `| ${chars(size)} | ${of.length} | ${cut ? `cut off after ${CAP_MS / 1000} s` : ms(med((run) => run.wallMs))} | ${fixed(med((run) => run.busyShare) * 100, 0)} % | ${cut ? '≥ ' : ''}${ms(longest)} | ${ms(longestCpu)} | ${med((run) => run.longTasks)} | ${shown.length ? chars(median(shown)) : 'unknown (page stuck)'}${of.every((run) => run.cutNote) ? ', cut with the note' : ''} | ${longest < 50 && !cut ? 'met' : '**missed**'} (CPU: ${longestCpu < 50 && !cut ? 'met' : '**missed**'}) |`;
  });
  const stops = stopMs.filter((value) => value !== undefined);
  const everyRun = runs.map((run) => `${chars(run.size)}: longest task ${fixed(run.longestTaskMs, 1)} ms (CPU ${fixed(run.longestTaskCpuMs, 1)} ms), ${run.longTasks} long, wall ${fixed(run.wallMs, 0)} ms${run.finished ? '' : ' (cut off)'}`);
  return `## Long answers in one block

One paragraph of filler words on one line (a model repeating itself without \`max_tokens\`), streamed by the reference chat server as fast as the page reads it (\`tokenDelayMs: 0\`, one word per event), into the widget (\`dist/confab.js\`) with its panel open, ${RUNS} runs per size in fresh pages (\`npx tsx bench/long-answer.ts\`). Measured from a Chromium trace, from the reader's Enter to the painted frame in which the answer shows as finished. The widget shows at most ${chars(MAX_SHOWN)} characters: a longer answer is stopped there and cut with a note. Before issue 11, every frame parsed and laid out the whole growing paragraph: a 225 ms task at 256 KB, 2.9 s at 1 MB, and at 5 MB the page was unresponsive for minutes, Stop included. Target: the longest task under 50 ms at every size. Beside each task's wall time, the most CPU time (thread time, from the same trace) one task used: on a machine shared with other work a task's wall time also counts the time its thread waited for a core, and the load average during the run says how shared the machine was.

| characters | runs | wall time | busy share | longest task | most CPU time in one task | tasks ≥ 50 ms | characters shown at the end | longest task < 50 ms |
|---:|---:|---:|---:|---:|---:|---:|---:|---|
${rows.join('\n')}

**Stop**, clicked once ${chars(STOP_AT)} characters of the 5 MB answer are on screen, to the painted frame without the Stop button: ${stops.length ? `${ms(median(stops))} (median; ${stops.map((value) => fixed(value, 0)).join(', ')} ms)` : stopMs.length ? `**not within ${CAP_MS / 1000} s**` : 'not measured (every run reached its cut first)'}.

The load average (2 cores) was ${fixed(load.before, 2)} when these runs started and ${fixed(load.after, 2)} when they ended. Every run: ${everyRun.join('; ')}.`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const bench = await startBench();
  try {
    const section = longAnswerSection(await benchLongAnswer(bench));
    console.log(section);
    await writeResultsSection(section);
  } finally {
    await bench.close();
  }
}
