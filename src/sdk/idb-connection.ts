import type { UseStore } from 'idb-keyval';
import { StorageError } from './http/errors';
import type { IndexedDBFactory } from './indexed-db-factory';

/** One object store in a shared connection, and the hand-back that lets the connection close. */
export interface IdbHandle {
  /** Runs `callback` in a transaction on the object store, as idb-keyval's custom stores do. */
  use: UseStore;
  /** This user is done: the connection closes once no user is left. Idempotent. */
  release(): void;
}

interface Connection {
  /** `undefined` until first use, and again after the connection was closed for an upgrade. */
  database: Promise<IDBDatabase> | undefined;
  /** The open database, once `database` resolved. */
  current: IDBDatabase | undefined;
  users: number;
}

/**
 * Safari sometimes never answers the first `indexedDB.open` of a page, and an open blocked by
 * another tab's old connection waits until that tab lets go: past this, storage counts as
 * unavailable and the caller falls back to memory.
 */
export const IDB_OPEN_TIMEOUT_MS = 4_000;

const connections = new Map<string, Connection>();

/** How many databases this page holds connections to: what a test checks after unmounting. */
export const openDatabaseCount = (): number => [...connections.values()].filter((connection) => connection.database).length;

function open(factory: IndexedDBFactory, name: string, storeName: string, connection: Connection, timeoutMs: number): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      connection.database = undefined;
      reject(error instanceof StorageError ? error : new StorageError(`IndexedDB "${name}" could not be opened: ${String(error)}`, { cause: error }));
    };
    const timer = setTimeout(() => fail(new StorageError(`IndexedDB "${name}" did not open within ${timeoutMs} ms (blocked by another tab, or the browser's storage is stuck).`)), timeoutMs);
    let request: IDBOpenDBRequest;
    try {
      // Throws at once where storage is denied: an opaque origin (a sandboxed iframe), or
      // Safari and Firefox with storage blocked.
      request = factory.open(name);
    } catch (error) {
      fail(error);
      return;
    }
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onerror = () => fail(request.error);
    request.onblocked = () => undefined; // the timeout decides
    request.onsuccess = () => {
      const database = request.result;
      if (settled) {
        database.close(); // opened after we gave up: nobody will use it
        return;
      }
      settled = true;
      clearTimeout(timer);
      // Another page wants to upgrade or delete the database: let go at once, so it is never
      // blocked by this page; the next use opens it again.
      const forget = () => {
        if (connection.current !== database) return;
        connection.current = undefined;
        connection.database = undefined;
      };
      database.onversionchange = () => {
        database.close();
        forget();
      };
      // The browser closed it (storage cleared, disk error): open again on next use.
      database.onclose = forget;
      connection.current = database;
      resolve(database);
    };
  });
}

/**
 * A handle on object store `storeName` of database `name` (in `factory`, `indexedDB` unless a
 * test gives another), with one connection per database shared by every user in the page (the chat store, the outbox, several widgets), opened on
 * first use, within {@link IDB_OPEN_TIMEOUT_MS}, and closed when the last user releases it.
 * Replaces idb-keyval's `createStore`, whose connection is never closed.
 */
export function openIdbStore(name: string, storeName: string, factory: IndexedDBFactory = indexedDB, timeoutMs = IDB_OPEN_TIMEOUT_MS): IdbHandle {
  let connection = connections.get(name);
  if (!connection) {
    connection = { database: undefined, current: undefined, users: 0 };
    connections.set(name, connection);
  }
  const shared = connection;
  shared.users++;
  let released = false;

  const database = (): Promise<IDBDatabase> => {
    if (released) return Promise.reject(new StorageError(`IndexedDB "${name}" was used after it was released.`));
    if (!shared.database) {
      const opening = open(factory, name, storeName, shared, timeoutMs);
      shared.database = opening;
      opening.catch(() => undefined);
    }
    return shared.database;
  };

  return {
    use: async (mode, callback) => {
      const db = await database();
      return callback(db.transaction(storeName, mode).objectStore(storeName));
    },
    release() {
      if (released) return;
      released = true;
      if (--shared.users > 0) return;
      connections.delete(name);
      void shared.database?.then((db) => db.close(), () => undefined);
      shared.database = undefined;
      shared.current = undefined;
    },
  };
}
