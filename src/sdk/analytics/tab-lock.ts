import type { Clock } from '../clock';

/** The part of `navigator.locks` the outbox needs; a seam for tests and for Node. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** A lock kept in shared storage with an expiry, for browsers without `navigator.locks`. */
export interface Lease {
  /** Takes (or renews) the lease for `ttlMs`; false while another holder's lease runs. */
  acquire(ttlMs: number): Promise<boolean>;
  release(): Promise<void>;
  /** Lets go of the storage behind the lease. */
  close?(): void;
}

const LEASE_TTL_MS = 15_000;
const LEASE_POLL_MS = 250;

/**
 * Runs tasks one at a time in this page, and across the tabs of an origin: with
 * `navigator.locks` where it exists; else with a lease in IndexedDB that a tab renews while
 * it works and that expires if the tab dies; else (Node, a custom store) in-page only. One
 * sender at a time matters: two tabs sending two versions of a conversation could let the
 * older one reach the server last.
 */
export function createTabLock(name: string, seams: { locks?: LockManagerLike | undefined; lease?: Lease | undefined; clock: Clock }) {
  const { locks, lease, clock } = seams;
  let tail: Promise<unknown> = Promise.resolve();

  async function withWebLock<T>(task: () => Promise<T>, webLocks: LockManagerLike): Promise<T> {
    let started = false;
    try {
      return await webLocks.request(name, () => {
        started = true;
        return task();
      });
    } catch (error) {
      // `request` itself can throw (a sandboxed iframe has no lock manager): run unlocked
      // rather than never. An error from the task itself stands.
      if (started) throw error;
      return lease ? withLease(task, lease) : task();
    }
  }

  async function withLease<T>(task: () => Promise<T>, held: Lease): Promise<T> {
    try {
      while (!(await held.acquire(LEASE_TTL_MS))) await new Promise<void>((resolve) => clock.setTimeout(resolve, LEASE_POLL_MS));
    } catch {
      return task(); // storage refused the lease: better an unlocked flush than none
    }
    let renewal: unknown;
    const renew = () => {
      renewal = clock.setTimeout(() => {
        held.acquire(LEASE_TTL_MS).catch(() => undefined);
        renew();
      }, LEASE_TTL_MS / 3);
    };
    renew();
    try {
      return await task();
    } finally {
      clock.clearTimeout(renewal);
      await held.release().catch(() => undefined);
    }
  }

  return function withLock<T>(task: () => Promise<T>): Promise<T> {
    const run = () => (locks ? withWebLock(task, locks) : lease ? withLease(task, lease) : task());
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}

/** `navigator.locks` where the platform has it. */
export function platformLocks(): LockManagerLike | undefined {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  // lib.dom types the result as a promise of the callback's promise; the lock in fact
  // resolves with the callback's awaited value.
  return locks ? { request: <T>(name: string, callback: () => Promise<T>) => locks.request(name, callback) as Promise<T> } : undefined;
}
