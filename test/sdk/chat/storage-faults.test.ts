import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createAnalytics } from '../../../src/sdk/analytics/create-analytics';
import { createMemoryOutboxStore } from '../../../src/sdk/analytics/outbox-store';
import { createChatStore } from '../../../src/sdk/chat/chat-store';
import { createChat } from '../../../src/sdk/chat/create-chat';
import { memoryBackend, type KeyValueBackend } from '../../../src/sdk/chat/kv-backend';
import { StorageError } from '../../../src/sdk/http/errors';
import { createFakeAnalyticsServer } from '../../support/fake-analytics-server';
import { createFakeFetch } from '../../support/fake-fetch';
import { createFakeLifecycle } from '../../support/fake-lifecycle';
import { answer, scriptedProvider } from '../../support/scripted-provider';

/*
 * Issue 11's storage faults at the conversation store and the controller (11.N is the issue's
 * numbering): a full disk, a bad record, no IndexedDB at all. Each failed before its fix.
 */

function withAnalytics() {
  const server = createFakeAnalyticsServer();
  const analytics = createAnalytics({ baseUrl: 'http://api.test', apiKey: 'k', fetch: createFakeFetch([], server.handle).fetch, store: createMemoryOutboxStore(), lifecycle: createFakeLifecycle(), autoFlush: false, locks: null, onError: () => undefined });
  return { server, analytics };
}

/** A store's backend whose writes fail with the browser's quota error while `full` is set; `kept` is what it holds. */
function fillingDisk() {
  const backend = memoryBackend();
  const quota = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
  const disk: { full: boolean; backend: KeyValueBackend; kept: KeyValueBackend } = {
    full: false,
    kept: backend,
    backend: {
      ...backend,
      write: (changes) => (disk.full ? quota() : backend.write(changes)),
      update: (key, change) => (disk.full ? quota() : backend.update(key, change)),
      append: (key, prefix, decide) => (disk.full ? quota() : backend.append(key, prefix, decide)),
    },
  };
  return disk;
}

describe('issue 11: conversations under broken storage', () => {
  it('11.4 a disk that fills up mid-session: the turn the store could not keep is still logged, from what the reader saw', async () => {
    const disk = fillingDisk();
    const filling = disk.backend;
    const { server, analytics } = withAnalytics();
    const onError = vi.fn();
    const chat = createChat({ provider: scriptedProvider([answer('One.'), answer('Two.'), answer('Three.')]).provider, store: createChatStore({ backend: filling }), analytics, onError });
    await chat.send('first');
    await chat.send('second');
    disk.full = true;
    await chat.send('third');
    expect(chat.messages.value.map((message) => message.content)).toEqual(['first', 'One.', 'second', 'Two.', 'third', 'Three.']);
    await analytics.flush();
    const logged = server.conversations.get(chat.conversation.value!.id)!;
    expect((logged.body['messages'] as Array<{ content: string }>).map((message) => message.content)).toEqual(['first', 'One.', 'second', 'Two.', 'third', 'Three.']);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'storage_unavailable', message: expect.stringMatching(/storage for this site is full/) }));
  });

  it('11.4b the turn the store could not keep stays on screen after the catch-up read, and once space is freed it is kept, and logged, in its place', async () => {
    const disk = fillingDisk();
    const filling = disk.backend;
    const { server, analytics } = withAnalytics();
    const store = createChatStore({ backend: filling });
    const chat = createChat({ provider: scriptedProvider([answer('One.'), answer('Two.'), answer('Three.')]).provider, store, analytics, onError: () => undefined });
    const shown = () => chat.messages.value.map((message) => `${message.index} ${message.content}`);
    await chat.send('first');
    disk.full = true;
    await chat.send('second');
    // The read that follows each turn (another tab may have added to the conversation) finds
    // only what the store kept: what the reader saw must stay.
    await chat.dispose().catch(() => undefined);
    expect(shown()).toEqual(['0 first', '1 One.', '2 second', '3 Two.']);

    const again = createChat({ provider: scriptedProvider([answer('Two.'), answer('Three.')]).provider, store: createChatStore({ backend: filling }), analytics, onError: () => undefined });
    await again.ready;
    disk.full = true;
    const id = chat.conversation.value!.id;
    await again.selectConversation(id);
    await again.send('second');
    disk.full = false;
    await again.send('third');
    await again.dispose();
    expect(again.messages.value.map((message) => `${message.index} ${message.content}`)).toEqual(['0 first', '1 One.', '2 second', '3 Two.', '4 third', '5 Three.']);
    const kept = createChatStore({ backend: disk.kept });
    expect((await kept.listMessages(id)).map((message) => `${message.index} ${message.content}`), 'kept once space was freed').toEqual(['0 first', '1 One.', '2 second', '3 Two.', '4 third', '5 Three.']);
    await analytics.flush();
    const logged = server.conversations.get(id)!;
    expect((logged.body['messages'] as Array<{ content: string }>).map((message) => message.content)).toEqual(['first', 'One.', 'second', 'Two.', 'third', 'Three.']);
  });

  it('11.4c a first turn the store could not keep at all: the catch-up read finds no conversation, and the screen and the reports stay as they were', async () => {
    const quota = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const backend = memoryBackend();
    const full: KeyValueBackend = { ...backend, write: quota, update: quota, append: quota };
    await createChatStore({ backend }).ready;
    const onError = vi.fn();
    const chat = createChat({ provider: scriptedProvider([answer('One.')]).provider, store: createChatStore({ backend: full }), onError });
    await chat.send('first');
    await chat.dispose();
    expect(chat.messages.value.map((message) => message.content)).toEqual(['first', 'One.']);
    expect(onError.mock.calls.map(([error]) => (error as StorageError).problem)).toEqual(['full', 'full', 'full']);
  });

  it('11.5 one bad conversation record (null) is skipped and reported once; every other conversation stays reachable', async () => {
    const backend = memoryBackend();
    const onError = vi.fn();
    const seed = createChatStore({ backend, onError: () => undefined });
    const chat = createChat({ provider: scriptedProvider([answer('A.'), answer('B.')]).provider, store: seed, onError: () => undefined });
    await chat.send('kept one');
    chat.newConversation();
    await chat.send('kept two');
    await backend.write([['conv:broken', null]]);
    const store = createChatStore({ backend, onError });
    expect((await store.listConversations()).map((conversation) => conversation.title).sort()).toEqual(['kept one', 'kept two']);
    await store.listConversations();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(StorageError);
    expect(onError.mock.calls[0]![0].message).toMatch(/conv:broken/);
  });

  it('11.5b a controller on that store lists, opens and answers as usual', async () => {
    const backend = memoryBackend();
    await backend.write([['conv:broken', null], ['conv:also', { id: 'also' }]]);
    const onError = vi.fn();
    const chat = createChat({ provider: scriptedProvider([answer('Still fine.')]).provider, store: createChatStore({ backend, onError: () => undefined }), onError });
    await chat.ready;
    expect(chat.conversations.value).toEqual([]);
    await chat.send('does it work?');
    expect(chat.conversations.value.map((conversation) => conversation.title)).toEqual(['does it work?']);
    expect(onError).not.toHaveBeenCalled();
  });
});
