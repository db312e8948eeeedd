import type { WriteRequest } from './requests';

/** What an outbox entry does; also how `flush()` reports it. */
export type OutboxKind = 'logConversation' | 'deleteConversation' | 'logFeedback' | 'logEvent';

/** One durable operation, stored exactly as it will be sent. */
export interface OutboxEntry {
  /**
   * Coalescing key: `conversation:<id>`, `feedback:<messageId>`, `event:<id>`; a newer write of
   * the same key replaces the older one. Dead letters move to `dead:<revision>`.
   */
  key: string;
  kind: OutboxKind;
  request: WriteRequest;
  /** UTF-8 size of `request.body`. */
  bytes: number;
  /** Unique per write: an entry is removed after a 2xx only if no newer write replaced it. */
  revision: string;
  /** Sending order: when the key first entered the queue, in µs-like units (kept across coalescing). */
  order: number;
  /** When this version was written; versions older than the expiry go to the dead letters. */
  queuedAt: number;
  attempts: number;
  /** No automatic attempt before this time (backoff, or the server's `Retry-After`). */
  notBefore: number;
  /** Set when the server asked for the wait: even an explicit `flush()` honours it. */
  retryAfterUntil?: number | undefined;
  lastError?: { code: string; message: string; status?: number | undefined } | undefined;
  /** For a dead letter: the key it was queued under, where `retryDeadLetters()` puts it back. */
  deadLetterOf?: string | undefined;
  /** Set once the entry is dead-lettered. */
  deadAt?: number | undefined;
}

/**
 * Where the outbox keeps its entries. IndexedDB in browsers; plug your own in Node
 * (a file, Redis, …). `update` must be atomic: two tabs or processes may share a store.
 */
export interface OutboxStore {
  /** Reads the entry at `key` and writes what `change` returns, atomically; `undefined` deletes it. */
  update(key: string, change: (current: OutboxEntry | undefined) => OutboxEntry | undefined): Promise<void>;
  /** Every entry, pending and dead, in no particular order. */
  entries(): Promise<OutboxEntry[]>;
  /** True when entries survive a reload. The outbox warns once when they do not. */
  readonly durable: boolean;
}

/** An outbox store in memory: entries live as long as the page or process. */
export function createMemoryOutboxStore(): OutboxStore {
  const entries = new Map<string, OutboxEntry>();
  return {
    durable: false,
    async update(key, change) {
      const next = change(entries.get(key));
      if (next) entries.set(key, structuredClone(next));
      else entries.delete(key);
    },
    async entries() {
      return Array.from(entries.values(), (entry) => structuredClone(entry));
    },
  };
}
