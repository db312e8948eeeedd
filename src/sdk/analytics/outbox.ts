import type { Clock } from '../clock';
import type { Http } from '../http/create-http';
import { ConfabError, HttpError, StorageError } from '../http/errors';
import { randomId } from '../random-id';
import type { PageLifecycle } from './page-lifecycle';
import type { WriteRequest } from './requests';
import { judgeFailure, retryDelay, type RetryPolicy } from './retry-policy';
import type { OutboxEntry, OutboxKind, OutboxStore } from './outbox-store';
import { createTabLock, type Lease, type LockManagerLike } from './tab-lock';

/** An outbox entry as `flush()` and `deadLetters()` describe it. */
export interface OutboxItem {
  key: string;
  kind: OutboxKind;
  queuedAt: number;
  attempts: number;
  lastError?: OutboxEntry['lastError'];
  deadAt?: number | undefined;
}

/** What a flush achieved: delivered now, still waiting, and every dead letter held. */
export interface FlushReport {
  delivered: OutboxItem[];
  pending: OutboxItem[];
  deadLettered: OutboxItem[];
}

/** Called for every failure the caller should know of; `item` names the operation it concerns. */
export type ErrorReporter = (error: ConfabError, context?: { item?: OutboxItem }) => void;

export interface OutboxOptions {
  http: Http;
  store: OutboxStore;
  lockName: string;
  locks: LockManagerLike | undefined;
  /** Where `navigator.locks` is missing: a lease in the store's database, so tabs still take turns. */
  lease: Lease | undefined;
  clock: Clock;
  random: () => number;
  lifecycle: PageLifecycle;
  policy: RetryPolicy;
  /** Wait after an enqueue before flushing, so a burst of writes goes out as one pass. */
  flushDelayMs: number;
  /** Bytes sent with `keepalive` when the page is left (browsers allow 64 KB in flight). */
  keepaliveBudgetBytes: number;
  autoFlush: boolean;
  onError: ErrorReporter;
}

const DEAD_PREFIX = 'dead:';
/** Whether an entry is a dead letter. */
export const isDead = (entry: OutboxEntry) => entry.deadAt !== undefined;
/** Sending order. */
export const byOrder = (a: OutboxEntry, b: OutboxEntry) => a.order - b.order || a.key.localeCompare(b.key);
/** An entry as `flush()` and `deadLetters()` report it. */
export const describe = ({ key, deadLetterOf, kind, queuedAt, attempts, lastError, deadAt }: OutboxEntry): OutboxItem => ({
  key: deadLetterOf ?? key,
  kind,
  queuedAt,
  attempts,
  lastError,
  deadAt,
});

/**
 * The durable outbox: write first, send second, remove only after a 2xx, and only from a
 * flush that holds the tab lock, so two senders never race on one key. At-least-once, and
 * safe to repeat because every operation is an idempotent upsert or delete.
 */
