import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createAnalytics, type Analytics } from '../../../src/sdk/analytics/create-analytics';
import { createMemoryOutboxStore } from '../../../src/sdk/analytics/outbox-store';
import { createChatStore, type ChatStore } from '../../../src/sdk/chat/chat-store';
import type { ChatMessage } from '../../../src/sdk/chat/chat-types';
import { createChat, type ChatOptions } from '../../../src/sdk/chat/create-chat';
import { memoryBackend } from '../../../src/sdk/chat/kv-backend';
import type { StreamLiveness } from '../../../src/sdk/chat/stream-liveness';
import { openDatabaseCount } from '../../../src/sdk/idb-connection';
import type { ChatProvider, Welcome } from '../../../src/sdk/providers/chat-provider';
import { createFakeAnalyticsServer, deferred } from '../../support/fake-analytics-server';
import { createFakeFetch } from '../../support/fake-fetch';
import { createFakeLifecycle } from '../../support/fake-lifecycle';
import { answer, scriptedProvider, type LiveReply } from '../../support/scripted-provider';

/*
 * Issue 10's failures of the conversation store and the controller (10.N is the issue's
 * numbering), each failing before its fix, on a real store (fake IndexedDB or memory) and a
 * real outbox delivering to a fake analytics API with the contract's semantics.
 */

let counter = 0;
const uniqueName = () => `chat-zero-loss-${counter++}`;

/**
 * Liveness as Web Locks give it: an answer is live exactly while the page streaming it holds
 * it; `forPage` gives each page its view, and `close` releases what a page held (a reload).
 */
function sharedLiveness() {
  const held = new Map<string, string>();
  return {
    forPage(page: string): StreamLiveness {
      return {
        hold(messageId) {
          held.set(messageId, page);
          return () => held.delete(messageId);
        },
        isLive: async (message) => held.has(message.id),
      };
    },
    close(page: string) {
      for (const [messageId, holder] of [...held]) if (holder === page) held.delete(messageId);
    },
  };
}

function world(name = uniqueName()) {
  const server = createFakeAnalyticsServer();
  const fake = createFakeFetch([], server.handle);
  const liveness = sharedLiveness();
  const analyticsFor = (overrides: Partial<Parameters<typeof createAnalytics>[0]> = {}): Analytics =>
    createAnalytics({ baseUrl: 'http://analytics.test', apiKey: 'k', fetch: fake.fetch, store: outbox, lifecycle: createFakeLifecycle(), autoFlush: false, locks: null, onError: () => undefined, ...overrides });
  const outbox = createMemoryOutboxStore();
  /** A tab: its own controller and analytics instance on the shared store and outbox. */
  let pages = 0;
  const tab = (provider: ChatProvider, overrides: Partial<ChatOptions> = {}, store: ChatStore = createChatStore({ name, onError: () => undefined })) => {
    const analytics = analyticsFor();
    const onError = vi.fn();
    const page = `page${pages++}`;
    const chat = createChat({ provider, store, analytics, liveness: liveness.forPage(page), onError, pageUrl: () => 'https://docs.example.com/', ...overrides });
    /** The page is reloaded or closed: nothing more of it runs, and its locks are released. */
    const reload = () => {
      liveness.close(page);
      store.close();
    };
    return { chat, analytics, store, onError, reload };
  };
  /** Delivers the outbox and returns what the server holds of `id`. */
  const atServer = async (id: string) => {
    await analyticsFor().flush();
    return server.conversations.get(id)?.body as { messages: Array<{ id: string; content: string }> } | undefined;
  };
  return { server, tab, atServer, analyticsFor, name, liveness: liveness.forPage('observer') };
}

/** `liveness`, but a check that finds an answer live takes a while to come back. */
function slowWhenLive(liveness: StreamLiveness): StreamLiveness {
  return {
    hold: liveness.hold,
    async isLive(message) {
      const live = await liveness.isLive(message);
      if (live) await new Promise((resolve) => setTimeout(resolve, 200));
      return live;
    },
  };
}

