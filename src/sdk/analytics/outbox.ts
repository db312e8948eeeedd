import { buildRequest } from '../http/build-request';
import { ConfabError, StorageError } from '../http/errors';
import { randomId } from '../random-id';
import type { OutboxOptions, QueuedOperation } from './outbox-options';
import type { FlushReport, OutboxPass, PassContext } from './outbox-pass';
import { byOrder, conversationKey, dueAt, entryAt, isDeletion, isEntry, liveSends, readRecord, restoreBeforeDelete, withOpenSends } from './outbox-records';
import { createRunner } from './outbox-runner';
import type { OpenSend, OutboxEntry } from './outbox-store';
import type { RetryPolicy } from './retry-policy';

export type { ErrorReporter } from './dead-letters';
export type { OutboxOptions, QueuedOperation } from './outbox-options';
export type { FlushReport } from './outbox-pass';
export type { OutboxItem } from './outbox-item';

/**
 * How long after writing a version this page may still send it on leaving: half the late-landing
 * window, so that a keepalive send, landing within the window after it, lands while the mark
 * that announced it is still counted.
 */
const keepaliveWindow = (policy: RetryPolicy) => policy.lateLandingMs / 2;

/**
 * The durable outbox: write first, send second, remove only after the API's 2xx, and only from
 * a pass that holds the tab lock. At-least-once, and safe to repeat because every operation is
 * an idempotent upsert or delete. Three rules keep the server's state the newest local one:
 * versions of a key keep the order of the calls (tickets); a delete is final (tombstones, and
 * nothing of a deleted conversation is sent after it); a send without an answer may still
 * land, so the newest version is sent again once it can no longer (outbox-send.ts).
 *
 * This file is the writing half, and what leaving the page sends; the passes run from
 * outbox-runner.ts, and the sending half (outbox-pass.ts) loads with the first of them.
 */
