import { promisifyRequest } from 'idb-keyval';
import type { Clock } from '../clock';
import { openIdbStore } from '../idb-connection';
import { readModifyWrite } from '../idb-read-modify-write';
import { randomId } from '../random-id';
import type { OutboxSection, OutboxStore } from './outbox-store';
import type { Lease } from './tab-lock';
import type { IndexedDBFactory } from '../indexed-db-factory';

/** Each section is one key range: the queue below `~`, the others under their `~name:` prefix. */
function rangeOf(section: OutboxSection): IDBKeyRange {
  return section === 'queue' ? IDBKeyRange.upperBound('~', true) : IDBKeyRange.bound(`~${section}:`, `~${section}:\uffff`);
}

/**
 * The outbox in IndexedDB: database `confab-outbox-<name>`, object store `entries`. Every tab of
 * an origin that uses the same name shares it; the connection is shared in the page and closed
 * by `close()` (see idb-connection.ts).
 */
export function createIdbOutboxStore(name: string, factory?: IndexedDBFactory): OutboxStore {
  const { use, release } = openIdbStore(`confab-outbox-${name}`, 'entries', factory);
  return {
    durable: true,
    // One readwrite transaction for the reads and the write, so a tab never overwrites a newer
    // version another tab wrote between our read and our write.
    update: (key, change, alsoRead) => readModifyWrite<unknown>(use, key, (current, also) => ({ write: change(current, also), result: undefined }), alsoRead),
    // Keys and values of one range, read in one transaction: both come in key order.
    records: (section) =>
      use('readonly', async (store) => {
        const range = rangeOf(section);
        const [keys, values] = await Promise.all([promisifyRequest(store.getAllKeys(range)), promisifyRequest(store.getAll(range))]);
        return keys.map((key, index) => [String(key), values[index]] as const);
      }),
    close: release,
  };
}

/**
 * A lease in IndexedDB (database `confab-outbox-lease-<name>`), the cross-tab lock for
 * browsers without `navigator.locks`. Times are epoch milliseconds, comparable across tabs.
 */
export function createIdbLease(name: string, clock: Clock, factory?: IndexedDBFactory): Lease {
  const { use, release } = openIdbStore(`confab-outbox-lease-${name}`, 'lease', factory);
  const owner = randomId();
  type Holder = { owner: string; expires: number };
  return {
    acquire: (ttlMs) =>
      readModifyWrite<Holder, boolean>(use, 'holder', (holder) => {
        const now = clock.now();
        if (holder && holder.owner !== owner && holder.expires > now) return { write: holder, result: false };
        return { write: { owner, expires: now + ttlMs }, result: true };
      }),
    release: () => readModifyWrite<Holder>(use, 'holder', (holder) => ({ write: holder?.owner === owner ? undefined : holder, result: undefined })),
    close: release,
  };
}

/** The IndexedDB to use: the one given, else the platform's, if this environment has one (Node has not). */
export function indexedDbOf(given: IndexedDBFactory | undefined): IndexedDBFactory | undefined {
  return given ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
}
