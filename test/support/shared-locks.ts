import type { LockManagerLike } from '../../src/sdk/analytics/tab-lock';

/**
 * `navigator.locks` as an origin's tabs share it: exclusive, first come first served, and a
 * closed (crashed) tab's lock is released by the browser. `forTab` gives each tab its manager;
 * `crash` releases what that tab holds and refuses what it waits for.
 */
export function createSharedLocks() {
  const holders = new Map<string, string>();
  const waiting = new Map<string, Array<{ tab: string; grant: () => void }>>();
  const crashed = new Set<string>();

  function release(name: string) {
    holders.delete(name);
    const next = waiting.get(name)?.shift();
    if (next) {
      holders.set(name, next.tab);
      next.grant();
    }
  }

  return {
    forTab(tab: string): LockManagerLike {
      return {
        async request<T>(name: string, callback: () => Promise<T>): Promise<T> {
          // A closed tab asks for nothing more.
          if (crashed.has(tab)) return new Promise<T>(() => undefined);
          if (holders.has(name)) await new Promise<void>((grant) => waiting.set(name, [...(waiting.get(name) ?? []), { tab, grant }]));
          else holders.set(name, tab);
          try {
            return await callback();
          } finally {
            if (holders.get(name) === tab) release(name);
          }
        },
      };
    },
    /** Who holds and who waits, for a failing test's message. */
    describe: () => JSON.stringify({ holders: [...holders], waiting: [...waiting].map(([name, queue]) => [name, queue.map((item) => item.tab)]) }),
    crash(tab: string) {
      crashed.add(tab);
      for (const [name, queue] of waiting) waiting.set(name, queue.filter((item) => item.tab !== tab));
      for (const [name, holder] of [...holders]) if (holder === tab) release(name);
    },
  };
}
