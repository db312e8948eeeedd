import type { Clock } from '../clock';
import type { Http } from '../http/create-http';
import { ConfabError, HttpError, StorageError } from '../http/errors';
import { randomId } from '../random-id';
import type { PageLifecycle } from './page-lifecycle';
import type { WriteRequest } from './requests';
import { judgeFailure, retryDelay, type RetryPolicy } from './retry-policy';
import type { OutboxEntry, OutboxKind, OutboxStore } from './outbox-store';
import { createTabLock, type LockManagerLike } from './tab-lock';

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

/**
 * The durable outbox: write first, send second, remove only after a 2xx. At-least-once, and
 * safe to repeat because every operation is an idempotent upsert or delete.
 */
export function createOutbox(options: OutboxOptions) {
  const { http, store, clock, lifecycle, policy, onError } = options;
  const withLock = createTabLock(options.lockName, options.locks);
  /** What this page last knew of the store, for the synchronous send on `pagehide`. */
  const known = new Map<string, OutboxEntry>();
  /** Keepalive requests in flight, by revision, with their bytes: the browser's quota counts them until they settle. */
  const keepaliveInFlight = new Map<string, number>();
  let timer: unknown;
  let timerAt = Number.POSITIVE_INFINITY;
  let queued: Promise<FlushReport> | undefined;
  let queuedForce = false;
  let closed = false;

  const isDead = (entry: OutboxEntry) => entry.deadAt !== undefined;
  const byOrder = (a: OutboxEntry, b: OutboxEntry) => a.order - b.order || a.key.localeCompare(b.key);
  const describe = ({ key, deadLetterOf, kind, queuedAt, attempts, lastError, deadAt }: OutboxEntry): OutboxItem => ({
    key: deadLetterOf ?? key,
    kind,
    queuedAt,
    attempts,
    lastError,
    deadAt,
  });

  async function readAll(): Promise<OutboxEntry[]> {
    const entries = await store.entries();
    known.clear();
    for (const entry of entries) if (!isDead(entry)) known.set(entry.key, entry);
    return entries;
  }

  /** Removes `entry` unless a newer version (another revision) replaced it meanwhile. */
  async function removeIfCurrent(entry: OutboxEntry) {
    await store.update(entry.key, (current) => (current?.revision === entry.revision ? undefined : current));
    if (known.get(entry.key)?.revision === entry.revision) known.delete(entry.key);
  }

  async function deadLetter(entry: OutboxEntry, error: ConfabError) {
    const now = clock.now();
    const dead: OutboxEntry = { ...entry, key: `${DEAD_PREFIX}${entry.revision}`, deadLetterOf: entry.key, deadAt: now, lastError: errorSummary(error) };
    // The dead letter is written before the pending entry goes: a crash between leaves both,
    // and the pending one fails again into the same dead-letter key.
    await store.update(dead.key, () => dead);
    await removeIfCurrent(entry);
    onError(error, { item: describe(dead) });
  }

  async function attempt(entry: OutboxEntry): Promise<'delivered' | 'retry' | 'pause' | 'dead'> {
    try {
      await http.request(entry.request);
    } catch (error) {
      // Deleting what the server does not have is the outcome we wanted.
      const alreadyGone = entry.kind === 'deleteConversation' && error instanceof HttpError && error.status === 404;
      if (!alreadyGone) return failed(entry, error);
    }
    await removeIfCurrent(entry);
    return 'delivered';
  }

  async function failed(entry: OutboxEntry, error: unknown): Promise<'retry' | 'pause' | 'dead'> {
    const verdict = judgeFailure(error);
    const confabError = error instanceof ConfabError ? error : new ConfabError('send_failed', String(error), { cause: error });
    if (!verdict.retry) {
      await deadLetter(entry, confabError);
      return 'dead';
    }
    const now = clock.now();
    const delay = retryDelay(policy, entry.attempts, verdict.retryAfterMs, options.random);
    await store.update(entry.key, (current) =>
      current?.revision === entry.revision
        ? {
            ...current,
            attempts: current.attempts + 1,
            notBefore: now + delay,
            retryAfterUntil: verdict.retryAfterMs === undefined ? undefined : now + delay,
            lastError: errorSummary(confabError),
          }
        : current,
    );
    return verdict.pauseQueue ? 'pause' : 'retry';
  }

  async function pass(force: boolean): Promise<FlushReport> {
    const delivered: OutboxItem[] = [];
    const now = clock.now();
    const queue = (await readAll()).filter((entry) => !isDead(entry)).sort(byOrder);
    for (const entry of queue.filter((candidate) => now - candidate.queuedAt > policy.expiryMs)) {
      const days = Math.round(policy.expiryMs / 86_400_000);
      await deadLetter(entry, new ConfabError('expired', `Not delivered within ${days} days (last error: ${entry.lastError?.message ?? 'none'}).`));
    }
    for (const entry of queue) {
      if (closed || !lifecycle.isOnline()) break;
      const due = Math.max(force ? 0 : entry.notBefore, entry.retryAfterUntil ?? 0) <= clock.now();
      if (now - entry.queuedAt > policy.expiryMs || !due) continue;
      const outcome = await attempt(entry);
      if (outcome === 'delivered') delivered.push(describe(entry));
      if (outcome === 'pause') break;
    }
    const entries = await readAll();
    const pending = entries.filter((entry) => !isDead(entry));
    scheduleRetry(pending);
    return { delivered, pending: pending.sort(byOrder).map(describe), deadLettered: entries.filter(isDead).map(describe) };
  }

  function scheduleRetry(pending: readonly OutboxEntry[]) {
    if (pending.length === 0 || !lifecycle.isOnline()) return;
    const next = Math.min(...pending.map((entry) => Math.max(entry.notBefore, entry.retryAfterUntil ?? 0)));
    wake(Math.max(0, next - clock.now()));
  }

  /** Runs a pass under the tab lock; a call while one is already waiting joins it. */
  function run(force: boolean): Promise<FlushReport> {
    queuedForce ||= force;
    if (queued) return queued;
    const pendingRun = withLock(() => {
      const forced = queuedForce;
      queued = undefined;
      queuedForce = false;
      return pass(forced);
    });
    queued = pendingRun;
    return pendingRun;
  }

  function runInBackground(force: boolean) {
    if (closed || !options.autoFlush) return;
    run(force).catch((error: unknown) => onError(asStorageError(error)));
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

  /** On leaving the page: fire what fits the keepalive budget; what does not waits for the next visit. */
  function sendOnLeave() {
    if (!lifecycle.isOnline()) return;
    let budget = options.keepaliveBudgetBytes - [...keepaliveInFlight.values()].reduce((sum, bytes) => sum + bytes, 0);
    const now = clock.now();
    for (const entry of [...known.values()].sort(byOrder)) {
      if (entry.bytes > budget || keepaliveInFlight.has(entry.revision) || (entry.retryAfterUntil ?? 0) > now) continue;
      budget -= entry.bytes;
      keepaliveInFlight.set(entry.revision, entry.bytes);
      http
        .request({ ...entry.request, keepalive: true })
        .then(() => removeIfCurrent(entry))
        .catch(() => undefined) // still pending: the next flush or visit sends it
        .finally(() => keepaliveInFlight.delete(entry.revision));
    }
  }

  const unsubscribe = lifecycle.subscribe((moment) => {
    if (moment === 'leaving') sendOnLeave();
    else runInBackground(moment === 'online');
  });
  runInBackground(true);

  function assertOpen(what: string) {
    if (closed) throw new ConfabError('closed', `${what} was called after close(); create a new analytics instance instead.`);
  }

  return {
    /** Writes an operation, replacing any pending one with the same key, then schedules a flush. */
    async enqueue(key: string, kind: OutboxKind, request: WriteRequest, bytes: number) {
      assertOpen(kind);
      const now = clock.now();
      let written: OutboxEntry | undefined;
      await store.update(key, (current) => {
        written = { key, kind, request, bytes, revision: randomId(), order: current?.order ?? now, queuedAt: now, attempts: 0, notBefore: now };
        return written;
      });
      if (written) known.set(key, written);
      wake(options.flushDelayMs);
    },

    /** Records an operation that can never be sent (too large) straight as a dead letter. */
    async reject(key: string, kind: OutboxKind, request: WriteRequest, bytes: number, error: ConfabError) {
      assertOpen(kind);
      const now = clock.now();
      await deadLetter({ key, kind, request, bytes, revision: randomId(), order: now, queuedAt: now, attempts: 0, notBefore: now }, error);
    },

    flush(): Promise<FlushReport> {
      assertOpen('flush');
      return run(true);
    },

    async pending(): Promise<number> {
      return (await store.entries()).filter((entry) => !isDead(entry)).length;
    },

    async deadLetters(): Promise<OutboxItem[]> {
      return (await store.entries()).filter(isDead).sort(byOrder).map(describe);
    },

    /** Puts every dead letter back in the queue (after fixing a key, say); a newer pending version wins. */
    async retryDeadLetters(): Promise<number> {
      assertOpen('retryDeadLetters');
      const dead = (await store.entries()).filter(isDead);
      for (const entry of dead) {
        const liveKey = entry.deadLetterOf ?? entry.key;
        const now = clock.now();
        await store.update(liveKey, (current) =>
          current ?? { ...entry, key: liveKey, deadLetterOf: undefined, deadAt: undefined, lastError: undefined, revision: randomId(), queuedAt: now, notBefore: now, attempts: 0 },
        );
        await store.update(entry.key, () => undefined);
      }
      if (dead.length > 0) wake(0);
      return dead.length;
    },

    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      if (timer !== undefined) clock.clearTimeout(timer);
      await queued?.catch(() => undefined);
      const left = store.durable ? 0 : (await store.entries()).filter((entry) => !isDead(entry)).length;
      if (left > 0) {
        onError(new StorageError(`${left} analytics operation(s) were not delivered and are lost: the outbox was in memory. Call flush() before close().`));
      }
    },
  };
}

/** The outbox's public surface, as `createAnalytics` wraps it. */
export type Outbox = ReturnType<typeof createOutbox>;

function errorSummary(error: ConfabError): NonNullable<OutboxEntry['lastError']> {
  return { code: error.code, message: error.message, status: error instanceof HttpError ? error.status : undefined };
}

function asStorageError(error: unknown): ConfabError {
  return error instanceof ConfabError ? error : new StorageError(`The analytics outbox could not be read or written: ${String(error)}`, { cause: error });
}
