/**
 * The handoff state on the server's {@link ConfabStore} (memory or Redis), so a restart or
 * another instance behind the load balancer carries on where this one stopped. Per handoff:
 *
 * - `ho:{id}` the record (a hash, see handoff-record.ts);
 * - `ho:{id}:ops` what the visitor asked for that the helpdesk has not taken yet (messages,
 *   close, reopen, rating), each with its order from the `ho:{id}:opseq` counter;
 * - `ho:{id}:sent` the visitor messages delivered (or refused for good), by confab id;
 * - `ho:{id}:events` the events the widget reads, in order (a list: its index is the cursor);
 * - `ho:{id}:seen` the helpdesk message ids already turned into events (no agent message twice);
 * - `ho:{id}:lock` and `ho:{id}:poll`: one instance talks to the helpdesk for it at a time,
 *   and the helpdesk is polled at most once per interval whatever the number of tabs.
 *
 * And `ho:due`, every handoff with something to retry and when. Every key lives
 * `retentionMs` after its last write.
 */
import type { ConfabStore } from '../store/store';
import type { VisitorMessage, VisitorRating } from './handoff-adapter';
import type { HandoffEvent, NumberedEvent } from './handoff-events';
import { decodeRecord, encodeChanges, type HandoffRecord, type RecordChanges } from './handoff-record';

/** Something the visitor asked for that waits for the helpdesk, in order. */
export type Operation =
  | { kind: 'message'; message: VisitorMessage }
  | { kind: 'close' }
  | { kind: 'reopen' }
  | { kind: 'rating'; rating: VisitorRating };

/** A stored operation with its id and order. */
export type QueuedOperation = Operation & { opId: string; seq: number };

/** The global index of handoffs with work to retry. */
const DUE = 'ho:due';

/** The handoff state operations. */
export interface HandoffStore {
  load(id: string): Promise<HandoffRecord | undefined>;
  update(id: string, changes: RecordChanges): Promise<void>;
  saveProgress(id: string, fields: Readonly<Record<string, string>>): Promise<void>;
  /** Removes the record and everything of the handoff. */
  erase(id: string): Promise<void>;
  /** Removes what the visitor wrote and what was read (a delete keeps only the record). */
  purgeContent(id: string): Promise<void>;
  /** Queues `operation` under `opId` (an op already queued under it is left as it is); its order is taken now. */
  queue(id: string, opId: string, operation: Operation): Promise<void>;
  operations(id: string): Promise<QueuedOperation[]>;
  dequeue(id: string, opId: string): Promise<void>;
  /** Records the outcome of a visitor message: `delivered`, or the code it was refused with. */
  markSent(id: string, messageId: string, outcome: string): Promise<void>;
  sentOutcome(id: string, messageId: string): Promise<string | undefined>;
  append(id: string, events: readonly HandoffEvent[]): Promise<void>;
  /**
   * Events after position `after` (0: all), numbered from 1. A position past the end (the
   * list was lost with a memory store) reads every event, with `reset`.
   */
  events(id: string, after: number): Promise<{ events: NumberedEvent[]; reset: boolean }>;
  seen(id: string): Promise<Set<string>>;
  markSeen(id: string, remoteIds: readonly string[]): Promise<void>;
  setDue(id: string, at: number): Promise<void>;
  clearDue(id: string): Promise<void>;
  /** Every handoff with work to retry, and when it is due. */
  due(): Promise<Array<{ id: string; at: number }>>;
  /** Takes the handoff's lock for `ttlMs` unless someone holds it; true when taken. */
  lock(id: string, ttlMs: number): Promise<boolean>;
  unlock(id: string): Promise<void>;
  /** True at most once per `ms` for the handoff (across every instance sharing the store). */
  pollAllowed(id: string, ms: number): Promise<boolean>;
}

