// The chaos run of issue 10, bounded for CI: a few seeded programs of a few hundred operations
// on the built SDK in real Chromium, 30 % of the requests faulted, reloads mid-flush, three tabs,
// a tab killed while hidden, the browser closed mid-flush and reopened on its profile. Counted
// at the analytics server: nothing lost, no older version after a newer one, nothing of a
// deleted conversation after its delete, nothing left in the outbox. A failure names the seed,
// the counts, examples and the command that replays the run at full size or this one.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { failureReport } from '../../bench/chaos';
import { invariantFailures } from '../../bench/support/chaos/chaos-table';
import { startBenchServer } from '../../bench/support/bench-server';
import { runChaos } from '../../bench/support/chaos/run-chaos';
import type { AcceptanceServer } from '../acceptance/support/acceptance-server';
import { currentEngine } from './engines/engine';
import { itExceptIn } from './engines/engine-cases';

const SEEDS = [101, 102, 103];
const OPS = 200;

/**
 * The run restarts Chromium on one persistent profile and crashes a renderer through
 * Playwright; the outbox's durability in the other engines is outbox.browser.test.ts's.
 */
const CHROMIUM_ONLY = 'the chaos run closes and reopens Chromium on one profile, and crashes a tab, through Playwright';
const chaosCase = itExceptIn({ firefox: CHROMIUM_ONLY, webkit: CHROMIUM_ONLY });

let server: AcceptanceServer | undefined;
beforeAll(async () => {
  if (currentEngine() === 'chromium') server = await startBenchServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('the chaos run in Chromium, against dist/', () => {
  for (const seed of SEEDS) {
    chaosCase(
      `seed ${seed}, ${OPS} operations with 30 percent of requests faulted: 0 lost, 0 older after newer, 0 outliving a delete, nothing pending`,
      async () => {
        if (!server) throw new Error('The chaos server did not start.');
        const result = await runChaos({ url: server.url, seed, ops: OPS, faultedTailMs: 3_000, drainCapMs: 20_000 });
        expect(invariantFailures(result), failureReport(result)).toEqual([]);
      },
      90_000,
    );
  }
});