export function createOutbox(options: OutboxOptions) {
  const { store, clock, lifecycle, policy, onError } = options;
  /** This page, as the outbox records name their writer. */
  const writer = randomId();
  let closed = false;
  const context: PassContext = {
    http: options.http,
    store,
    clock,
    policy,
    random: options.random,
    lifecycle,
    onError,
    writer,
    unsent: new Map(),
    pause: undefined,
    get closed() {
      return closed;
    },
  };
  /**
   * This page's own writes that no pass has attempted yet: what leaving the page sends.
   * Another tab's newer write of the same key drops it (`channel`), so a stale version is
   * never sent last.
   */
  const { unsent } = context;
  const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(options.lockName);
  if (channel) {
    channel.onmessage = ({ data }: MessageEvent<{ key: string; revision: string }>) => {
      if (!unsent.has(data.key) || unsent.get(data.key)?.revision === data.revision) return;
      unsent.delete(data.key);
      // Another tab wrote a newer version: this page will never send its own on leaving, so
      // its mark saying it might must not make the newer one wait for a confirmation.
      store
        .update(data.key, (value) => {
          const record = entryAt(data.key, value);
          return isEntry(record) ? { ...record, openSends: record.openSends?.filter((send) => send.keepaliveBy !== writer) } : value;
        })
        .catch(() => undefined);
    };
  }

  const { engine, run, runInBackground, wake, stop } = createRunner(options, context);

  let keepaliveBytesInFlight = 0;
  /**
   * The keepalive sends this page made, by key. Each is also recorded on its key, but that
   * write may land after a newer version of the key replaced the one it carried (and the
   * newer one may be delivered by then): the newer version takes them from here, so it is
   * sent once more after them.
   */
  const sentOnLeave = new Map<string, OpenSend[]>();
  let sequence = 0;
  /** Time-based so tabs interleave sensibly, with a counter so one page's writes in one millisecond keep their order. */
  const nextOrder = () => clock.now() * 1000 + (sequence++ % 1000);
  /**
   * Whether `record` was asked for after the call holding `ticket`. A ticket is the call's time
   * in ms (×1000) plus this page's counter: within a page that orders every call; another
   * page's counter means nothing here, so across pages the milliseconds decide, and a tie goes
   * to the version written last.
   */
  const isNewer = (record: { ticket: number; writer?: string | undefined }, ticket: number) =>
    record.writer === writer ? record.ticket > ticket : Math.floor(record.ticket / 1000) > Math.floor(ticket / 1000);

  const blockedByPause = (force: boolean) => context.pause !== undefined && context.pause.until > clock.now() && (!force || context.pause.serverAsked);

  /**
   * On leaving the page: send this page's unattempted writes that fit the keepalive budget.
   * They are not removed here (this send holds no lock): the next locked pass, in another tab
   * or on the next visit, sends them again and removes them. Each send is recorded as open
   * first, so a newer version delivered before it lands is sent once more after it.
   */
  function sendOnLeave() {
    if (!lifecycle.isOnline() || blockedByPause(true)) return;
    let budget = options.keepaliveBudgetBytes - keepaliveBytesInFlight;
    const now = clock.now();
    for (const entry of [...unsent.values()].sort(byOrder)) {
      // Only a version this page may still send (see OpenSend.keepaliveBy): older ones wait for a
      // pass. Feedback and events of a conversation wait for a pass too: keepalive requests land
      // in any order, and one must never reach the server before its conversation does. A
      // delete that restores first needs its two requests in order: a pass sends it; one not
      // swept yet does not know the sends in doubt of its conversation's votes it must wait for.
      const follower = entry.conversationId !== undefined && entry.key !== conversationKey(entry.conversationId);
      if (follower || entry.sweep || entry.restore || entry.bytes > budget || now > entry.queuedAt + keepaliveWindow(policy) || dueAt(entry, now, policy, true) > 0) continue;
      budget -= entry.bytes;
      keepaliveBytesInFlight += entry.bytes;
      unsent.delete(entry.key);
      const send = { id: randomId(), at: now, revision: entry.revision };
      sentOnLeave.set(entry.key, [...liveSends(sentOnLeave.get(entry.key), now, policy.lateLandingMs), send]);
      // Started before the fetch, finished whenever the page lets it: nothing is awaited
      // before the request goes, or a closing page would never send it.
      // Whatever the key holds by the time it is written (a newer version, what is left of a
      // delivered one, a tombstone) keeps the send in doubt: see withOpenSends.
      // A page that stays (kept in the back-forward cache) then passes again: a deleted
      // conversation's tombstone may have become its delete again, which no timer waits for.
      store
        .update(entry.key, (value) => withOpenSends(entry.key, entryAt(entry.key, value), [send], now) ?? value)
        .then(() => wake(options.flushDelayMs))
        .catch(() => undefined);
      keepalive(entry)
        .catch(() => undefined) // still pending in the store: the next pass or visit sends it
        .finally(() => (keepaliveBytesInFlight -= entry.bytes));
    }
  }

  /** One send that may outlive the page; without `getToken` nothing is awaited before `fetch`. */
  async function keepalive(entry: OutboxEntry): Promise<unknown> {
    const { http } = options;
    const authorization = http.getToken ? `Bearer ${await http.getToken()}` : http.apiKey && `Bearer ${http.apiKey}`;
    return (http.fetch ?? globalThis.fetch)(...buildRequest(http.baseUrl, http.headers, { ...entry.request, keepalive: true }, authorization));
  }

  const unsubscribe = lifecycle.subscribe((moment) => {
    if (moment === 'leaving') return sendOnLeave();
    if (moment === 'online') context.pause = undefined;
    runInBackground(moment === 'online');
  });
  runInBackground(true);

  async function countPending(): Promise<number> {
    const records = await store.records('queue');
    return records.filter(([key, value]) => {
      const record = readRecord(key, value);
      return record !== 'unreadable' && isEntry(record) && record.deadAt === undefined;
    }).length;
  }

  function assertOpen(what: string) {
    if (closed) throw new ConfabError('closed', `${what} after close(): create a new analytics instance.`);
  }

  return {
    /**
     * Writes an operation, replacing any pending version of its key with an older ticket, then
     * schedules a flush. Resolves false when it was refused: its conversation is deleted (a
     * delete is final), or a newer call's version is stored already.
     */
    async enqueue(operation: QueuedOperation): Promise<boolean> {
      assertOpen(operation.kind);
      const { quiet, ...stored } = operation;
      const { key, kind, conversationId } = stored;
      const owner = conversationId === undefined ? undefined : conversationKey(conversationId);
      const related = owner !== key ? owner : undefined;
      let written: OutboxEntry | undefined;
      await store.update(
        key,
        (value, also) => {
          const record = entryAt(key, value);
          if (isDeletion(record) || (related !== undefined && isDeletion(entryAt(related, also)))) return value;
          // A delete is final whenever it was asked: only versions of the same operation compete,
          // pending or just delivered.
          if ((isEntry(record) || record?.kind === 'delivered') && kind !== 'deleteConversation' && isNewer(record, operation.ticket)) return value;
          const now = clock.now();
          const revision = randomId();
          // Sends of older versions still in doubt stay with the key (see outbox-send.ts), but
          // not this page's own possible keepalive of the version it replaces: it never will,
          // unless it did already.
          const kept = isEntry(record) || record?.kind === 'delivered' ? liveSends(record.openSends, now, policy.lateLandingMs).filter((send) => send.keepaliveBy !== writer) : [];
          const known = new Set(kept.map((send) => send.id));
          const inherited = [...kept, ...liveSends(sentOnLeave.get(key), now, policy.lateLandingMs).filter((send) => !known.has(send.id))];
          const mayLeaveWith = { id: randomId(), at: now + keepaliveWindow(policy), revision, keepaliveBy: writer };
          const restore = kind === 'deleteConversation' ? restoreBeforeDelete(record, inherited) : undefined;
          written = {
            ...stored,
            writer,
            ...(kind === 'deleteConversation' && { sweep: true }),
            ...(restore && { restore }),
            revision,
            order: isEntry(record) ? record.order : nextOrder(),
            queuedAt: now,
            attempts: 0,
            notBefore: now,
            openSends: [...inherited, mayLeaveWith],
          };
          return written;
        },
        related,
      );
      if (!written) return false;
      unsent.set(key, written);
      channel?.postMessage({ key, revision: written.revision });
      if (!quiet) wake(options.flushDelayMs);
      return true;
    },

    /** Drops everything waiting to be sent, and the dead letters (consent withdrawn). */
    purge: async () => (await engine()).purge(),

    /** After a delete of conversation `id` was queued: see {@link OutboxPass.dropConversation}. */
    dropConversation: async (id: string) => (await engine()).dropConversation(id),

    /** Drops a pending operation the user took back before it was sent (a withdrawn vote). */
    async discard(key: string) {
      assertOpen('discard');
      unsent.delete(key);
      await store.update(key, (value) => (isEntry(entryAt(key, value)) ? undefined : value));
    },

    /** Records an operation that can never be sent (too large) straight as a dead letter. */
    async reject(operation: QueuedOperation, error: ConfabError) {
      assertOpen(operation.kind);
      await (await engine()).reject({ ...operation, order: nextOrder() }, error);
    },

    async flush(): Promise<FlushReport> {
      assertOpen('flush');
      return run(true);
    },

    /** How many operations wait (tombstones and what is left of delivered versions aside). */
    async pending(): Promise<number> {
      assertOpen('pending');
      return countPending();
    },

    /** Schedules a flush in `delayMs` (for queue repairs, see outbox-inspection.ts). */
    wake,

    /** Refuses `what` once the outbox is closed. */
    assertOpen,

    /** The sending half, for the inspection methods (outbox-inspection.ts). */
    engine,

    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      channel?.close();
      await stop();
      const left = store.durable ? 0 : await countPending().catch(() => 0);
      store.close?.();
      options.lease?.close?.();
      if (left > 0) {
        onError(new StorageError(`${left} undelivered analytics operation(s) lost: the outbox was in memory. Call flush() before close().`));
      }
    },
  };
}

/** The outbox's public surface, as `createAnalytics` wraps it. */
export type Outbox = ReturnType<typeof createOutbox>;
