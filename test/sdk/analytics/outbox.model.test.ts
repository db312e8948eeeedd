import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONVERSATIONS, fateArb, runProgram, stepArb } from './outbox-model';
/*
 * The outbox against a model, under everything at once: up to three tabs on one store, async
 * redaction of random length, deletes and votes, tabs crashing at any await (their store
 * operations and answers never come), server faults (5xx, 429, resets before and after the
 * commit) and requests the server commits late, after newer ones. fast-check generates the
 * programs and the interleavings, and shrinks a failure to a small program it prints with its
 * seed. `CONFAB_PROPERTY_RUNS` sets how many programs run (CI: the default below).
 *
 * After the program the server heals and the clock runs until the outbox is empty. Then:
 * 1. each conversation at the server is its newest queued version, or absent with all its
 *    feedback if a delete of it was queued;
 * 2. no vote queued on a conversation that stays is lost;
 * 3. whenever an older version of a key was sent after a newer one, a version at least as new
 *    was sent after it (the last send of a key is never a stale one);
 * 4. nothing stays pending forever.
 */

const RUNS = Number(process.env['CONFAB_PROPERTY_RUNS'] ?? 150);

describe('the outbox against a model (fast-check)', () => {
  it(`holds its four invariants for ${RUNS} generated programs of tabs, crashes, redaction, faults and late commits`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(stepArb, { minLength: 1, maxLength: 60, size: 'large' }), fc.array(fateArb, { minLength: 1, maxLength: 30, size: 'medium' }), async (scheduler, steps, fates) => {
        const { world, model, drained } = await runProgram(scheduler, steps, fates);
        if (process.env['MODEL_TRACE']) console.log(world.server.trace.join('\n'));
        if (process.env['MODEL_DEBUG']) console.log(steps.length, world.server.sends.length, model.deleteQueued.size, [...model.votes.values()].reduce((sum, votes) => sum + votes.size, 0), [...model.queued.values()].join(','));
        // 4. nothing pending forever
        expect(drained, 'the outbox drained').toBe(true);
        for (const id of CONVERSATIONS) {
          const atServer = world.server.conversations.get(id);
          if (model.deleteQueued.has(id)) {
            // 1. a queued delete is final, with everything that belonged to the conversation
            expect(atServer, `${id} deleted`).toBeUndefined();
            expect([...world.server.feedback.values()].filter((messageId) => messageId.startsWith(`${id}_`)), `${id}'s feedback deleted`).toEqual([]);
            continue;
          }
          if (model.deleteAsked.has(id)) continue; // asked by a tab that crashed before it was queued: either is right
          const queued = model.queued.get(id);
          if (queued !== undefined) {
            // 1. the newest queued version (a later call whose tab crashed mid-way may have been queued too)
            const trace = `${id} at the server; sends ${JSON.stringify(world.server.sends)}`;
            expect(atServer, trace).toBeGreaterThanOrEqual(queued);
            expect(atServer, trace).toBeLessThanOrEqual(model.version.get(id)!);
          }
          // 2. no vote lost
          for (const vote of model.votes.get(id) ?? []) expect(world.server.feedback.has(vote), `the vote ${vote}`).toBe(true);
        }
        // 3. the last send of a key is never older than one sent before it
        const newest = new Map<string, number>();
        const stale = new Map<string, number>();
        for (const { key, version } of world.server.sends) {
          if (version < (newest.get(key) ?? 0)) stale.set(key, newest.get(key)!);
          else if (version >= (stale.get(key) ?? 0)) stale.delete(key);
          newest.set(key, Math.max(version, newest.get(key) ?? 0));
        }
        expect(Object.fromEntries(stale), 'keys whose last send was stale').toEqual({});
      }),
      {
        numRuns: RUNS,
        interruptAfterTimeLimit: Number(process.env['CONFAB_PROPERTY_SECONDS'] ?? 120) * 1000,
        // Replays a failure fast-check printed: CONFAB_PROPERTY_SEED=<seed> CONFAB_PROPERTY_PATH=<path>.
        ...(process.env['CONFAB_PROPERTY_SEED'] && { seed: Number(process.env['CONFAB_PROPERTY_SEED']), path: process.env['CONFAB_PROPERTY_PATH'] ?? '', endOnFailure: true }),
      },
    );
  }, 1_800_000);
});