/** Creates the handoff state operations on `store`. */
export function createHandoffStore(store: ConfabStore, retentionMs: number): HandoffStore {
  const ttl = { ttlMs: retentionMs };
  const key = (id: string, part?: string) => (part === undefined ? `ho:${id}` : `ho:${id}:${part}`);

  return {
    async load(id) {
      return decodeRecord(id, await store.hashGetAll(key(id)));
    },
    async update(id, changes) {
      const { set, remove } = encodeChanges(changes);
      if (Object.keys(set).length > 0) await store.hashSet(key(id), set, ttl);
      if (remove.length > 0) await store.hashDelete(key(id), remove);
    },
    async saveProgress(id, fields) {
      await store.hashSet(key(id), Object.fromEntries(Object.entries(fields).map(([field, value]) => [`p.${field}`, value])), ttl);
    },
    async erase(id) {
      await Promise.all([key(id), ...['ops', 'opseq', 'sent', 'events', 'seen'].map((part) => key(id, part))].map((name) => store.delete(name)));
      await store.hashDelete(DUE, [id]);
    },
    async purgeContent(id) {
      await Promise.all(['ops', 'sent', 'events', 'seen'].map((part) => store.delete(key(id, part))));
      await store.hashDelete(key(id), ['start']);
    },
    async queue(id, opId, operation) {
      const existing = await store.hashGetAll(key(id, 'ops'));
      if (existing[opId] !== undefined) return;
      const seq = await store.increment(key(id, 'opseq'), 1, retentionMs);
      await store.hashSet(key(id, 'ops'), { [opId]: JSON.stringify({ ...operation, seq }) }, ttl);
    },
    async operations(id) {
      const fields = await store.hashGetAll(key(id, 'ops'));
      return Object.entries(fields)
        .map(([opId, text]) => ({ ...(JSON.parse(text) as Operation & { seq: number }), opId }))
        .sort((a, b) => a.seq - b.seq);
    },
    async dequeue(id, opId) {
      await store.hashDelete(key(id, 'ops'), [opId]);
    },
    async markSent(id, messageId, outcome) {
      await store.hashSet(key(id, 'sent'), { [messageId]: outcome }, ttl);
    },
    async sentOutcome(id, messageId) {
      return (await store.hashGetAll(key(id, 'sent')))[messageId];
    },
    async append(id, events) {
      if (events.length > 0) await store.listPush(key(id, 'events'), events.map((event) => JSON.stringify(event)), ttl);
    },
    async events(id, after) {
      const number = (from: number) => (text: string, index: number): NumberedEvent => ({ ...(JSON.parse(text) as HandoffEvent), seq: from + index + 1 });
      const newer = await store.listRange(key(id, 'events'), after, -1);
      if (newer.length > 0 || after === 0 || (await store.listRange(key(id, 'events'), after - 1, after - 1)).length > 0) return { events: newer.map(number(after)), reset: false };
      return { events: (await store.listRange(key(id, 'events'), 0, -1)).map(number(0)), reset: true };
    },
    async seen(id) {
      return new Set(Object.keys(await store.hashGetAll(key(id, 'seen'))));
    },
    async markSeen(id, remoteIds) {
      if (remoteIds.length > 0) await store.hashSet(key(id, 'seen'), Object.fromEntries(remoteIds.map((remoteId) => [remoteId, '1'])), ttl);
    },
    async setDue(id, at) {
      await store.hashSet(DUE, { [id]: String(at) });
    },
    async clearDue(id) {
      await store.hashDelete(DUE, [id]);
    },
    async due() {
      return Object.entries(await store.hashGetAll(DUE)).map(([id, at]) => ({ id, at: Number(at) }));
    },
    async lock(id, ttlMs) {
      return (await store.increment(key(id, 'lock'), 1, ttlMs)) === 1;
    },
    async unlock(id) {
      await store.delete(key(id, 'lock'));
    },
    async pollAllowed(id, ms) {
      return (await store.increment(key(id, 'poll'), 1, ms)) === 1;
    },
  };
}
