import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { readModifyWrite } from '../idb-read-modify-write';

/**
 * Ordered key-value storage with prefix ranges: what the chat store needs from IndexedDB,
 * and what its in-memory fallback imitates. Keys are strings and sort as strings.
 */
export interface KeyValueBackend {
  get<T>(key: string): Promise<T | undefined>;
  /** Every value whose key starts with `prefix`, in key order. */
  range<T>(prefix: string): Promise<T[]>;
  /** Reads `key` and writes what `change` returns (`undefined` deletes) in one transaction; resolves with it. */
  update<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined>;
  /** Puts and deletes (`undefined`) in one transaction. */
  write(changes: ReadonlyArray<readonly [key: string, value: unknown]>): Promise<void>;
  /** Deletes every key starting with `prefix`, and the given keys, in one transaction. */
  remove(prefix: string, keys?: readonly string[]): Promise<void>;
}

const rangeOf = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

/** IndexedDB: database `confab-chat-<name>`, object store `records` (an idb-keyval custom store). */
export function idbBackend(name: string): KeyValueBackend {
  const useStore: UseStore = createStore(`confab-chat-${name}`, 'records');
  return {
    get: (key) => useStore('readonly', (store) => promisifyRequest(store.get(key))),
    range: (prefix) => useStore('readonly', (store) => promisifyRequest(store.getAll(rangeOf(prefix)))),
    // Atomic across tabs: one readwrite transaction for the read and the write.
    update: <T>(key: string, change: (current: T | undefined) => T | undefined) =>
      readModifyWrite<T, T | undefined>(useStore, key, (current) => {
        const next = change(current);
        return { write: next, result: next };
      }),
    write: (changes) =>
      useStore('readwrite', (store) => {
        for (const [key, value] of changes) {
          if (value === undefined) store.delete(key);
          else store.put(value, key);
        }
        return promisifyRequest(store.transaction);
      }),
    remove: (prefix, keys = []) =>
      useStore('readwrite', (store) => {
        store.delete(rangeOf(prefix));
        for (const key of keys) store.delete(key);
        return promisifyRequest(store.transaction);
      }),
  };
}

/** Memory, for where IndexedDB is missing or refuses: the page's lifetime only. */
export function memoryBackend(): KeyValueBackend {
  const records = new Map<string, unknown>();
  const keysWith = (prefix: string) => [...records.keys()].filter((key) => key.startsWith(prefix)).sort();
  // Copies in and out, as IndexedDB's structured clone does, so callers cannot share state by accident.
  return {
    async get<T>(key: string) {
      return structuredClone(records.get(key)) as T | undefined;
    },
    async range<T>(prefix: string) {
      return keysWith(prefix).map((key) => structuredClone(records.get(key)) as T);
    },
    async update<T>(key: string, change: (current: T | undefined) => T | undefined) {
      const next = change(structuredClone(records.get(key)) as T | undefined);
      if (next === undefined) records.delete(key);
      else records.set(key, structuredClone(next));
      return structuredClone(next);
    },
    async write(changes) {
      for (const [key, value] of changes) {
        if (value === undefined) records.delete(key);
        else records.set(key, structuredClone(value));
      }
    },
    async remove(prefix, keys = []) {
      for (const key of [...keysWith(prefix), ...keys]) records.delete(key);
    },
  };
}
