import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { CHAT_SCHEMA_VERSION, createChatStore, type StoreChange } from '../../../src/sdk/chat/chat-store';
import type { ChatMessage, StoredConversation } from '../../../src/sdk/chat/chat-types';
import { memoryBackend, type KeyValueBackend } from '../../../src/sdk/chat/kv-backend';
import { StorageError } from '../../../src/sdk/http/errors';

let counter = 0;
const conversation = (id: string, updatedAt: number): StoredConversation => ({ id, title: id, createdAt: 0, updatedAt, status: 'idle', messageCount: 0 });
const message = (conversationId: string, index: number): ChatMessage => ({
  id: `${conversationId}_m${index}`,
  conversationId,
  index,
  role: index % 2 ? 'assistant' : 'user',
  content: `message ${index}`,
  status: 'done',
  createdAt: index,
  updatedAt: index,
});

/** Records which key ranges and keys a store reads. */
function spyOn(backend: KeyValueBackend) {
  const reads: string[] = [];
  const spied: KeyValueBackend = {
    ...backend,
    get: (key) => (reads.push(`get ${key}`), backend.get(key)),
    range: (prefix) => (reads.push(`range ${prefix}`), backend.range(prefix)),
  };
  return { spied, reads };
}

describe('createChatStore', () => {
  it('lists conversations newest first without reading a message; messages come in order', async () => {
    const { spied, reads } = spyOn(memoryBackend());
    const store = createChatStore({ backend: spied });
    await store.saveConversation(conversation('a', 1));
    await store.saveConversation(conversation('b', 2));
    // 12 messages: index 10 must sort after 9 (zero-padded keys).
    await store.saveMessages(Array.from({ length: 12 }, (_, index) => message('a', index)));
    reads.length = 0;
    expect((await store.listConversations()).map((item) => item.id)).toEqual(['b', 'a']);
    expect(reads).toEqual(['range conv:']);
    expect((await store.listMessages('a')).map((item) => item.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('deleting a conversation removes its messages and nobody else’s', async () => {
    const store = createChatStore({ name: `store-${counter++}` });
    await store.saveConversation(conversation('a', 1));
    await store.saveConversation(conversation('ab', 1));
    await store.saveMessages([message('a', 0), message('a', 1)]);
    await store.saveMessages([message('ab', 0)]);
    await store.deleteConversation('a');
    expect(await store.getConversation('a')).toBeUndefined();
    expect(await store.listMessages('a')).toEqual([]);
    expect(await store.listMessages('ab')).toHaveLength(1);
  });

  it('keeps data in IndexedDB across instances (a reload)', async () => {
    const name = `store-${counter++}`;
    const first = createChatStore({ name });
    await first.saveConversation(conversation('kept', 5));
    await first.saveMessages([message('kept', 0)]);
    await first.setSetting('visitorId', 'visitor_1');
    const second = createChatStore({ name });
    expect(second.durable).toBe(true);
    expect((await second.listConversations()).map((item) => item.id)).toEqual(['kept']);
    expect(await second.listMessages('kept')).toEqual([message('kept', 0)]);
    expect(await second.getSetting('visitorId')).toBe('visitor_1');
  });

  it('records the schema version, and runs migrations in order exactly once', async () => {
    const backend = memoryBackend();
    await createChatStore({ backend }).listConversations();
    expect(await backend.get('meta:schema')).toEqual({ version: CHAT_SCHEMA_VERSION });
    const ran: string[] = [];
    const migrations = [
      async (records: KeyValueBackend) => {
        ran.push('1→2');
        await records.write([['setting:migrated', true]]);
      },
      async () => void ran.push('2→3'),
    ];
    const upgraded = createChatStore({ backend, migrations });
    expect(await upgraded.getSetting('migrated')).toBe(true);
    expect(await backend.get('meta:schema')).toEqual({ version: 3 });
    await createChatStore({ backend, migrations }).listConversations();
    expect(ran).toEqual(['1→2', '2→3']);
  });

  it('leaves a database written by a newer confab untouched, works in memory and says why', async () => {
    const backend = memoryBackend();
    await backend.write([['meta:schema', { version: CHAT_SCHEMA_VERSION + 5 }], ['conv:future', conversation('future', 1)]]);
    const onError = vi.fn();
    const store = createChatStore({ backend, onError });
    await store.saveConversation(conversation('today', 2));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringMatching(/newer confab \(schema 6\)/) }));
    expect(store.durable).toBe(false);
    expect((await store.listConversations()).map((item) => item.id)).toEqual(['today']);
    expect(await backend.get('conv:today')).toBeUndefined();
  });

  it('tells other tabs what changed', async () => {
    const name = `store-${counter++}`;
    const tabA = createChatStore({ name });
    const tabB = createChatStore({ name });
    const heard: StoreChange[] = [];
    tabB.subscribe((change) => heard.push(change));
    await tabA.saveConversation(conversation('c', 1));
    await tabA.saveMessages([message('c', 0)]);
    await tabA.deleteConversation('c');
    await vi.waitFor(() =>
      expect(heard).toEqual([
        { type: 'conversation', conversationId: 'c' },
        { type: 'messages', conversationId: 'c', messageIds: ['c_m0'] },
        { type: 'deleted', conversationId: 'c' },
      ]),
    );
    tabA.close();
    tabB.close();
  });

  it('a full disk becomes a StorageError that says what to do', async () => {
    const backend = memoryBackend();
    const store = createChatStore({ backend: { ...backend, write: (changes) => (changes.some(([key]) => key.startsWith('msg:')) ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : backend.write(changes)) } });
    const error = await store.saveMessages([message('a', 0)]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).message).toMatch(/storage for this site is full.*Delete old conversations/);
  });
});
