/** Waiting in tests: for a page to show something, for an action to become possible. */

/** How long a wait or an action waits by default before it fails, saying what it waited for. */
export const DEFAULT_TIMEOUT_MS = 20_000;
const POLL_INTERVAL_MS = 40;

/** An error thrown by the page's own code during an evaluation: retrying would not help. */
export class PageError extends Error {
  override name = 'PageError';
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Waits until `probe` returns something other than `undefined`, and returns it. A
 * {@link PageError} ends the wait at once; other failures (a page in the middle of a
 * navigation) are retried until the time is up.
 */
export async function poll<T>(probe: () => Promise<T | undefined>, what: () => string, timeout = DEFAULT_TIMEOUT_MS): Promise<T> {
  const deadline = performance.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof PageError) throw error;
      last = error;
    }
    if (performance.now() > deadline) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${what()}${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

