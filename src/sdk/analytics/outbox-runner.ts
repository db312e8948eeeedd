import { ConfabError, StorageError } from '../http/errors';
import type { OutboxOptions } from './outbox-options';
import type { FlushReport, OutboxPass, PassContext } from './outbox-pass';
import { createTabLock } from './tab-lock';

/**
 * When and how the outbox's passes run: one at a time under the tab lock, in the background
 * after a write, a page moment or a backoff (`wake`), or at once for `flush()`. It loads the
 * sending half (outbox-pass.ts) with the first pass, and only by `import()`: the script-tag
 * build keeps that half in a chunk of its own, out of the panel's core (vite.config.ts).
 * A static import of it here would pull it back in.
 */
export function createRunner(options: OutboxOptions, context: PassContext) {
  const { clock, lifecycle, policy, onError } = options;
  const withLock = createTabLock(options.lockName, { locks: options.locks, lease: options.lease, clock });

  let loading: Promise<OutboxPass> | undefined;
  let loadFailureReported = false;
  let loadFailures = 0;
  /** The sending half, loaded once; a failed load (offline, blocked) is tried again with backoff. */
  function engine(): Promise<OutboxPass> {
    loading ??= (options.loadSendingCode ?? (() => import('./outbox-pass')))().then(
      ({ createPass }) => createPass(context),
      (error: unknown) => {
        loading = undefined;
        loadFailures++;
        const failure = new ConfabError('chunk_load_failed', `The analytics outbox's sending code could not be loaded (${String(error)}); logs wait in the outbox and are sent once it loads.`, { cause: error });
        // Told once it fails again and again while online (a file not deployed, a blocker): a
        // network that blinks, or no network at all, is what the backoff and `online` are for.
        if (!loadFailureReported && lifecycle.isOnline() && loadFailures >= 3) {
          onError(failure);
          loadFailureReported = true;
        }
        throw failure;
      },
    );
    return loading;
  }

  let timer: unknown;
  let timerAt = Number.POSITIVE_INFINITY;
  let queued: Promise<FlushReport> | undefined;
  let queuedForce = false;
  let latestRun: Promise<unknown> = Promise.resolve();

  /** Runs a pass under the tab lock; a call while one is already waiting joins it. */
  function run(force: boolean): Promise<FlushReport> {
    queuedForce ||= force;
    if (queued) return queued;
    const next = withLock(async () => {
      const forced = queuedForce;
      queued = undefined;
      queuedForce = false;
      const { nextDue, ...report } = await (await engine()).pass(forced);
      if (nextDue !== undefined && lifecycle.isOnline()) wake(Math.max(0, nextDue - clock.now()));
      return report;
    });
    queued = next;
    latestRun = next;
    // A run whose lock failed never started: it must not stay the one every caller joins.
    next.finally(() => queued === next && (queued = undefined)).catch(() => undefined);
    return next;
  }

  /** Runs a pass whose failure goes to `onError`, never to a caller; nothing once closed or without auto-flush. */
  function runInBackground(force: boolean) {
    if (context.closed || !options.autoFlush) return;
    run(force).catch((error: unknown) => {
      // Reported once; tried again after a backoff (a network back, a file deployed), or sooner
      // on the next write or when the browser comes online. What waits stays in the store.
      if (error instanceof ConfabError && error.code === 'chunk_load_failed') return wake(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** loadFailures));
      onError(error instanceof ConfabError ? error : new StorageError(`The analytics outbox could not be read or written: ${String(error)}`, { cause: error }));
    });
  }

  /** Schedules a background pass in `delayMs`, unless one is due sooner already. */
  function wake(delayMs: number) {
    if (context.closed || !options.autoFlush) return;
    const at = clock.now() + delayMs;
    if (timer !== undefined && timerAt <= at) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timerAt = at;
    timer = clock.setTimeout(() => {
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      runInBackground(false);
    }, delayMs);
  }

  return {
    engine,
    run,
    runInBackground,
    wake,

    /** Cancels the scheduled pass; resolves once the latest run is over, whatever its outcome. */
    stop() {
      if (timer !== undefined) clock.clearTimeout(timer);
      return latestRun.catch(() => undefined);
    },
  };
}
