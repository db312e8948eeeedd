import type { Clock } from '../../src/sdk/clock';

/** A clock the test moves by hand; timers fire in time order during `advance`. */
export interface FakeClock extends Clock {
  advance(ms: number): void;
  /** Timers still waiting, with their due times. */
  readonly timers: ReadonlyArray<{ at: number }>;
}

export function createFakeClock(start = Date.parse('2026-11-21T12:00:00Z')): FakeClock {
  let now = start;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const handle = nextHandle++;
      timers.set(handle, { at: now + Math.max(0, ms), callback });
      return handle;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
    get timers() {
      return [...timers.values()].map(({ at }) => ({ at }));
    },
  };
}
