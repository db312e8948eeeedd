/**
 * The chaos run's verdicts and tables: which invariants a run broke (the CI test asserts none),
 * and the markdown table `bench/chaos.ts` prints and RESULTS.md shows.
 */
import type { ChaosResult } from './run-chaos';

/** The command that replays a run. */
export const replayCommand = ({ seed, ops }: Pick<ChaosResult, 'seed' | 'ops'>) => `npx tsx bench/chaos.ts --seed ${seed} --ops ${ops}`;

/** The invariants the run broke, one sentence each; empty when it kept them all. */
export function invariantFailures(result: ChaosResult): string[] {
  const { counts } = result;
  const failures: string[] = [];
  if (counts.lost > 0) {
    failures.push(
      `${counts.lost} final states lost (${counts.lostConversations} conversations not at their newest version, ${counts.presentThoughDeleted} present though deleted, ${counts.lostVotes} votes, ${counts.lostEvents} events)`,
    );
  }
  if (counts.olderAfterNewer > 0) failures.push(`${counts.olderAfterNewer} older versions sent after newer ones, in ${counts.olderAfterNewerConversations} conversations`);
  if (counts.outlivingDelete > 0) failures.push(`${counts.outlivingDelete} records outlived ${counts.deletes} deletes`);
  if (!result.drained || result.pendingAfterDrain > 0) failures.push(`the outbox did not drain: ${result.pendingAfterDrain} operations pending after ${result.drainMs} ms`);
  if (result.deadLetters > 0) failures.push(`${result.deadLetters} dead letters`);
  if (result.failedOps.length > 0) failures.push(`${result.failedOps.length} operations failed in the page: ${result.failedOps.join('; ')}`);
  if (result.pageErrors.length > 0) failures.push(`${result.pageErrors.length} uncaught page errors: ${result.pageErrors.join('; ')}`);
  return failures;
}

const number = (value: number) => value.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sum = (runs: readonly ChaosResult[], field: (run: ChaosResult) => number) => runs.reduce((total, run) => total + field(run), 0);

function row(label: string, runs: readonly ChaosResult[]): string {
  const faulted = sum(runs, (run) => Object.values(run.injected).reduce((total, count) => total + count, 0));
  const pending = sum(runs, (run) => run.pendingAfterDrain + run.deadLetters);
  const drainOf = (run: ChaosResult) => `${run.drainedUnderFaults ? '' : '> '}${seconds(run.drainUnderFaultsMs)}`;
  const slowest = [...runs].sort((a, b) => b.drainUnderFaultsMs - a.drainUnderFaultsMs)[0];
  const drain = slowest ? `${drainOf(slowest)}${runs.length > 1 ? ' (longest)' : ''}` : '';
  const rate = runs.length === 1 ? (runs[0]?.opsPerSecond ?? 0).toFixed(1) : `${(sum(runs, (run) => run.opsPerSecond) / runs.length).toFixed(1)} (mean)`;
  return [
    label,
    number(sum(runs, (run) => run.writes)),
    `${number(sum(runs, (run) => run.accidents.reloads))} / ${number(sum(runs, (run) => run.accidents.kills))} / ${number(sum(runs, (run) => run.accidents.restarts))}`,
    `${number(sum(runs, (run) => run.requests))} (${number(faulted)})`,
    number(sum(runs, (run) => run.counts.lost)),
    number(sum(runs, (run) => run.counts.olderAfterNewer)),
    number(sum(runs, (run) => run.counts.outlivingDelete)),
    number(sum(runs, (run) => run.counts.deletes)),
    `${number(sum(runs, (run) => run.counts.lateOverNewer))} / ${number(sum(runs, (run) => run.counts.lateAfterDelete))}`,
    number(sum(runs, (run) => run.counts.duplicates)),
    drain,
    number(pending),
    rate,
  ].join(' | ');
}

/** One row per run and, for several, their total. */
export function chaosTable(runs: readonly ChaosResult[]): string {
  const header = [
    '| seed | writes | reloads / kills / restarts | requests (faulted) | lost | older after newer | outliving a delete | deletes | applied late: over a newer version / after a delete | duplicates | drain under faults | left in the outbox at the end | operations/s under faults |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const rows = runs.map((run) => `| ${row(String(run.seed), [run])} |`);
  if (runs.length > 1) rows.push(`| ${row('all', runs)} |`);
  return [...header, ...rows].join('\n');
}

/** The faults injected over the runs, by kind. */
export function injectedLine(runs: readonly ChaosResult[]): string {
  const kinds = { serverError: '5xx', rateLimited: '429', resetBefore: 'reset before applying', resetAfter: 'reset after applying', slow: 'slow', late: 'late commit' } as const;
  return Object.entries(kinds)
    .map(([kind, name]) => `${number(sum(runs, (run) => run.injected[kind as keyof typeof kinds]))} ${name}`)
    .join(', ');
}
