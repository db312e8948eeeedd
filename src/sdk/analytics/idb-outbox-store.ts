import { createStore, promisifyRequest } from 'idb-keyval';
import type { Clock } from '../clock';
import { readModifyWrite } from '../idb-read-modify-write';
import { randomId } from '../random-id';
import type { OutboxEntry, OutboxStore } from './outbox-store';
import type { Lease } from './tab-lock';

/**
 * The outbox in IndexedDB (an idb-keyval custom store: database `confab-outbox-<name>`,
 * object store `entries`). Every tab of an origin that uses the same name shares it.
 */
export function createIdbOutboxStore(name: string): OutboxStore {
  const useStore = createStore(`confab-outbox-${name}`, 'entries');
  return {
    durable: true,
    // One readwrite transaction for read and write, so a tab never overwrites a newer
    // version another tab wrote between our read and our write.
    update: (key, change) =>
      readModifyWrite<OutboxEntry>(useStore, key, (current) => ({ write: change(current), result: undefined })),
    // getAll directly (every IndexedDB browser has it, and the chat store relies on it too):
    // idb-keyval's `values` carries a cursor fallback and its own default store.
    entries: () => useStore('readonly', (records) => promisifyRequest<OutboxEntry[]>(records.getAll())),
  };
}

/**
 * A lease in IndexedDB (database `confab-outbox-lease-<name>`), the cross-tab lock for
 * browsers without `navigator.locks`. Times are epoch milliseconds, comparable across tabs.
 */
export function createIdbLease(name: string, clock: Clock): Lease {
  const useStore = createStore(`confab-outbox-lease-${name}`, 'lease');
  const owner = randomId();
  return {
    acquire: (ttlMs) =>
      readModifyWrite<{ owner: string; expires: number }, boolean>(useStore, 'holder', (holder) => {
        const now = clock.now();
        if (holder && holder.owner !== owner && holder.expires > now) return { write: holder, result: false };
        return { write: { owner, expires: now + ttlMs }, result: true };
      }),
    release: () => readModifyWrite<{ owner: string; expires: number }>(useStore, 'holder', (holder) => ({ write: holder?.owner === owner ? undefined : holder, result: undefined })),
  };
}

/** Whether this environment has IndexedDB at all (Node has not; some private modes throw on open). */
export function hasIndexedDb(): boolean {
  return typeof indexedDB !== 'undefined';
}
