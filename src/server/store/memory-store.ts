/**
 * The default store: a Map in this process. Right for one instance; several instances each
 * keep their own counts, so share a Redis store between them instead.
 */
import type { ConfabStore } from './store';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
}

type Value = string | Map<string, string> | string[];

interface Entry {
  value: Value;
  /** Epoch ms, or Infinity for no expiry. */
  expiresAt: number;
}

/** Expired keys are swept at most this often (on writes), so counters of past windows do not pile up. */
const SWEEP_EVERY_MS = 60_000;

/** Creates an empty in-memory store. */
export function createMemoryStore(options: MemoryStoreOptions = {}): ConfabStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let lastSweep = now();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const expiry = (ttlMs: number | undefined): number => (ttlMs === undefined ? Infinity : now() + ttlMs);
  const sweep = (): void => {
    const time = now();
    if (time - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = time;
    for (const [key, entry] of entries) if (entry.expiresAt <= time) entries.delete(key);
  };
  /** The entry at `key` if it holds a `kind`; a key of another kind is a caller's bug, as in Redis (WRONGTYPE). */
  function typed<T extends Value>(key: string, test: (value: Value) => value is T, kind: string): { value: T; entry: Entry } | undefined {
    const entry = live(key);
    if (!entry) return undefined;
    if (!test(entry.value)) throw new TypeError(`The store key "${key}" does not hold a ${kind}.`);
    return { value: entry.value, entry };
  }
  const isString = (value: Value): value is string => typeof value === 'string';
  const isHash = (value: Value): value is Map<string, string> => value instanceof Map;
  const isList = (value: Value): value is string[] => Array.isArray(value);

  return {
    kind: 'memory',
    async get(key) {
      return typed(key, isString, 'string')?.value;
    },
    async set(key, value, options) {
      sweep();
      entries.set(key, { value, expiresAt: expiry(options?.ttlMs) });
    },
    async delete(key) {
      entries.delete(key);
    },
    async increment(key, by, ttlMs) {
      sweep();
      const current = typed(key, isString, 'counter');
      const value = Number(current?.value ?? 0) + by;
      entries.set(key, { value: String(value), expiresAt: current?.entry.expiresAt ?? expiry(ttlMs) });
      return value;
    },
    async hashSet(key, fields, options) {
      sweep();
      const current = typed(key, isHash, 'hash');
      const hash = current?.value ?? new Map<string, string>();
      for (const [field, value] of Object.entries(fields)) hash.set(field, value);
      entries.set(key, { value: hash, expiresAt: options?.ttlMs === undefined ? (current?.entry.expiresAt ?? Infinity) : expiry(options.ttlMs) });
    },
    async hashGetAll(key) {
      return Object.fromEntries(typed(key, isHash, 'hash')?.value ?? []);
    },
    async hashDelete(key, fields) {
      const hash = typed(key, isHash, 'hash')?.value;
      for (const field of fields) hash?.delete(field);
      if (hash?.size === 0) entries.delete(key);
    },
    async listPush(key, values, options) {
      sweep();
      const current = typed(key, isList, 'list');
      let list = [...(current?.value ?? []), ...values];
      if (options?.maxLength !== undefined && list.length > options.maxLength) list = list.slice(list.length - options.maxLength);
      entries.set(key, { value: list, expiresAt: options?.ttlMs === undefined ? (current?.entry.expiresAt ?? Infinity) : expiry(options.ttlMs) });
      return list.length;
    },
    async listRange(key, start, stop) {
      const list = typed(key, isList, 'list')?.value ?? [];
      const from = start < 0 ? Math.max(0, list.length + start) : start;
      const to = stop < 0 ? list.length + stop : Math.min(stop, list.length - 1);
      return list.slice(from, to + 1);
    },
    async ping() {},
    async close() {
      entries.clear();
    },
  };
}
