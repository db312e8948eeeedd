/**
 * One helpdesk conversation at a time per handoff: within this process, callers queue
 * behind each other; across instances sharing the store, the store's lock (an atomic
 * counter with an expiry, so a crashed holder frees it) decides, and a caller waits for
 * it at most `waitMs` before going on without it.
 */
import type { HandoffStore } from './handoff-store';

/** What `run` resolves with when the lock could not be had in time. */
export const BUSY = Symbol('busy');

export interface HandoffLocks {
  /** Runs `task` holding handoff `id`'s lock; `BUSY` when another holds it past `waitMs` (0: do not wait). */
  run<T>(id: string, waitMs: number, task: () => Promise<T>): Promise<T | typeof BUSY>;
}

/** Options of {@link createLocks}. */
export interface LockOptions {
  /** The store lock's expiry: longer than any holder's helpdesk calls. */
  ttlMs: number;
  /** Waits between tries of the store lock. */
  sleep(ms: number): Promise<void>;
}

/** The pause between tries of a lock another instance holds. */
const RETRY_MS = 100;

export function createLocks(handoffs: HandoffStore, options: LockOptions): HandoffLocks {
  const chains = new Map<string, Promise<unknown>>();

  async function withStoreLock<T>(id: string, waitMs: number, task: () => Promise<T>): Promise<T | typeof BUSY> {
    // Waited time is counted in pauses, not read from a clock a test (or a frozen runtime) may hold still.
    for (let waited = 0; !(await handoffs.lock(id, options.ttlMs)); waited += RETRY_MS) {
      if (waited >= waitMs) return BUSY;
      await options.sleep(RETRY_MS);
    }
    try {
      return await task();
    } finally {
      await handoffs.unlock(id);
    }
  }

  return {
    run(id, waitMs, task) {
      const previous = chains.get(id);
      if (previous && waitMs === 0) return Promise.resolve(BUSY);
      const mine = (previous ?? Promise.resolve()).catch(() => undefined).then(() => withStoreLock(id, waitMs, task));
      chains.set(id, mine);
      void mine.finally(() => {
        if (chains.get(id) === mine) chains.delete(id);
      }).catch(() => undefined);
      return mine;
    },
  };
}
