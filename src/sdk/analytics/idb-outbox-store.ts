import { createStore, promisifyRequest, values, type UseStore } from 'idb-keyval';
import type { Clock } from '../clock';
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
    entries: () => values<OutboxEntry>(useStore),
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

/**
 * Reads `key` and writes what `decide` returns (`undefined` deletes) in one transaction,
 * written from the request's own callback (not after an await) so the transaction is still
 * active in every engine, old Safari included. Every failure path rejects, so a closed or
 * aborted database never leaves the caller (and the tab lock it holds) waiting.
 */
function readModifyWrite<T, R = void>(useStore: UseStore, key: string, decide: (current: T | undefined) => { write: T | undefined; result: R }): Promise<R> {
  return useStore('readwrite', (store) => {
    const request = store.get(key);
    const transaction = store.transaction;
    return new Promise<R>((resolve, reject) => {
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        try {
          const { write, result } = decide(request.result as T | undefined);
          if (write === undefined) store.delete(key);
          else store.put(write, key);
          promisifyRequest(transaction).then(() => resolve(result), reject);
        } catch (error) {
          transaction.abort();
          reject(error);
        }
      };
    });
  });
}

/** Whether this environment has IndexedDB at all (Node has not; some private modes throw on open). */
export function hasIndexedDb(): boolean {
  return typeof indexedDB !== 'undefined';
}
