import type { Clock } from '../clock';
import { createHttp, type HttpOptions } from '../http/create-http';
import type { ConfabError } from '../http/errors';
import { randomId } from '../random-id';
import { createDeadLetters, dropInto, type ErrorReporter } from './dead-letters';
import { createQueueReader } from './outbox-queue';
import { describe, type OutboxItem } from './outbox-item';
import { conversationKey, dueAt, entryAt, isEntry } from './outbox-records';
import { createSender } from './outbox-send';
import type { OutboxEntry, OutboxStore } from './outbox-store';
import type { PageLifecycle } from './page-lifecycle';
import type { RetryPolicy } from './retry-policy';

/** What a flush achieved: delivered now, still waiting, and given up on in this flush. */
export interface FlushReport {
  delivered: OutboxItem[];
  pending: OutboxItem[];
  deadLettered: OutboxItem[];
}

/** The outbox's state a pass reads and changes (outbox.ts owns it). */
export interface PassContext {
  http: HttpOptions;
  store: OutboxStore;
  clock: Clock;
  policy: RetryPolicy;
  random: () => number;
  lifecycle: PageLifecycle;
  onError: ErrorReporter;
  /** This page, as the records name their writer. */
  writer: string;
  /** This page's writes no pass has attempted: a pass that sends one takes it out. */
  unsent: Map<string, OutboxEntry>;
  /** Set by a network error, a 429 or a page that is not the API's: the whole queue waits. */
  pause: { until: number; serverAsked: boolean } | undefined;
  readonly closed: boolean;
}

/**
 * The queue as lanes, in sending order: a conversation's operations keep their order. A version
 * already delivered and waiting to be sent once more (`confirming`, up to the late-landing
 * window) is on the server: it goes alone, and what follows it goes now (a rating after a
 * reload), not minutes later.
 */
function inLanes(entries: OutboxEntry[]): OutboxEntry[][] {
  const lanes = new Map<string, OutboxEntry[]>();
  for (const entry of entries) {
    const lane = entry.confirming ? entry.key : (entry.conversationId ?? entry.key);
    lanes.set(lane, [...(lanes.get(lane) ?? []), entry]);
  }
  return [...lanes.values()];
}

/**
 * Conversations sent at once. The operations of one conversation go one after another, in
 * order; different conversations need not wait for each other, so one slow request does not
 * hold up the queue. A pass starts with one request, which probes the server, and widens once
 * it is answered. Browsers allow six connections per host: four leave room for the chat.
 */
const LANES = 4;

/**
 * The sending half of the outbox, loaded when the first pass runs (outbox-runner.ts): reading the
 * queue, sending, dead letters, and the rarer moves (a delete's clean-up, a body too large).
 * A page that only writes logs while offline never downloads it.
 */
