import type { Clock } from '../clock';
import { StorageError } from '../http/errors';
import { byOrder, readRecord } from './outbox-records';
import { sectionKey, type Delivered, type OutboxEntry, type OutboxStore, type Tombstone } from './outbox-store';

/**
 * How long a delivered version's ticket is kept: a call asked before it and still being
 * redacted is refused for this long.
 */
export const DELIVERED_TICKET_MS = 10 * 60_000;
/** How long a deleted conversation's tombstone refuses later writes of it. */
export const TOMBSTONE_MS = 30 * 24 * 3_600_000;
/** Tombstones kept at most; the oldest go first. */
export const MAX_TOMBSTONES = 1_000;

/** What the outbox needs to read its queue. */
export interface QueueReaderOptions {
  store: OutboxStore;
  clock: Clock;
  /** Told once per key about a record that is not an operation. */
  onUnreadable(error: StorageError): void;
}

/**
 * Reads the pending operations in sending order. On the way, without ever stopping the rest:
 * a record that is not an operation is set aside (`~aside:<key>`) and reported once; a dead
 * letter of the older layout (stored among the pending) moves to the dead letters; expired
 * tombstones are dropped.
 */
export function createQueueReader({ store, clock, onUnreadable }: QueueReaderOptions) {
  const reported = new Set<string>();

  async function setAside(key: string, value: unknown) {
    await store.update(sectionKey('aside', key), () => value);
    // Only if it is still unreadable: another tab may have written an operation there since.
    await store.update(key, (current) => (readRecord(key, current) === 'unreadable' ? undefined : current));
    if (reported.has(key)) return;
    reported.add(key);
    const shape = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    onUnreadable(new StorageError(`The analytics outbox held a record at "${key}" that is not an operation (${shape}); it was set aside under "${sectionKey('aside', key)}" and the rest is delivered.`));
  }

  async function moveToDeadLetters(entry: OutboxEntry & { deadLetterOf?: string | undefined }) {
    const key = entry.deadLetterOf ?? entry.key;
    const { deadLetterOf: _, ...rest } = entry;
    await store.update(sectionKey('dead', key), () => ({ ...rest, key }));
    await store.update(entry.key, () => undefined);
  }

  /** Drops what is left of delivered versions once no older call can still be under way. */
  async function forget(delivered: Delivered[]) {
    const now = clock.now();
    for (const record of delivered) {
      if (now - record.deliveredAt < DELIVERED_TICKET_MS) continue;
      await store.update(record.key, (current) => ((current as Delivered | undefined)?.kind === 'delivered' && (current as Delivered).deliveredAt === record.deliveredAt ? undefined : current));
    }
  }

  async function prune(tombstones: Tombstone[]) {
    const now = clock.now();
    const newestFirst = tombstones.sort((a, b) => b.deletedAt - a.deletedAt);
    for (const [index, tombstone] of newestFirst.entries()) {
      if (index < MAX_TOMBSTONES && now - tombstone.deletedAt < TOMBSTONE_MS) continue;
      await store.update(tombstone.key, (current) => (readRecord(tombstone.key, current) === 'unreadable' || (current as Tombstone).kind !== 'gone' ? current : undefined));
    }
  }

  return async function readQueue(): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    const tombstones: Tombstone[] = [];
    const delivered: Delivered[] = [];
    for (const [key, value] of await store.records('queue')) {
      const record = readRecord(key, value);
      if (record === 'unreadable') await setAside(key, value);
      else if (record.kind === 'gone') tombstones.push(record);
      else if (record.kind === 'delivered') delivered.push(record);
      else if (record.deadAt !== undefined) await moveToDeadLetters(record);
      else entries.push(record);
    }
    await prune(tombstones);
    await forget(delivered);
    return entries.sort(byOrder);
  };
}

