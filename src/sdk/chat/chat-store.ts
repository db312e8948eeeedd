import { messageOf, StorageError } from '../http/errors';
import { isChatMessage, isStoredConversation } from './chat-records';
import type { ChatMessage, StoredConversation } from './chat-types';
import { idbBackend, memoryBackend, type KeyValueBackend } from './kv-backend';
import type { IndexedDBFactory } from '../indexed-db-factory';

/** A message to add at the end of a conversation: its place is given by the store. */
export type NewMessage = Omit<ChatMessage, 'index'>;

/** A change another tab made, as `subscribe` reports it. */
export type StoreChange =
  | { type: 'conversation'; conversationId: string }
  | { type: 'messages'; conversationId: string; messageIds: string[] }
  | { type: 'deleted'; conversationId: string };

/** Upgrades the records of one schema version to the next. */
export type Migration = (backend: KeyValueBackend) => Promise<void>;

/** Options of {@link createChatStore}. */
export interface ChatStoreOptions {
  /** Names the database (`confab-chat-<name>`); widgets sharing it share their conversations. Default `default`. */
  name?: string | undefined;
  /** Storage problems: IndexedDB missing or full. Default `console.error`. */
  onError?: ((error: StorageError) => void) | undefined;
  /** A backend instead of IndexedDB (tests, or hosts with their own storage). */
  backend?: KeyValueBackend | undefined;
  /** The IndexedDB to open; the platform's by default. */
  indexedDB?: IndexedDBFactory | undefined;
  /** Upgrades, oldest first (`migrations[n]` turns version n+1 into n+2). A seam for tests. */
  migrations?: readonly Migration[] | undefined;
}

/** Conversations and messages, kept in IndexedDB and shared with the origin's other tabs. */
export interface ChatStore {
  /** False when only memory is available: conversations will not survive a reload. Settled once `ready` is. */
  readonly durable: boolean;
  /** Resolves once the database is open (or the store fell back to memory). */
  readonly ready: Promise<void>;
  /** Every conversation, most recently updated first. Reads no message. */
  listConversations(): Promise<StoredConversation[]>;
  getConversation(id: string): Promise<StoredConversation | undefined>;
  saveConversation(conversation: StoredConversation): Promise<void>;
  /** Removes the conversation and all its messages. */
  deleteConversation(id: string): Promise<void>;
  /**
   * Changes a conversation's record atomically (another tab may change it too: a rename, a
   * turn); resolves with what was written. `change` gets `undefined` when there is none.
   */
  updateConversation(id: string, change: (current: StoredConversation | undefined) => StoredConversation | undefined): Promise<StoredConversation | undefined>;
  /** A conversation's messages, in order. */
  listMessages(conversationId: string): Promise<ChatMessage[]>;
  /**
   * Adds `messages` at the end of a conversation in one transaction: they take the next free
   * places, whatever another tab added meanwhile, and the conversation's record is updated by
   * `change` (given the stored one, or `undefined`). Resolves with both as written, or with
   * `undefined` when `change` returns `undefined` (e.g. the conversation was deleted).
   */
  appendMessages(
    conversationId: string,
    messages: readonly NewMessage[],
    change: (current: StoredConversation | undefined, messageCount: number) => StoredConversation | undefined,
  ): Promise<{ conversation: StoredConversation; messages: ChatMessage[] } | undefined>;
  saveMessages(messages: readonly ChatMessage[]): Promise<void>;
  /**
   * Reads the message at `index` and writes what `change` returns, atomically (another tab may
   * write the same message); resolves with what was written.
   */
  updateMessage(conversationId: string, index: number, change: (current: ChatMessage | undefined) => ChatMessage | undefined): Promise<ChatMessage | undefined>;
  getSetting<T>(key: string): Promise<T | undefined>;
  setSetting(key: string, value: unknown): Promise<void>;
  /** The setting at `key`, written first by `make` if there is none, atomically: two tabs get the same. */
  claimSetting<T>(key: string, make: () => T): Promise<T>;
  /** Reads the setting at `key` and writes what `change` returns, atomically; resolves with it. */
  updateSetting<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined>;
  /** Hears what other tabs change; returns a function that stops listening. */
  subscribe(listener: (change: StoreChange) => void): () => void;
  /** Stops listening to other tabs and lets go of the database connection. */
  close(): void;
}

