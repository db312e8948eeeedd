/**
 * Where the server keeps its state, so the handler itself stays stateless and several
 * instances behind a load balancer can share one: rate-limit counters now, human-handoff
 * sessions and cursors next. Small on purpose: values are strings (callers encode JSON),
 * every key can expire, and the operations are the ones Redis does atomically.
 */

/** Options of a write: how long the key lives (no TTL: until deleted). */
export interface TtlOptions {
  ttlMs?: number | undefined;
}

/** The state store of `createConfabHandler` (see `createMemoryStore`, `createRedisStore`). */
export interface ConfabStore {
  /** `memory`, `redis`, or your own name; reported by `/health`. */
  readonly kind: string;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: TtlOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Adds `by` (may be negative) to the integer at `key` and returns the new value, as one
   * atomic step across every instance sharing the store. A key that does not exist starts
   * at 0 and expires `ttlMs` later; later increments keep that expiry (a fixed window).
   */
  increment(key: string, by: number, ttlMs: number): Promise<number>;
  /** Sets fields of the hash at `key` (others are kept); a TTL applies to the whole hash. */
  hashSet(key: string, fields: Readonly<Record<string, string>>, options?: TtlOptions): Promise<void>;
  /** Every field of the hash at `key`; `{}` when there is none. */
  hashGetAll(key: string): Promise<Record<string, string>>;
  hashDelete(key: string, fields: readonly string[]): Promise<void>;
  /**
   * Appends `values` to the list at `key` and returns its new length. `maxLength` keeps only
   * the newest items (a capped log, e.g. a handoff transcript); a TTL applies to the list.
   */
  listPush(key: string, values: readonly string[], options?: TtlOptions & { maxLength?: number | undefined }): Promise<number>;
  /** Items `start` to `stop` (inclusive; negative counts from the end, `-1` is the last), oldest first. */
  listRange(key: string, start: number, stop: number): Promise<string[]>;
  /** Resolves when the store answers; `/health` reports a failure as unhealthy. */
  ping(): Promise<void>;
  /** Releases connections the store opened itself. */
  close(): Promise<void>;
}
