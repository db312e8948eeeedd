import type { Clock } from '../clock';
import { ConfabError, HttpError } from '../http/errors';
import { conversationKey, describe, entryAt, isEntry, liveSends, readRecord, type OutboxItem } from './outbox-records';
import { sectionKey, type OutboxEntry, type OutboxStore } from './outbox-store';
import { deleteConversationRequest } from './requests';
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
 * An operation of a deleted conversation was dropped while a send of it may still land: its
 * conversation's delete takes the open sends along, so it waits until they can no longer land
 * (outbox-queue.ts `dueAt`). A delete already delivered is queued again for that.
 */
export async function absorbOpenSends(store: OutboxStore, dropped: OutboxEntry, now: number, policy: RetryPolicy) {
  const open = liveSends(dropped.openSends, now, policy.lateLandingMs);
  if (open.length === 0 || dropped.conversationId === undefined) return;
  const id = dropped.conversationId;
  const key = conversationKey(id);
  await store.update(key, (value) => {
    const record = entryAt(key, value);
    if (isEntry(record) && record.kind === 'deleteConversation') return { ...record, openSends: [...(record.openSends ?? []), ...open] };
    if (record?.kind !== 'gone') return value;
    const again: OutboxEntry = {
      key,
      kind: 'deleteConversation',
      request: deleteConversationRequest(id),
      bytes: 0,
      revision: `again_${now}`,
      ticket: now * 1000,
      order: now * 1000,
      conversationId: id,
      queuedAt: now,
      attempts: 0,
      notBefore: now,
      openSends: open,
    };
    return again;
  });
}
