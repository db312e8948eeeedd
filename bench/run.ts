/**
 * `npm run bench`: every benchmark of issue 6, and the chaos run of issue 10, in headless
 * Chromium against the built `dist/` and the reference servers, one after another (in
 * parallel they would compete for the cores), then bench/RESULTS.md. Run after `npm run build` (the npm script builds first).
 *
 *   npx tsx bench/run.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { measureSizes } from './budgets';
import { benchChaos, CHAOS_OPS, CHAOS_SEEDS } from './chaos';
import { benchConversationLogging, benchDrain } from './logging';
import { benchLongAnswer } from './long-answer';
import { benchOpening } from './opening';
import { benchProxy } from './proxy';
import { readingOf, resultsMarkdown, type Figures } from './report';
import { benchSseParse } from './sse-parse';
import { benchStartup } from './startup';
import { benchStreaming } from './streaming';
import { startBench } from './support/harness';

/** Runs per timing; the figures are their medians. */
const RUNS = 5;
/** A cold load takes half a second and varies the most with the machine's load, and a paint moves by whole frames: many rounds (three loads each), cheaply. */
const STARTUP_RUNS = 60;
const RESULTS = join(import.meta.dirname, 'RESULTS.md');

function commit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' }).trim();
  const head = git('rev-parse', '--short', 'HEAD');
  return git('status', '--porcelain', '--', 'src').length > 0 ? `${head} (with uncommitted changes in src/)` : head;
}

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`${name}… `);
  const result = await work();
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

const started = performance.now();
const loadBefore = loadavg()[0] ?? 0;
const sizes = await step('bytes', measureSizes);
const bench = await step('starting Chromium and the servers', startBench);
try {
  const startup = await step('startup', () => benchStartup(bench, STARTUP_RUNS));
  const opening = await step('opening', () => benchOpening(bench, RUNS));
  const streaming = await step('streaming', () => benchStreaming(bench, RUNS));
  const logging = await step('logging a 50-turn conversation', () => benchConversationLogging(bench));
  const drain = await step('draining 1,000 queued operations', () => benchDrain(bench, RUNS));
  const proxy = await step('proxy overhead of confab-chat/server', benchProxy);
  const chaos = await step(`chaos: ${CHAOS_OPS.toLocaleString('en-US')} operations under faults, seeds ${CHAOS_SEEDS.join(', ')}`, () => benchChaos(bench.server.url));
  const longAnswer = await step('long answers in one block', () => benchLongAnswer(bench));
  const sseParse = await step('parsing server-sent events', async () => benchSseParse());
  const figures: Figures = {
    machine: {
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      cpu: cpus()[0]?.model ?? 'unknown CPU',
      cores: cpus().length,
      memoryGb: totalmem() / 1024 ** 3,
      os: `${type()} ${release()}`,
      node: process.version,
      chromium: bench.browser.version(),
      loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
      commit: commit(),
      durationS: (performance.now() - started) / 1000,
    },
    runs: RUNS,
    sizes,
    startup,
    opening,
    streaming,
    logging,
    drain,
    proxy,
    chaos,
    longAnswer,
    sseParse,
  };
  const reading = existsSync(RESULTS) ? readingOf(await readFile(RESULTS, 'utf8')) : undefined;
  await writeFile(RESULTS, resultsMarkdown(figures, reading));
  console.log(`\nWrote ${RESULTS}`);
} finally {
  await bench.close();
}