const contents = (messages: readonly ChatMessage[]) => messages.map((message) => message.content);

describe('issue 10: nothing a reader writes is lost, locally or at the analytics API', () => {
  it('10.1 deleting a conversation while its finished turn is being logged (slow redact): it stays deleted at the server', async () => {
    const { server, tab, analyticsFor } = world();
    const redacting = deferred();
    let slow = false;
    const analytics = analyticsFor({ redact: async (conversation) => (slow && (await redacting.promise), conversation) });
    const { chat } = tab(scriptedProvider([answer('First.'), answer('Second.')]).provider, { analytics });
    await chat.send('one');
    const id = chat.conversation.value!.id;
    await analytics.flush();
    slow = true;
    const sending = chat.send('two');
    await vi.waitFor(() => expect(contents(chat.messages.value)).toContain('Second.'));
    await chat.deleteConversation(id);
    redacting.resolve();
    await sending;
    await analytics.flush();
    await analytics.flush();
    expect(server.conversations.has(id)).toBe(false);
  });

  it('10.3 two tabs on one conversation: each question takes its own place, and no turn is lost locally or at the server', async () => {
    const { tab, atServer } = world();
    let liveB!: LiveReply;
    const a = tab(scriptedProvider([answer('A1.'), answer('A2.')]).provider);
    const b = tab(scriptedProvider([answer('B1.'), (_request, reply) => (liveB = reply), answer('B3.')]).provider);
    await a.chat.send('first from A');
    const id = a.chat.conversation.value!.id;
    await b.chat.ready;
    await b.chat.selectConversation(id);
    await b.chat.send('from B');
    await vi.waitFor(() => expect(contents(a.chat.messages.value)).toContain('B1.'));
    // B streams a long answer; meanwhile A asks and gets an answer.
    const streaming = b.chat.send('long one from B');
    await vi.waitFor(() => expect(liveB).toBeDefined());
    await a.chat.send('second from A');
    liveB.push(...answer('B2.'));
    liveB.end();
    await streaming;
    // B's next question goes after everything, not over A's turn.
    await b.chat.send('last from B');
    const stored = await a.store.listMessages(id);
    expect(contents(stored)).toEqual(['first from A', 'A1.', 'from B', 'B1.', 'long one from B', 'B2.', 'second from A', 'A2.', 'last from B', 'B3.'].filter((text) => stored.some((message) => message.content === text)));
    expect(contents(stored).sort()).toEqual(['first from A', 'A1.', 'from B', 'B1.', 'long one from B', 'B2.', 'second from A', 'A2.', 'last from B', 'B3.'].sort());
    expect(stored.map((message) => message.index)).toEqual(stored.map((_, index) => index));
    // B caught up after its own turn: it shows A's turn too.
    expect(contents(b.chat.messages.value).sort()).toEqual(contents(stored).sort());
    expect((await atServer(id))?.messages.map((message) => message.content).sort()).toEqual(contents(stored).sort());
  });

  it('10.4 unmounting during an answer: the turn is kept and logged, and no error is reported', async () => {
    const { tab, atServer } = world();
    let live!: LiveReply;
    const { chat, analytics, onError } = tab(scriptedProvider([(_request, reply) => (live = reply)]).provider);
    const sending = chat.send('question before the route change');
    await vi.waitFor(() => expect(live).toBeDefined());
    live.push({ type: 'text', delta: 'A partial answer' });
    await vi.waitFor(() => expect(chat.draft.value?.content).toBe('A partial answer'));
    const id = chat.conversation.value!.id;
    await chat.dispose();
    await analytics.close();
    await sending;
    expect(onError).not.toHaveBeenCalled();
    expect((await atServer(id))?.messages.map((message) => message.content)).toEqual(['question before the route change', 'A partial answer']);
  });

  it('10.5 a reload during an answer: the question was logged when asked, and the interrupted turn is logged on the next visit', async () => {
    const { tab, atServer, name } = world();
    let live!: LiveReply;
    const first = tab(scriptedProvider([(_request, reply) => (live = reply)]).provider, { writeIntervalMs: 0 });
    void first.chat.send('asked right before the reload');
    await vi.waitFor(() => expect(live).toBeDefined());
    live.push({ type: 'text', delta: 'Half of it' });
    const id = first.chat.conversation.value!.id;
    await vi.waitFor(async () => expect(contents(await first.store.listMessages(id))).toContain('Half of it'));
    expect((await atServer(id))?.messages.map((message) => message.content)).toEqual(['asked right before the reload']);
    first.reload();

    const next = tab(scriptedProvider([]).provider, {}, createChatStore({ name }));
    await next.chat.ready;
    await vi.waitFor(async () => expect((await atServer(id))?.messages.map((message) => message.content)).toEqual(['asked right before the reload', 'Half of it']));
  });

  it('10.7 the first question does not wait for the welcome: it shows, is stored and sent at once', async () => {
    const { tab } = world();
    const never = new Promise<Welcome>(() => undefined);
    const { provider, requests } = scriptedProvider([answer('Right away.')], { welcome: () => never, conversations: { list: () => new Promise(() => undefined), history: async () => [], rename: async () => undefined, delete: async () => undefined } });
    const { chat } = tab(provider);
    await chat.send('hello?');
    expect(requests).toHaveLength(1);
    expect(contents(chat.messages.value)).toEqual(['hello?', 'Right away.']);
    await chat.send('and again');
    expect(requests).toHaveLength(2);
    await chat.dispose();
  });

  it('10.8 a controller, its store and its outbox closed leave no IndexedDB connection open', async () => {
    const before = openDatabaseCount();
    const name = uniqueName();
    for (let index = 0; index < 5; index++) {
      const store = createChatStore({ name });
      const analytics = createAnalytics({ baseUrl: 'http://analytics.test', apiKey: 'k', storeName: name, fetch: createFakeFetch().fetch, lifecycle: createFakeLifecycle(), autoFlush: false });
      const chat = createChat({ provider: scriptedProvider([answer('A.')]).provider, store, analytics });
      await chat.send('q');
      await chat.dispose();
      store.close();
      await analytics.close();
    }
    expect(openDatabaseCount()).toBe(before);
  });

  it('10.11 two controllers on a fresh store share one visitor id', async () => {
    const { tab, atServer } = world();
    const backend = memoryBackend();
    const a = tab(scriptedProvider([answer('A.')]).provider, {}, createChatStore({ backend }));
    const b = tab(scriptedProvider([answer('B.')]).provider, {}, createChatStore({ backend }));
    await Promise.all([a.chat.ready, b.chat.ready]);
    await a.chat.send('from a');
    await b.chat.send('from b');
    const users = await Promise.all([a.chat.conversation.value!.id, b.chat.conversation.value!.id].map(async (id) => ((await atServer(id)) as unknown as { userProperties: { id: string } }).userProperties.id));
    expect(users[0]).toMatch(/^visitor_/);
    expect(users[1]).toBe(users[0]);
  });

  it('10.13 a tab following another tab’s answer ends on the finished answer, not an older snapshot', async () => {
    const { tab, liveness } = world();
    let live!: LiveReply;
    const writer = tab(scriptedProvider([(_request, reply) => (live = reply)]).provider, { writeIntervalMs: 0 });
    const sending = writer.chat.send('question');
    await vi.waitFor(() => expect(live).toBeDefined());
    const id = writer.chat.conversation.value!.id;
    // A follower whose reads finish out of order: a read that finds the answer still being
    // written (its writer's lock held) is slow, so it ends after the read of the finished answer.
    const follower = tab(scriptedProvider([]).provider, { liveness: slowWhenLive(liveness) });
    await follower.chat.ready;
    await follower.chat.selectConversation(id);
    for (const piece of ['One ', 'two ', 'three.']) {
      live.push({ type: 'text', delta: piece });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    live.push({ type: 'done', finishReason: 'stop' });
    live.end();
    await sending;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(follower.chat.messages.value.at(-1)).toMatchObject({ content: 'One two three.', status: 'done' });
  });
});
