import { promisifyRequest } from 'idb-keyval';
import { openIdbStore } from '../idb-connection';
import { readModifyWrite, writeAfterReads } from '../idb-read-modify-write';
import type { IndexedDBFactory } from '../indexed-db-factory';

/** Writes of one transaction: a value to put, or `undefined` to delete. */
export type KeyValueWrites = ReadonlyArray<readonly [key: string, value: unknown]>;

/**
 * Ordered key-value storage with prefix ranges: what the chat store needs from IndexedDB,
 * and what its in-memory fallback imitates. Keys are strings and sort as strings. Values come
 * back as stored: another version or script may have written anything there.
 */
export interface KeyValueBackend {
  get<T>(key: string): Promise<T | undefined>;
  /** Every record whose key starts with `prefix`, with its key, in key order. */
  range(prefix: string): Promise<Array<readonly [key: string, value: unknown]>>;
  /** Reads `key` and writes what `change` returns (`undefined` deletes) in one transaction; resolves with it. */
  update<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined>;
  /** Puts and deletes (`undefined`) in one transaction. */
  write(changes: KeyValueWrites): Promise<void>;
  /** Deletes every key starting with `prefix`, and the given keys, in one transaction. */
  remove(prefix: string, keys?: readonly string[]): Promise<void>;
  /**
   * In one transaction: reads `key` and the last key under `prefix`, then writes what `decide`
   * returns. How two tabs add to one list without taking the same place.
   */
  append<T, R>(key: string, prefix: string, decide: (current: T | undefined, lastKey: string | undefined) => { writes: KeyValueWrites; result: R }): Promise<R>;
  /** Lets go of the storage (an IndexedDB connection); the backend is not used afterwards. */
  close(): void;
}

const rangeOf = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

function applyWrites(store: IDBObjectStore, writes: KeyValueWrites) {
  for (const [key, value] of writes) {
    if (value === undefined) store.delete(key);
    else store.put(value, key);
  }
}

/**
 * IndexedDB: database `confab-chat-<name>`, object store `records`, on a connection shared in
 * the page and closed by `close()` (see idb-connection.ts).
 */
export function idbBackend(name: string, factory?: IndexedDBFactory): KeyValueBackend {
  const { use, release } = openIdbStore(`confab-chat-${name}`, 'records', factory);
  return {
    get: (key) => use('readonly', (store) => promisifyRequest(store.get(key))),
    range: (prefix) =>
      use('readonly', async (store) => {
        const range = rangeOf(prefix);
        const [keys, values] = await Promise.all([promisifyRequest(store.getAllKeys(range)), promisifyRequest(store.getAll(range))]);
        return keys.map((key, index) => [String(key), values[index]] as const);
      }),
    // Atomic across tabs: one readwrite transaction for the read and the write.
    update: <T>(key: string, change: (current: T | undefined) => T | undefined) =>
      readModifyWrite<T, T | undefined>(use, key, (current) => {
        const next = change(current);
        return { write: next, result: next };
      }),
    write: (changes) =>
      use('readwrite', (store) => {
        applyWrites(store, changes);
        return promisifyRequest(store.transaction);
      }),
    remove: (prefix, keys = []) =>
      use('readwrite', (store) => {
        store.delete(rangeOf(prefix));
        for (const key of keys) store.delete(key);
        return promisifyRequest(store.transaction);
      }),
    append: (key, prefix, decide) =>
      use('readwrite', (store) => {
        const current = store.get(key);
        const last = store.openKeyCursor(rangeOf(prefix), 'prev');
        return writeAfterReads(store, [current, last], () => {
          const { writes, result } = decide(current.result, last.result ? String(last.result.key) : undefined);
          applyWrites(store, writes);
          return result;
        });
      }),
    close: release,
  };
}

/** Memory, for where IndexedDB is missing or refuses: the page's lifetime only. */
export function memoryBackend(): KeyValueBackend {
  const records = new Map<string, unknown>();
  const keysWith = (prefix: string) => [...records.keys()].filter((key) => key.startsWith(prefix)).sort();
  // Copies in and out, as IndexedDB's structured clone does, so callers cannot share state by accident.
  const read = <T>(key: string) => structuredClone(records.get(key)) as T | undefined;
  const write = (changes: KeyValueWrites) => {
    for (const [key, value] of changes) {
      if (value === undefined) records.delete(key);
      else records.set(key, structuredClone(value));
    }
  };
  return {
    get: async (key) => read(key),
    range: async (prefix) => keysWith(prefix).map((key) => [key, read(key)] as const),
    async update(key, change) {
      const next = change(read(key));
      write([[key, next]]);
      return structuredClone(next);
    },
    write: async (changes) => write(changes),
    remove: async (prefix, keys = []) => write([...keysWith(prefix), ...keys].map((key) => [key, undefined] as const)),
    async append(key, prefix, decide) {
      const { writes, result } = decide(read(key), keysWith(prefix).at(-1));
      write(writes);
      return result;
    },
    close: () => undefined,
  };
}
