import { createStore, promisifyRequest, values } from 'idb-keyval';
import type { OutboxEntry, OutboxStore } from './outbox-store';

/**
 * The outbox in IndexedDB (an idb-keyval custom store: database `confab-outbox-<name>`,
 * object store `entries`). Every tab of an origin that uses the same name shares it.
 */
export function createIdbOutboxStore(name: string): OutboxStore {
  const useStore = createStore(`confab-outbox-${name}`, 'entries');
  return {
    durable: true,
    update(key, change) {
      // One readwrite transaction for read and write, so a tab never overwrites a newer
      // version another tab wrote between our read and our write.
      return useStore('readwrite', (store) =>
        new Promise<void>((resolve, reject) => {
          // Written from the request's own callback (not after an await) so the transaction is
          // still active in every engine, old Safari included.
          store.get(key).onsuccess = function (this: IDBRequest<OutboxEntry | undefined>) {
            try {
              const next = change(this.result);
              if (next) store.put(next, key);
              else store.delete(key);
              resolve(promisifyRequest(store.transaction));
            } catch (error) {
              reject(error);
            }
          };
        }),
      );
    },
    entries: () => values<OutboxEntry>(useStore),
  };
}

/** Whether this environment has IndexedDB at all (Node has not; some private modes throw on open). */
export function hasIndexedDb(): boolean {
  return typeof indexedDB !== 'undefined';
}
