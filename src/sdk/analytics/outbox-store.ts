import type { WriteRequest } from './requests';

/** What an outbox entry does; also how `flush()` reports it. */
export type OutboxKind = 'logConversation' | 'deleteConversation' | 'logFeedback' | 'logEvent';

/**
 * A send of an entry that got no answer (a timeout, a reset, the page went away): the server
 * may still commit it, later than anything sent after it.
 */
export interface OpenSend {
  id: string;
  /** When it was sent (epoch ms); for a send that may come, the latest moment it may be sent. */
  at: number;
  /** The version it carried. */
  revision: string;
  /**
   * Not sent yet: the page that wrote this version may still send it with `keepalive` when it is
   * left, before it hears of a newer version from another tab. That page drops the mark when it
   * writes a newer version or sends this one under the lock.
   */
  keepaliveBy?: string | undefined;
}

/** One durable operation, stored exactly as it will be sent. */
export interface OutboxEntry {
  /**
   * Coalescing key: `conversation:<id>`, `feedback:<id>`, `event:<id>`; a newer write of the
   * same key replaces the older one.
   */
  key: string;
  kind: OutboxKind;
  request: WriteRequest;
  /** UTF-8 size of `request.body`. */
  bytes: number;
  /** Unique per write: an entry is removed after a 2xx only if no newer write replaced it. */
  revision: string;
  /**
   * Taken when the caller asked (before any async step such as `redact`): a version with a
   * lower ticket never replaces one with a higher, so versions keep the order of the calls.
   */
  ticket: number;
  /** The page (outbox instance) that wrote this version: tickets of one page are strictly ordered. */
  writer?: string | undefined;
  /** Sending order: when the key first entered the queue (kept across coalescing). */
  order: number;
  /** The conversation the operation belongs to: once that conversation is deleted, it is never sent. */
  conversationId?: string | undefined;
  /** When this version was written; versions older than the expiry go to the dead letters. */
  queuedAt: number;
  attempts: number;
  /** No automatic attempt before this time (backoff, or the server's `Retry-After`). */
  notBefore: number;
  /** Set when the server asked for the wait: even an explicit `flush()` honours it. */
  retryAfterUntil?: number | undefined;
  /**
   * Delivered, but an earlier send of another version may still land after it: sent once more
   * when that can no longer happen, then removed.
   */
  confirming?: boolean | undefined;
  /**
   * A delete whose conversation's other operations are still to be dropped (their sends in
   * doubt taken along): it is never sent before that is done, by this page or, after a crash,
   * by the next pass.
   */
  sweep?: boolean | undefined;
  /**
   * On a delete: the newest upsert of its conversation, sent just before the DELETE. Set when an
   * older version's send was in doubt as the delete was asked: landing late, that version would
   * leave the server's copy without the newer messages, and the server's delete, which removes
   * the feedback on the messages it holds, would leave their votes behind.
   */
  restore?: WriteRequest | undefined;
  /** Sends of this key (any version) still without an answer; see {@link OpenSend}. */
  openSends?: OpenSend[] | undefined;
  lastError?: { code: string; message: string; status?: number | undefined } | undefined;
  /** Set on a dead letter: when it was given up. */
  deadAt?: number | undefined;
}

/** What is left of a deleted conversation at its key: no later write of it is ever queued. */
export interface Tombstone {
  key: string;
  kind: 'gone';
  deletedAt: number;
}

/**
 * What is left of a delivered version for a while: its ticket, so that a call asked before it
 * and written after it (a slow `redact`, another tab) never replaces it at the server.
 */
export interface Delivered {
  key: string;
  kind: 'delivered';
  ticket: number;
  writer?: string | undefined;
  /** The conversation it belonged to: that conversation's delete waits for its sends in doubt. */
  conversationId?: string | undefined;
  deliveredAt: number;
  /** Earlier sends still in doubt: a newer version takes them along (see outbox-send.ts). */
  openSends?: OpenSend[] | undefined;
}

/** A record of the queue section: an operation, a deleted conversation's tombstone, or a delivered version's ticket. */
export type OutboxRecord = OutboxEntry | Tombstone | Delivered;

/**
 * The parts of the store, as key ranges: `queue` holds the operations and tombstones (keys
 * without a prefix), `dead` the dead letters (`~dead:<key>`, one per key), `aside` records that
 * were not operations (`~aside:<key>`), kept for inspection but never read again.
 */
export type OutboxSection = 'queue' | 'dead' | 'aside';

/** The key of `key`'s record in `section`. */
export const sectionKey = (section: OutboxSection, key: string): string => (section === 'queue' ? key : `~${section}:${key}`);

/** Whether `storeKey` lies in `section`. `~` sorts after every queue key, so each section is one key range. */
export const inSection = (section: OutboxSection, storeKey: string): boolean =>
  section === 'queue' ? !storeKey.startsWith('~') : storeKey.startsWith(`~${section}:`);

/**
 * Where the outbox keeps its records. IndexedDB in browsers; plug your own in Node (a file,
 * Redis, …). `update` must be atomic: two tabs or processes may share a store. Values come
 * back as stored, unchecked: another version or script may have written anything there.
 */
export interface OutboxStore {
  /**
   * Reads the record at `key` (and at `alsoRead`, in the same atomic step) and writes what
   * `change` returns at `key`; `undefined` deletes it.
   */
  update(key: string, change: (current: unknown, also: unknown) => unknown, alsoRead?: string): Promise<void>;
  /** Every record of `section` with its key, in no particular order. */
  records(section: OutboxSection): Promise<Array<readonly [key: string, value: unknown]>>;
  /** True when records survive a reload. The outbox warns once when they do not. */
  readonly durable: boolean;
  /** Lets go of the storage (an IndexedDB connection); the store is not used afterwards. */
  close?(): void;
}

/** An outbox store in memory: records live as long as the page or process. */
export function createMemoryOutboxStore(): OutboxStore {
  const records = new Map<string, unknown>();
  return {
    durable: false,
    async update(key, change, alsoRead) {
      const next = change(structuredClone(records.get(key)), alsoRead === undefined ? undefined : structuredClone(records.get(alsoRead)));
      if (next === undefined) records.delete(key);
      else records.set(key, structuredClone(next));
    },
    async records(section) {
      return [...records].filter(([key]) => inSection(section, key)).map(([key, value]) => [key, structuredClone(value)] as const);
    },
  };
}