export function createOutbox(options: OutboxOptions) {
  const { http, store, clock, lifecycle, policy, onError } = options;
  const withLock = createTabLock(options.lockName, { locks: options.locks, lease: options.lease, clock });
  /**
   * This page's own writes that no flush has attempted yet: what leaving the page sends.
   * Another tab's newer write of the same key drops it (`channel`), so a stale version is
   * never sent last.
   */
  const unsent = new Map<string, OutboxEntry>();
  const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(options.lockName);
  if (channel) {
    channel.onmessage = ({ data }: MessageEvent<{ key: string; revision: string }>) => {
      if (unsent.get(data.key)?.revision !== data.revision) unsent.delete(data.key);
    };
  }
  let keepaliveBytesInFlight = 0;
  /** Set by a network error or a 429: the whole queue waits, not just the entry that failed. */
  let pause: { until: number; serverAsked: boolean } | undefined;
  let timer: unknown;
  let timerAt = Number.POSITIVE_INFINITY;
  let queued: Promise<FlushReport> | undefined;
  let queuedForce = false;
  let latestRun: Promise<unknown> = Promise.resolve();
  let closed = false;
  let sequence = 0;
  /** Time-based so tabs interleave sensibly, with a counter so one page's writes in one millisecond keep their order. */
  const nextOrder = () => clock.now() * 1000 + (sequence++ % 1000);
  /** A new version of an operation; `order` is kept when it replaces a pending one. */
  const newEntry = (key: string, kind: OutboxKind, request: WriteRequest, bytes: number, order = nextOrder()): OutboxEntry => {
    const now = clock.now();
    return { key, kind, request, bytes, revision: randomId(), order, queuedAt: now, attempts: 0, notBefore: now };
  };

  /** Removes `entry` unless a newer version (another revision) replaced it meanwhile. */
  async function removeIfCurrent(entry: OutboxEntry) {
    await store.update(entry.key, (current) => (current?.revision === entry.revision ? undefined : current));
  }

  async function deadLetter(entry: OutboxEntry, error: ConfabError) {
    const dead: OutboxEntry = { ...entry, key: `${DEAD_PREFIX}${entry.revision}`, deadLetterOf: entry.key, deadAt: clock.now(), lastError: errorSummary(error) };
    // The dead letter is written before the pending entry goes: a crash between leaves both,
    // and the pending one fails again into the same dead-letter key.
    await store.update(dead.key, () => dead);
    await removeIfCurrent(entry);
    onError(error, { item: describe(dead) });
  }

  async function attempt(entry: OutboxEntry): Promise<'delivered' | 'retry' | 'pause' | 'dead'> {
    try {
      await http.request({ ...entry.request, discardBody: true });
    } catch (error) {
      // Deleting what the server does not have is the outcome we wanted.
      const alreadyGone = entry.kind === 'deleteConversation' && error instanceof HttpError && error.status === 404;
      if (!alreadyGone) return failed(entry, error);
    }
    pause = undefined;
    await removeIfCurrent(entry);
    return 'delivered';
  }

  async function failed(entry: OutboxEntry, error: unknown): Promise<'retry' | 'pause' | 'dead'> {
    const verdict = judgeFailure(error);
    const cause = error instanceof ConfabError ? error : new ConfabError('send_failed', String(error), { cause: error });
    const now = clock.now();
    if (!verdict.retry) {
      await deadLetter(entry, cause);
      return 'dead';
    }
    // Expiry is judged after one more try, so a log left by a page closed for a week is
    // still delivered when the server takes it.
    if (now - entry.queuedAt > policy.expiryMs) {
      const days = Math.round(policy.expiryMs / 86_400_000);
      await deadLetter(entry, new ConfabError('expired', `Not delivered within ${days} days; the last attempt failed: ${cause.message}`, { cause }));
      return 'dead';
    }
    const delay = retryDelay(policy, entry.attempts, verdict.retryAfterMs, options.random);
    const serverAsked = verdict.retryAfterMs !== undefined;
    await store.update(entry.key, (current) =>
      current?.revision === entry.revision
        ? { ...current, attempts: current.attempts + 1, notBefore: now + delay, retryAfterUntil: serverAsked ? now + delay : undefined, lastError: errorSummary(cause) }
        : current,
    );
    if (!verdict.pauseQueue) return 'retry';
    pause = { until: now + delay, serverAsked };
    return 'pause';
  }

  function blockedByPause(force: boolean): boolean {
    return pause !== undefined && pause.until > clock.now() && (!force || pause.serverAsked);
  }

  async function pass(force: boolean): Promise<FlushReport> {
    const delivered: OutboxItem[] = [];
    const queue = (await store.entries()).filter((entry) => !isDead(entry)).sort(byOrder);
    for (const entry of queue) {
      if (closed || !lifecycle.isOnline() || blockedByPause(force)) break;
      if (Math.max(force ? 0 : entry.notBefore, entry.retryAfterUntil ?? 0) > clock.now()) continue;
      if (unsent.get(entry.key)?.revision === entry.revision) unsent.delete(entry.key);
      const outcome = await attempt(entry);
      if (outcome === 'delivered') delivered.push(describe(entry));
      if (outcome === 'pause') break;
    }
    const entries = await store.entries();
    const pending = entries.filter((entry) => !isDead(entry)).sort(byOrder);
    scheduleRetry(pending);
    return { delivered, pending: pending.map(describe), deadLettered: entries.filter(isDead).sort(byOrder).map(describe) };
  }

  function scheduleRetry(pending: readonly OutboxEntry[]) {
    if (pending.length === 0 || !lifecycle.isOnline()) return;
    const due = Math.min(...pending.map((entry) => Math.max(entry.notBefore, entry.retryAfterUntil ?? 0)));
    wake(Math.max(0, Math.max(due, pause?.until ?? 0) - clock.now()));
  }

  /** Runs a pass under the tab lock; a call while one is already waiting joins it. */
  function run(force: boolean): Promise<FlushReport> {
    queuedForce ||= force;
    if (queued) return queued;
    const next = withLock(() => {
      const forced = queuedForce;
      queued = undefined;
      queuedForce = false;
      return pass(forced);
    });
    queued = next;
    latestRun = next;
    // A run whose lock failed never started: it must not stay the one every caller joins.
    next.finally(() => queued === next && (queued = undefined)).catch(() => undefined);
    return next;
  }

  function runInBackground(force: boolean) {
    if (closed || !options.autoFlush) return;
    run(force).catch((error: unknown) => onError(asConfabError(error)));
  }

  function wake(delayMs: number) {
    if (closed || !options.autoFlush) return;
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

  /**
   * On leaving the page: send this page's unattempted writes that fit the keepalive budget.
   * They are not removed here: this send holds no lock, so the next locked flush (in another
   * tab or on the next visit) sends them again and removes them, and the last write to reach
   * the server is always the newest.
   */
  function sendOnLeave() {
    if (!lifecycle.isOnline() || blockedByPause(true)) return;
    let budget = options.keepaliveBudgetBytes - keepaliveBytesInFlight;
    for (const entry of [...unsent.values()].sort(byOrder)) {
      if (entry.bytes > budget) continue;
      budget -= entry.bytes;
      keepaliveBytesInFlight += entry.bytes;
      unsent.delete(entry.key);
      http
        .request({ ...entry.request, keepalive: true, discardBody: true })
        .catch(() => undefined) // still pending in the store: the next flush or visit sends it
        .finally(() => (keepaliveBytesInFlight -= entry.bytes));
    }
  }

  const unsubscribe = lifecycle.subscribe((moment) => {
    if (moment === 'leaving') return sendOnLeave();
    if (moment === 'online') pause = undefined;
    runInBackground(moment === 'online');
  });
  runInBackground(true);

  function assertOpen(what: string) {
    if (closed) throw new ConfabError('closed', `${what} after close(): create a new analytics instance.`);
  }

  return {
    /** Writes an operation, replacing any pending one with the same key, then schedules a flush. */
    async enqueue(key: string, kind: OutboxKind, request: WriteRequest, bytes: number) {
      assertOpen(kind);
      let written: OutboxEntry | undefined;
      await store.update(key, (current) => (written = newEntry(key, kind, request, bytes, current?.order)));
      if (written) {
        unsent.set(key, written);
        channel?.postMessage({ key, revision: written.revision });
      }
      wake(options.flushDelayMs);
    },

    /** Drops a pending operation the user took back before it was sent (a withdrawn vote). */
    async discard(key: string) {
      assertOpen('discard');
      unsent.delete(key);
      await store.update(key, () => undefined);
    },

    /** Records an operation that can never be sent (too large) straight as a dead letter. */
    async reject(key: string, kind: OutboxKind, request: WriteRequest, bytes: number, error: ConfabError) {
      assertOpen(kind);
      await deadLetter(newEntry(key, kind, request, bytes), error);
    },

    flush(): Promise<FlushReport> {
      assertOpen('flush');
      return run(true);
    },

    /** Schedules a flush in `delayMs` (for queue repairs, see outbox-inspection.ts). */
    wake,

    /** Refuses `what` once the outbox is closed. */
    assertOpen,

    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      channel?.close();
      if (timer !== undefined) clock.clearTimeout(timer);
      await latestRun.catch(() => undefined);
      const left = store.durable ? 0 : (await store.entries()).filter((entry) => !isDead(entry)).length;
      if (left > 0) {
        onError(new StorageError(`${left} undelivered analytics operation(s) lost: the outbox was in memory. Call flush() before close().`));
      }
    },
  };
}

/** The outbox's public surface, as `createAnalytics` wraps it. */
export type Outbox = ReturnType<typeof createOutbox>;

function errorSummary(error: ConfabError): NonNullable<OutboxEntry['lastError']> {
  return { code: error.code, message: error.message, status: error instanceof HttpError ? error.status : undefined };
}

function asConfabError(error: unknown): ConfabError {
  return error instanceof ConfabError ? error : new StorageError(`The analytics outbox could not be read or written: ${String(error)}`, { cause: error });
}
