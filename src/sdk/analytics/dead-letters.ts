import type { Clock } from '../clock';
import { ConfabError, HttpError } from '../http/errors';
import { describe, type OutboxItem } from './outbox-item';
import { conversationKey, entryAt, isDeletion, isEntry, liveSends, readRecord, withOpenSends } from './outbox-records';
import { sectionKey, type Delivered, type OutboxEntry, type OutboxStore } from './outbox-store';
import type { RetryPolicy } from './retry-policy';

/** Dead letters kept at most (one per key); the oldest go first. */
export const MAX_DEAD_LETTERS = 100;
/** Dead letters older than this are dropped. */
export const DEAD_LETTER_MS = 30 * 24 * 3_600_000;

/** Called for every failure the caller should know of; `item` names the operation it concerns. */
export type ErrorReporter = (error: ConfabError, context?: { item?: OutboxItem }) => void;

/**
 * The operations given up on (refused by the server, too large, expired): one per key, the
 * newest, so a refused conversation keeps one full history, not one per turn. They live in
 * their own section (`~dead:<key>`), read when one is added or asked for, never by a pass.
 */
export function createDeadLetters({ store, clock, onError }: { store: OutboxStore; clock: Clock; onError: ErrorReporter }) {
  async function list(): Promise<OutboxEntry[]> {
    const letters: OutboxEntry[] = [];
    for (const [storeKey, value] of await store.records('dead')) {
      const record = readRecord(storeKey.slice('~dead:'.length), value);
      if (record !== 'unreadable' && isEntry(record)) letters.push(record);
    }
    return letters.sort((a, b) => (a.deadAt ?? 0) - (b.deadAt ?? 0));
  }

  async function prune() {
    const now = clock.now();
    const newestFirst = (await list()).reverse();
    for (const [index, letter] of newestFirst.entries()) {
      if (index < MAX_DEAD_LETTERS && now - (letter.deadAt ?? 0) < DEAD_LETTER_MS) continue;
      await store.update(sectionKey('dead', letter.key), () => undefined);
    }
  }

  return {
    list,

    /**
     * Gives up on `entry`: its dead letter replaces the key's older one, then the pending
     * version goes (a delete leaves its tombstone: deleted here, it stays deleted). The dead
     * letter is written first: a crash between leaves both, and the pending one fails again.
     */
    async add(entry: OutboxEntry, error: ConfabError): Promise<OutboxItem> {
      const now = clock.now();
      const dead: OutboxEntry = { ...entry, openSends: undefined, confirming: undefined, deadAt: now, lastError: { code: error.code, message: error.message, status: error instanceof HttpError ? error.status : undefined } };
      await store.update(sectionKey('dead', entry.key), () => dead);
      await store.update(entry.key, (value) => {
        const record = entryAt(entry.key, value);
        if (!isEntry(record) || record.revision !== entry.revision) return value;
        return entry.kind === 'deleteConversation' ? { key: entry.key, kind: 'gone', deletedAt: now } : undefined;
      });
      await prune();
      const item = describe(dead);
      onError(error, { item });
      return item;
    },

    /** Drops the dead letters of conversation `id`: the reader deleted it, its text must go. */
    async dropConversation(id: string) {
      for (const letter of await list()) {
        if (letter.conversationId === id || letter.key === conversationKey(id)) await store.update(sectionKey('dead', letter.key), () => undefined);
      }
    },

    /** Removes `key`'s dead letter (it was queued again). */
    remove: (key: string) => store.update(sectionKey('dead', key), () => undefined),
  };
}

/** The dead letters of one outbox. */
export type DeadLetters = ReturnType<typeof createDeadLetters>;

/**
 * Drops an operation (or what is left of a delivered one) of deleted conversation `id`: its
 * sends still in doubt go to the conversation's delete first, which then waits until they can
 * no longer land (outbox-records.ts `dueAt`); only then is the record removed, so a delete
 * never finds the operation gone without its sends (a tombstone becomes the delete again).
 */
export async function dropInto(store: OutboxStore, key: string, dropped: OutboxEntry | Delivered, id: string, now: number, policy: RetryPolicy) {
  const open = liveSends(dropped.openSends, now, policy.lateLandingMs);
  const owner = conversationKey(id);
  if (open.length > 0) {
    await store.update(owner, (value) => {
      const record = entryAt(owner, value);
      const known = new Set(isEntry(record) ? record.openSends?.map((send) => send.id) : []);
      return isDeletion(record) ? withOpenSends(owner, record, open.filter((send) => !known.has(send.id)), now) : value;
    });
  }
  await store.update(key, (value) => {
    const record = entryAt(key, value);
    const same = record?.kind === dropped.kind && (record.kind === 'delivered' ? record.deliveredAt === (dropped as Delivered).deliveredAt : isEntry(record) && record.revision === (dropped as OutboxEntry).revision);
    return same ? undefined : value;
  });
}