export function createPass(context: PassContext) {
  const { store, clock, policy, lifecycle } = context;
  const deadLetters = createDeadLetters({ store, clock, onError: context.onError });
  const readQueue = createQueueReader({ store, clock, onUnreadable: context.onError });
  const sendEntry = createSender({
    http: createHttp(context.http),
    store,
    clock,
    policy,
    random: context.random,
    deadLetters,
    onError: context.onError,
    writer: context.writer,
    onClaimed: (entry) => context.unsent.get(entry.key)?.revision === entry.revision && context.unsent.delete(entry.key),
  });

  const blockedByPause = (force: boolean) => context.pause !== undefined && context.pause.until > clock.now() && (!force || context.pause.serverAsked);

  /**
   * After a delete of conversation `id` was queued: its other operations (feedback, events),
   * pending or just delivered, are dropped, their sends in doubt going to the delete, which
   * then waits for them; its dead letters go too. Then the delete may be sent.
   */
  async function dropConversation(id: string) {
    const owner = conversationKey(id);
    for (const [key, value] of await store.records('queue')) {
      const record = entryAt(key, value);
      if (key === owner || (record?.kind !== 'delivered' && !isEntry(record)) || record.conversationId !== id) continue;
      context.unsent.delete(key);
      // A vote already delivered may have an earlier send still on its way: the delete waits for it too.
      await dropInto(store, key, record, id, clock.now(), policy);
    }
    await deadLetters.dropConversation(id);
    let swept: OutboxEntry | undefined;
    await store.update(owner, (value) => {
      const record = entryAt(owner, value);
      if (!isEntry(record) || !record.sweep) return value;
      swept = { ...record, sweep: undefined };
      return swept;
    });
    // This page may still send the delete on leaving: then with the sends it now waits for.
    if (swept && context.unsent.get(owner)?.revision === swept.revision) context.unsent.set(owner, swept);
  }

  /** One pass over the queue; resolves with what it achieved and when the next entry is due. */
  async function pass(force: boolean): Promise<FlushReport & { nextDue: number | undefined }> {
    const delivered: OutboxItem[] = [];
    const deadLettered: OutboxItem[] = [];
    const waiting = inLanes(await readQueue());
    let paused = false;
    const stopped = () => paused || context.closed || !lifecycle.isOnline() || blockedByPause(force);
    const drivers: Array<Promise<void>> = [];
    async function drive() {
      for (let lane = waiting.shift(); lane; lane = waiting.shift()) {
        for (const entry of lane) {
          if (stopped()) return;
          // A conversation's operations keep their order: its feedback never reaches the server
          // before the conversation does, so the conversation's delete takes the feedback along.
          if (dueAt(entry, clock.now(), policy, force) > 0) break;
          // A delete whose clean-up a crash interrupted finishes it first; the send then waits
          // for what the clean-up found in doubt.
          if (entry.sweep && entry.conversationId !== undefined) await dropConversation(entry.conversationId);
          const outcome = await sendEntry(entry);
          if (outcome.type === 'delivered') {
            context.pause = undefined;
            delivered.push(outcome.item);
            // One request probes first; once the server answers, more go at once.
            if (drivers.length < LANES && waiting.length > 0) drivers.push(drive());
          } else if (outcome.type === 'dead') deadLettered.push(outcome.item);
          else if (outcome.type === 'retry') break;
          else if (outcome.type === 'pause') {
            context.pause = { until: outcome.until, serverAsked: outcome.serverAsked };
            paused = true;
          }
        }
      }
    }
    drivers.push(drive());
    for (let index = 0; index < drivers.length; index++) await drivers[index];
    const pending = await readQueue();
    const now = clock.now();
    // Each lane is due when its first entry is: one waiting behind another in backoff is due
    // when that one is, not now, or every pass would wake the next at once, over and over,
    // until the backoff ends.
    const heads = inLanes(pending).map(([head]) => dueAt(head!, now, policy, false));
    const nextDue = pending.length === 0 ? undefined : Math.max(context.pause?.until ?? 0, Math.min(...heads));
    return { delivered, pending: pending.map(describe), deadLettered, nextDue };
  }

  return {
    pass,
    deadLetters,
    readQueue,

    /**
     * After a delete of conversation `id` was queued: its other pending operations (feedback,
     * events) are dropped, their open sends going to the delete, and its dead letters too.
     */
    dropConversation,

    /** Drops every operation waiting to be sent and every dead letter; resolves with how many. */
    async purge(): Promise<number> {
      let dropped = 0;
      for (const [key, value] of await store.records('queue')) {
        if (!isEntry(entryAt(key, value))) continue;
        context.unsent.delete(key);
        await store.update(key, (current) => (isEntry(entryAt(key, current)) ? undefined : current));
        dropped++;
      }
      for (const letter of await deadLetters.list()) {
        await deadLetters.remove(letter.key);
        dropped++;
      }
      return dropped;
    },

    /** Records an operation that can never be sent (too large) straight as a dead letter. */
    reject(operation: Omit<OutboxEntry, 'revision' | 'queuedAt' | 'attempts' | 'notBefore'>, error: ConfabError) {
      const now = clock.now();
      return deadLetters.add({ ...operation, revision: randomId(), queuedAt: now, attempts: 0, notBefore: now }, error);
    },
  };
}

/** The sending half of one outbox. */
export type OutboxPass = ReturnType<typeof createPass>;
