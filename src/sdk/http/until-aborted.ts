import type { Clock } from '../clock';

/** A time limit for {@link untilAborted}: after `ms` on `clock`, it rejects with `error()`. */
export interface Deadline {
  clock: Clock;
  ms: number;
  error(): unknown;
}

/**
 * `promise`, or the signal's abort as a rejection, or the deadline's error, whichever comes
 * first. The listener and the timer go as soon as it settles, so that one call per stream chunk
 * leaves nothing behind; `promise` is always handled, so a late rejection is never unhandled.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, deadline?: Deadline): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = deadline?.clock.setTimeout(() => settle(reject, deadline.error()), deadline.ms);
    const onAbort = () => settle(reject, signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    function settle<V>(finish: (value: V) => void, value: V) {
      deadline?.clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      finish(value);
    }
    promise.then(
      (value) => settle(resolve, value),
      (error: unknown) => settle(reject, error),
    );
    if (signal?.aborted) onAbort();
  });
}
