/**
 * The chaos run of issue 10 in headless Chromium against the built `dist/` (see
 * support/chaos/): seeded programs of operations on `createAnalytics` with 30 % of the
 * requests faulted, reloads, three tabs, a killed tab and a restarted browser, counted at the
 * analytics server. A step of `npm run bench`, and runnable alone after `npm run build`:
 *
 *   npx tsx bench/chaos.ts                        seeds 1, 2, 3; 1,000 operations each
 *   npx tsx bench/chaos.ts --seed 7 --ops 300     one seed (repeat --seed for more)
 *   npx tsx bench/chaos.ts --rate 0.5             another share of faulted requests
 *   npx tsx bench/chaos.ts --write                also replace the Chaos section of RESULTS.md
 *
 * It prints a table, and for each run that broke an invariant the counts, examples and the
 * command that replays it; it exits with 1 then.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chaosSection, withChaosSection, type ChaosFigures } from './report';
import { chaosTable, invariantFailures, replayCommand } from './support/chaos/chaos-table';
import { startBenchServer } from './support/bench-server';
import { APP_SETTINGS, runChaos, type ChaosResult } from './support/chaos/run-chaos';

export const CHAOS_SEEDS = [1, 2, 3];
export const CHAOS_OPS = 1_000;
export const CHAOS_FAULT_RATE = 0.3;

/** Runs each seed in turn (in parallel they would compete for the cores) against the server at `url`. */
export async function benchChaos(url: string, seeds = CHAOS_SEEDS, ops = CHAOS_OPS, faultRate = CHAOS_FAULT_RATE, progress?: (line: string) => void): Promise<ChaosFigures> {
  const runs: ChaosResult[] = [];
  for (const seed of seeds) runs.push(await runChaos({ url, seed, ops, faultRate, ...(progress ? { progress } : {}) }));
  return { measured: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', commit: commit(), ops, faultRate, settings: APP_SETTINGS, runs };
}

function commit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' }).trim();
  const head = git('rev-parse', '--short', 'HEAD');
  return git('status', '--porcelain', '--', 'src').length > 0 ? `${head} (with uncommitted changes in src/)` : head;
}

/** The report of one run that broke invariants: what, examples, and how to replay it. */
export function failureReport(run: ChaosResult): string {
  const failures = invariantFailures(run);
  if (failures.length === 0) return '';
  return [`seed ${run.seed} (${run.ops} operations) failed:`, ...failures.map((line) => `  - ${line}`), ...run.examples.map((line) => `    ${line}`), `  replay: ${replayCommand(run)}`].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seed: { type: 'string', multiple: true }, ops: { type: 'string' }, rate: { type: 'string' }, write: { type: 'boolean' } },
  });
  const seeds = values.seed?.map(Number) ?? CHAOS_SEEDS;
  const ops = Number(values.ops ?? CHAOS_OPS);
  const rate = Number(values.rate ?? CHAOS_FAULT_RATE);
  if (seeds.some((seed) => !Number.isInteger(seed)) || !Number.isInteger(ops) || ops < 1 || !(rate >= 0 && rate <= 1)) {
    console.error('Usage: npx tsx bench/chaos.ts [--seed N]... [--ops N] [--rate 0..1] [--write]');
    process.exit(2);
  }
  const server = await startBenchServer();
  try {
    const figures = await benchChaos(server.url, seeds, ops, rate, (line) => console.log(line));
    console.log(`\n${chaosTable(figures.runs)}\n`);
    const reports = figures.runs.map(failureReport).filter((report) => report !== '');
    console.log(reports.length === 0 ? 'Every run kept every invariant.' : reports.join('\n\n'));
    if (values.write) {
      const path = join(import.meta.dirname, 'RESULTS.md');
      await writeFile(path, withChaosSection(await readFile(path, 'utf8'), chaosSection(figures)));
      console.log(`\nWrote the Chaos section of ${path}`);
    }
    process.exitCode = reports.length === 0 ? 0 : 1;
  } finally {
    await server.close();
  }
}

if (resolve(process.argv[1] ?? '') === import.meta.filename) await main();
