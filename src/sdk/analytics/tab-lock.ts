/** The part of `navigator.locks` the outbox needs; a seam for tests and for Node. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * Runs `task` holding the named lock, so one tab of an origin flushes at a time. Where
 * `navigator.locks` is missing (old Safari, Node), tasks still never overlap within this
 * page; across tabs two flushes may then overlap, which costs a duplicate send but loses
 * nothing: every operation is an idempotent upsert, and an entry is removed only if no
 * newer version replaced it.
 */
export function createTabLock(name: string, locks: LockManagerLike | undefined = defaultLocks()) {
  let tail: Promise<unknown> = Promise.resolve();
  return function withLock<T>(task: () => Promise<T>): Promise<T> {
    const run = () => (locks ? locks.request(name, task) : task());
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}

function defaultLocks(): LockManagerLike | undefined {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  // lib.dom types the result as a promise of the callback's promise; the lock in fact
  // resolves with the callback's awaited value.
  return locks ? { request: <T>(name: string, callback: () => Promise<T>) => locks.request(name, callback) as Promise<T> } : undefined;
}