/**
 * The upgrades of the record layout, oldest first: `MIGRATIONS[n]` turns schema version n+1
 * into n+2. Version 1 is the first layout, so there are none yet; a change of layout adds
 * one here rather than rewriting how records are read.
 */
const MIGRATIONS: readonly Migration[] = [];

/** The version of the record layout this build writes. */
export const CHAT_SCHEMA_VERSION = 1 + MIGRATIONS.length;

const conversationKey = (id: string) => `conv:${id}`;
const messagePrefix = (conversationId: string) => `msg:${conversationId}:`;
// Zero-padded so string order is numeric order.
const messageKeyAt = (conversationId: string, index: number) => `${messagePrefix(conversationId)}${String(index).padStart(8, '0')}`;
const messageKey = (message: ChatMessage) => messageKeyAt(message.conversationId, message.index);

/**
 * Creates the chat store. Layout (schema version 1), one object store of prefixed keys read
 * by range, so listing conversations never reads a message:
 * `conv:<id>` → conversation, `msg:<conversationId>:<index>` → message, `setting:<key>`,
 * and `meta:schema` → `{ version }`.
 */
export function createChatStore(options: ChatStoreOptions = {}): ChatStore {
  const name = options.name ?? 'default';
  const report = options.onError ?? ((error: StorageError) => console.error('[confab]', error));
  const migrations = options.migrations ?? MIGRATIONS;
  const target = 1 + migrations.length;
  const idb = options.indexedDB ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  let durable = options.backend !== undefined || idb !== undefined;
  let backend = options.backend ?? (idb ? idbBackend(name, idb) : memoryBackend());
  // Deferred, so that the caller (createChat, whose onError may be this report) is set up first.
  if (!durable) queueMicrotask(() => report(new StorageError('IndexedDB is not available here, so conversations are kept in memory and will not survive a reload.', { problem: 'unavailable' })));

  const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(`confab-chat:${name}`);
  let closed = false;
  const listeners = new Set<(change: StoreChange) => void>();
  if (channel) channel.onmessage = ({ data }: MessageEvent<StoreChange>) => listeners.forEach((listener) => listener(data));
  /** Keys of unreadable records already reported: each is told once, not on every read. */
  const reported = new Set<string>();

  const ready = open().catch((error: unknown) => {
    // A database this build cannot read (newer schema, or IndexedDB refusing or failing to
    // open) is left untouched; this page works in memory instead.
    durable = false;
    backend.close();
    backend = memoryBackend();
    report(
      error instanceof StorageError && error.problem
        ? error
        : new StorageError(`The conversation store could not be opened (${messageOf(error)}); conversations are kept in memory for now.`, { cause: error, problem: 'unavailable' }),
    );
  });

  async function open() {
    const meta = await backend.get<{ version: number }>('meta:schema');
    // No record: a new database, which starts at the current layout.
    const version = meta?.version ?? target;
    if (version > target) {
      throw new StorageError(`The stored conversations were written by a newer confab (schema ${version}); this page keeps its conversations in memory so as not to damage them.`, { problem: 'newer' });
    }
    for (let from = version; from < target; from++) {
      await migrations[from - 1]?.(backend);
      await backend.write([['meta:schema', { version: from + 1 }]]);
    }
    if (!meta) await backend.write([['meta:schema', { version }]]);
  }

  /** The records of `prefix` that are `T`; the others are skipped and reported once each. */
  async function readable<T>(prefix: string, is: (value: unknown) => value is T, what: string): Promise<T[]> {
    await ready;
    const found: T[] = [];
    for (const [key, value] of await backend.range(prefix)) {
      if (is(value)) found.push(value);
      else if (!reported.has(key)) {
        reported.add(key);
        report(new StorageError(`A stored ${what} at "${key}" cannot be read (written by another version or script?); it is skipped and the others are shown.`, { problem: 'unreadable' }));
      }
    }
    return found;
  }

  /** Runs a write; a full disk becomes a StorageError that says what happened and what to do. */
  async function guarded<T>(what: string, write: () => Promise<T>, change: StoreChange): Promise<T> {
    await ready;
    let result: T;
    try {
      result = await write();
    } catch (error) {
      const full = error instanceof DOMException && error.name === 'QuotaExceededError';
      throw new StorageError(
        full
          ? `The browser's storage for this site is full, so ${what} could not be saved. Delete old conversations or free space; the conversation on screen is kept for now.`
          : `${what} could not be saved: ${String(error)}`,
        { cause: error, problem: full ? 'full' : undefined },
      );
    }
    // A write that finishes after close() (a final save while the page tears down) is kept,
    // but there is no one left to tell through a closed channel.
    if (!closed) channel?.postMessage(change);
    return result;
  }

  return {
    get durable() {
      return durable;
    },
    ready,
    async listConversations() {
      return (await readable('conv:', isStoredConversation, 'conversation')).sort((a, b) => b.updatedAt - a.updatedAt);
    },
    async getConversation(id) {
      await ready;
      const value = await backend.get(conversationKey(id));
      return isStoredConversation(value) ? value : undefined;
    },
    saveConversation: (conversation) =>
      guarded('the conversation', () => backend.write([[conversationKey(conversation.id), conversation]]), { type: 'conversation', conversationId: conversation.id }),
    updateConversation: (id, change) =>
      guarded(
        'the conversation',
        () => backend.update<StoredConversation>(conversationKey(id), (current) => change(isStoredConversation(current) ? current : undefined)),
        { type: 'conversation', conversationId: id },
      ),
    deleteConversation: (id) => guarded('the deletion', () => backend.remove(messagePrefix(id), [conversationKey(id)]), { type: 'deleted', conversationId: id }),
    listMessages: (conversationId) => readable(messagePrefix(conversationId), isChatMessage, 'message'),
    appendMessages: (conversationId, messages, change) =>
      guarded(
        'the message',
        () =>
          backend.append<StoredConversation, { conversation: StoredConversation; messages: ChatMessage[] } | undefined>(conversationKey(conversationId), messagePrefix(conversationId), (current, lastKey) => {
            // Keys end with the zero-padded place: the next free one follows the last key.
            const first = lastKey === undefined ? 0 : Number(lastKey.slice(-8)) + 1;
            const placed = messages.map((message, offset) => ({ ...message, index: first + offset }));
            const conversation = change(isStoredConversation(current) ? current : undefined, first + placed.length);
            if (!conversation) return { writes: [], result: undefined };
            return { writes: [...placed.map((message) => [messageKey(message), message] as const), [conversationKey(conversationId), conversation]], result: { conversation, messages: placed } };
          }),
        { type: 'messages', conversationId, messageIds: messages.map((message) => message.id) },
      ),
    async saveMessages(messages) {
      const [first] = messages;
      if (!first) return;
      await guarded('the message', () => backend.write(messages.map((message) => [messageKey(message), message] as const)), {
        type: 'messages',
        conversationId: first.conversationId,
        messageIds: messages.map((message) => message.id),
      });
    },
    updateMessage: (conversationId, index, change) =>
      guarded('the message', () => backend.update(messageKeyAt(conversationId, index), change), { type: 'messages', conversationId, messageIds: [] }),
    async getSetting<T>(key: string) {
      await ready;
      return backend.get<T>(`setting:${key}`);
    },
    async setSetting(key, value) {
      await ready;
      await backend.write([[`setting:${key}`, value]]);
    },
    async claimSetting<T>(key: string, make: () => T) {
      await ready;
      return (await backend.update<T>(`setting:${key}`, (current) => current ?? make())) as T;
    },
    async updateSetting<T>(key: string, change: (current: T | undefined) => T | undefined) {
      await ready;
      return backend.update<T>(`setting:${key}`, change);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      channel?.close();
      // After the writes under way: a final save during teardown still lands.
      void ready.then(() => backend.close());
    },
  };
}
