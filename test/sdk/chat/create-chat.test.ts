import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createAnalytics } from '../../../src/sdk/analytics/create-analytics';
import { createMemoryOutboxStore } from '../../../src/sdk/analytics/outbox-store';
import { createChatStore, type ChatStore, type StoreChange } from '../../../src/sdk/chat/chat-store';
import type { ChatMessage } from '../../../src/sdk/chat/chat-types';
import { createChat, type ChatOptions } from '../../../src/sdk/chat/create-chat';
import { memoryBackend, type KeyValueBackend } from '../../../src/sdk/chat/kv-backend';
import { NetworkError, StorageError } from '../../../src/sdk/http/errors';
import type { ChatProvider } from '../../../src/sdk/providers/chat-provider';
import { createFakeClock } from '../../support/fake-clock';
import { createFakeFetch } from '../../support/fake-fetch';
import { createFakeLifecycle } from '../../support/fake-lifecycle';
import { answer, scriptedProvider, type LiveReply } from '../../support/scripted-provider';
import { customProvider } from '../../../src/sdk/providers/custom-provider';
import type { StreamLiveness } from '../../../src/sdk/chat/stream-liveness';

let storeCounter = 0;

/** A chat on a scripted provider, a real store (fake IndexedDB) and a real analytics outbox on a fake fetch. */
function setup(provider: ChatProvider, overrides: Partial<ChatOptions> = {}, store: ChatStore = createChatStore({ name: `chat-test-${storeCounter++}` })) {
  const fake = createFakeFetch();
  const analytics = createAnalytics({ baseUrl: 'http://analytics.test', apiKey: 'k', fetch: fake.fetch, store: createMemoryOutboxStore(), lifecycle: createFakeLifecycle(), autoFlush: false, onError: () => undefined });
  const onError = vi.fn();
  const onEvent = vi.fn();
  const chat = createChat({ provider, store, analytics, onError, onEvent, pageUrl: () => 'https://docs.example.com/guide', tags: ['docs'], ...overrides });
  /** What the analytics API received, after delivering the outbox. */
  const logged = async () => {
    await analytics.flush();
    return fake.requests.map((request) => ({ method: request.method, path: request.path, body: request.body ? JSON.parse(request.body) : undefined }));
  };
  return { chat, store, analytics, onError, onEvent, logged };
}

const texts = (messages: readonly ChatMessage[]) => messages.map((message) => [message.role, message.content, message.status]);

describe('a turn', () => {
  it('1. stores the question first, streams the answer into the draft, then logs the full history once', async () => {
    let live!: LiveReply;
    const { provider } = scriptedProvider([(_request, reply) => (live = reply)]);
    const { chat, store, logged, onEvent } = setup(provider);
    await chat.ready;
    const sending = chat.send('  How do I embed confab?  ');
    await vi.waitFor(() => expect(live).toBeDefined());
    const conversationId = chat.conversation.value!.id;
    expect(texts(await store.listMessages(conversationId))).toEqual([
      ['user', 'How do I embed confab?', 'done'],
      ['assistant', '', 'pending'],
    ]);
    expect(chat.status.value).toBe('streaming');
    live.push({ type: 'text', delta: 'Add ' });
    await vi.waitFor(() => expect(chat.draft.value?.content).toBe('Add '));
    live.push({ type: 'text', delta: 'the script tag.' }, { type: 'sources', sources: [{ url: 'https://example.com/embed', title: 'Embed' }] }, { type: 'done', finishReason: 'stop' });
    live.end();
    await sending;
    expect(chat.draft.value).toBeUndefined();
    expect(chat.status.value).toBe('idle');
    expect(texts(chat.messages.value)).toEqual([
      ['user', 'How do I embed confab?', 'done'],
      ['assistant', 'Add the script tag.', 'done'],
    ]);
    expect(texts(await store.listMessages(conversationId))).toEqual(texts(chat.messages.value));
    expect(chat.conversations.value).toMatchObject([{ id: conversationId, title: 'How do I embed confab?', status: 'idle', messageCount: 2, preview: 'Add the script tag.' }]);
    expect(onEvent).toHaveBeenCalledWith({ type: 'message', conversationId, message: expect.objectContaining({ content: 'Add the script tag.', status: 'done' }) });

    const requests = await logged();
    expect(requests).toHaveLength(1);
    const [user, assistant] = chat.messages.value;
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/conversations',
      body: {
        id: conversationId,
        type: 'openai',
        messages: [
          { id: user!.id, role: 'user', content: 'How do I embed confab?' },
          { id: assistant!.id, role: 'assistant', content: 'Add the script tag.', links: [{ url: 'https://example.com/embed', title: 'Embed' }] },
        ],
        userProperties: { id: expect.stringMatching(/^visitor_/), identificationType: 'COOKIED' },
        properties: { provider: 'scripted', model: 'scripted-1', pageUrl: 'https://docs.example.com/guide' },
        tags: ['docs'],
      },
    });
  });

  it('2. sends the history to the provider, and logs every turn with all messages under stable ids', async () => {
    const { provider, requests } = scriptedProvider([answer('First.'), answer('Second.'), answer('Third.')]);
    const { chat, logged } = setup(provider);
    await chat.send('one');
    await chat.send('two');
    await chat.send('three');
    expect(requests[2]!.messages).toEqual([
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'First.' },
      { role: 'user', content: 'two' },
      { role: 'assistant', content: 'Second.' },
      { role: 'user', content: 'three' },
    ]);
    const bodies = (await logged()).map((request) => request.body);
    // Three turns coalesce in the outbox into the newest full history.
    expect(bodies).toHaveLength(1);
    expect(bodies[0].messages.map((message: { id: string }) => message.id)).toEqual(chat.messages.value.map((message) => message.id));
  });

  it('3. logs tool calls in snake_case, and usage and provider ids as message properties', async () => {
    const { provider } = scriptedProvider([
      [
        { type: 'meta', providerMessageId: 'pm_1', providerConversationId: 'pc_1', taskId: 't1' },
        { type: 'text', delta: 'Done.' },
        { type: 'tool-call', toolCall: { id: 'call_1', name: 'provideLinks', arguments: '{"links":[]}' } },
        { type: 'usage', usage: { totalTokens: 9 } },
        { type: 'sources', sources: [{ title: 'Segment without a page', description: 'snippet' }] },
        { type: 'done', finishReason: 'stop' },
      ],
    ]);
    const { chat, logged } = setup(provider);
    await chat.send('q');
    const { body } = (await logged())[0]!;
    expect(body.messages[1]).toMatchObject({
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'provideLinks', arguments: '{"links":[]}' } }],
      properties: { providerMessageId: 'pm_1', usage: { totalTokens: 9 }, sources: [{ title: 'Segment without a page', description: 'snippet' }] },
    });
    expect(body.messages[1].links).toBeUndefined();
    expect(body.properties.providerConversationId).toBe('pc_1');
    expect(chat.conversation.value?.providerConversationId).toBe('pc_1');
  });

  it('4. writes a streaming answer at most every 250 ms, plus the final write', async () => {
    const clock = createFakeClock();
    let live!: LiveReply;
    const writes: string[] = [];
    const backend = memoryBackend();
    const spying: KeyValueBackend = {
      ...backend,
      write: (changes) => {
        for (const [key, value] of changes) if (key.startsWith('msg:') && (value as ChatMessage).role === 'assistant') writes.push((value as ChatMessage).content);
        return backend.write(changes);
      },
    };
    const { provider } = scriptedProvider([(_request, reply) => (live = reply)]);
    const { chat } = setup(provider, { clock }, createChatStore({ backend: spying }));
    const sending = chat.send('q');
    await vi.waitFor(() => expect(live).toBeDefined());
    writes.length = 0;
    for (let token = 0; token < 100; token++) {
      live.push({ type: 'text', delta: 'x' });
      await vi.waitFor(() => expect(chat.draft.value?.content.length).toBe(token + 1), { interval: 1 });
      clock.advance(10);
    }
    live.push({ type: 'done', finishReason: 'stop' });
    live.end();
    await sending;
    // 1 s of streaming: the first piece at once, then one write per 250 ms, then the final one.
    expect(writes.length).toBeGreaterThanOrEqual(4);
    expect(writes.length).toBeLessThanOrEqual(6);
    expect(writes.at(-1)).toBe('x'.repeat(100));
  });
});

describe('failures and recovery', () => {
  it('5. a failing backend leaves the question, marks the answer failed, reports, logs only the question; retry answers it', async () => {
    const { provider } = scriptedProvider([
      (_request, live) => live.fail(new NetworkError('POST /chat/completions failed before a response: offline')),
      answer('Here you go.'),
    ]);
    const { chat, logged, onError, store } = setup(provider);
    await chat.send('Is it offline-proof?');
    expect(texts(chat.messages.value)).toEqual([
      ['user', 'Is it offline-proof?', 'done'],
      ['assistant', '', 'error'],
    ]);
    expect(chat.messages.value[1]!.error).toEqual({ code: 'network_error', kind: 'offline', message: expect.stringMatching(/offline/) });
    expect(chat.error.value).toBeInstanceOf(NetworkError);
    expect(onError).toHaveBeenCalledWith(expect.any(NetworkError));
    expect(chat.conversations.value[0]!.status).toBe('error');
    // Logged when it was asked; the failed answer, with no text, is not.
    expect((await logged()).map((request) => request.body.messages.map((message: { content: string }) => message.content))).toEqual([['Is it offline-proof?']]);

    await chat.retry();
    expect(texts(chat.messages.value)).toEqual([
      ['user', 'Is it offline-proof?', 'done'],
      ['assistant', 'Here you go.', 'done'],
    ]);
    expect(chat.error.value).toBeUndefined();
    expect(texts(await store.listMessages(chat.conversation.value!.id))).toEqual(texts(chat.messages.value));
    expect((await logged()).at(-1)!.body.messages).toHaveLength(2);
  });

  it('6. stop without a backend stop: the partial answer is kept, marked stopped, and logged', async () => {
    let live!: LiveReply;
    const { provider } = scriptedProvider([(_request, reply) => (live = reply)]);
    const { chat, logged, onEvent } = setup(provider);
    const sending = chat.send('Tell me everything');
    await vi.waitFor(() => expect(live).toBeDefined());
    live.push({ type: 'text', delta: 'Partial answer' });
    await vi.waitFor(() => expect(chat.draft.value?.content).toBe('Partial answer'));
    await chat.stop();
    await sending;
    expect(texts(chat.messages.value)).toEqual([
      ['user', 'Tell me everything', 'done'],
      ['assistant', 'Partial answer', 'stopped'],
    ]);
    expect(chat.error.value).toBeUndefined();
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'message', message: expect.objectContaining({ status: 'stopped' }) }));
    expect((await logged())[0]!.body.messages[1]).toMatchObject({ content: 'Partial answer', properties: { status: 'stopped' } });
  });

  it('7. stop with a backend stop (PulseAI): asks the server, keeps reading until it ends the answer', async () => {
    let live!: LiveReply;
    const stop = vi.fn(async () => {
      live.push({ type: 'done', finishReason: 'stopped' });
      live.end();
    });
    const { provider } = scriptedProvider([(_request, reply) => (live = reply)], { stop });
    const { chat } = setup(provider);
    const sending = chat.send('q');
    await vi.waitFor(() => expect(live).toBeDefined());
    live.push({ type: 'meta', taskId: 'task_9' }, { type: 'text', delta: 'The first' });
    await vi.waitFor(() => expect(chat.draft.value?.content).toBe('The first'));
    await chat.stop();
    await sending;
    expect(stop).toHaveBeenCalledWith('task_9');
    expect(chat.messages.value[1]).toMatchObject({ content: 'The first', status: 'stopped', finishReason: 'stopped' });
  });

  it('8. a backend that ignores stop is cut off after the grace period', async () => {
    let live!: LiveReply;
    const { provider } = scriptedProvider([(_request, reply) => (live = reply)], { stop: async () => undefined });
    const clock = createFakeClock();
    const { chat } = setup(provider, { clock, stopGraceMs: 2_000 });
    const sending = chat.send('q');
    await vi.waitFor(() => expect(live).toBeDefined());
    live.push({ type: 'meta', taskId: 'task_1' }, { type: 'text', delta: 'Part' });
    await vi.waitFor(() => expect(chat.draft.value?.content).toBe('Part'));
    const stopping = chat.stop();
    await vi.waitFor(() => expect(clock.timers.some((timer) => timer.at - clock.now() === 2_000)).toBe(true));
    clock.advance(2_000);
    await Promise.all([stopping, sending]);
    expect(chat.messages.value[1]).toMatchObject({ content: 'Part', status: 'stopped' });
  });

  it('9. regenerate replaces the last answer with a new one under a new id', async () => {
    const { provider } = scriptedProvider([answer('First try.'), answer('Second try.')]);
    const { chat, logged } = setup(provider);
    await chat.send('q');
    const firstId = chat.messages.value[1]!.id;
    await chat.regenerate();
    expect(texts(chat.messages.value)).toEqual([
      ['user', 'q', 'done'],
      ['assistant', 'Second try.', 'done'],
    ]);
    expect(chat.messages.value[1]!.id).not.toBe(firstId);
    const { body } = (await logged())[0]!;
    expect(body.messages.map((message: { content: string }) => message.content)).toEqual(['q', 'Second try.']);
  });

  it('9b. after a reload the latest conversation opens by itself, unless the reader has already started one', async () => {
    const store = createChatStore({ name: `chat-resume-${storeCounter++}` });
    const before = setup(scriptedProvider([answer('First answer.'), answer('Second answer.')]).provider, {}, store);
    await before.chat.send('older question');
    before.chat.newConversation();
    await before.chat.send('latest question');

    const reloaded = setup(scriptedProvider([]).provider, {}, store);
    await reloaded.chat.ready;
    await vi.waitFor(() => expect(texts(reloaded.chat.messages.value).map(([, content]) => content)).toEqual(['latest question', 'Second answer.']));

    const busyReader = setup(scriptedProvider([answer('Fresh answer.')]).provider, {}, store);
    busyReader.chat.newConversation();
    await busyReader.chat.send('a new question right away');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(texts(busyReader.chat.messages.value).map(([, content]) => content)).toEqual(['a new question right away', 'Fresh answer.']);
  });

  it('10. a reload mid-stream finds the partial answer interrupted, and retry answers it again', async () => {
    const clock = createFakeClock();
    const store = createChatStore({ name: `chat-reload-${storeCounter++}` });
    let live!: LiveReply;
    const first = setup(scriptedProvider([(_request, reply) => (live = reply)]).provider, { clock }, store);
    void first.chat.send('Long question');
    await vi.waitFor(() => expect(live).toBeDefined());
    live.push({ type: 'text', delta: 'Half an ans' });
    await vi.waitFor(async () => {
      clock.advance(250);
      expect((await store.listMessages(first.chat.conversation.value!.id))[1]!.content).toBe('Half an ans');
    });
    const conversationId = first.chat.conversation.value!.id;
    // The page closes: its turn never finishes. Without Web Locks (Node), silence marks it cut off.
    clock.advance(60_000);

    const second = setup(scriptedProvider([answer('A whole answer.')]).provider, { clock }, store);
    await second.chat.ready;
    await second.chat.selectConversation(conversationId);
    expect(texts(second.chat.messages.value)).toEqual([
      ['user', 'Long question', 'done'],
      ['assistant', 'Half an ans', 'interrupted'],
    ]);
    await second.chat.retry();
    expect(texts(second.chat.messages.value)).toEqual([
      ['user', 'Long question', 'done'],
      ['assistant', 'A whole answer.', 'done'],
    ]);
  });

  it('11. sending while an answer streams is refused; the question is not lost', async () => {
    let live!: LiveReply;
    const { provider } = scriptedProvider([(_request, reply) => (live = reply)]);
    const { chat } = setup(provider);
    const sending = chat.send('first');
    await vi.waitFor(() => expect(live).toBeDefined());
    await expect(chat.send('second')).rejects.toMatchObject({ code: 'busy' });
    live.push(...answer('ok'));
    live.end();
    await sending;
    expect(texts(chat.messages.value)).toHaveLength(2);
  });

  it('11b. a conversation another tab deletes while this tab saves and logs its finished turn stays deleted, and is not logged', async () => {
    const { provider } = scriptedProvider([answer('An answer.')]);
    const store = createChatStore({ backend: memoryBackend() });
    let otherTab: ((change: StoreChange) => void) | undefined;
    let deleteOnce = true;
    const tabStore: ChatStore = {
      ...store,
      subscribe: (listener) => ((otherTab = listener), () => undefined),
      // The turn's saving starts by updating its conversation: the other tab deletes it just then.
      async updateConversation(id, change) {
        if (deleteOnce && (await store.listMessages(id)).some((message) => message.content === 'An answer.')) {
          deleteOnce = false;
          await store.deleteConversation(id);
          otherTab?.({ type: 'deleted', conversationId: id });
        }
        return store.updateConversation(id, change);
      },
    };
    const analytics = { logConversation: vi.fn(), logFeedback: vi.fn(), withdrawFeedback: vi.fn(), deleteConversation: vi.fn() };
    const { chat } = setup(provider, { analytics }, tabStore);
    await chat.send('a question');
    expect(deleteOnce, 'the other tab deleted it during the save').toBe(false);
    expect(await store.listConversations()).toEqual([]);
    // Only the question, logged when it was asked (the delete in the other tab removes it at the server).
    expect(analytics.logConversation.mock.calls.map(([logged]) => logged.messages.length)).toEqual([1]);
  });

  it('12. a full disk reports a clear StorageError, and the conversation on screen stays', async () => {
    const backend = memoryBackend();
    const full: KeyValueBackend = {
      ...backend,
      write: (changes) => (changes.some(([key]) => key.startsWith('msg:')) ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : backend.write(changes)),
    };
    const { provider } = scriptedProvider([answer('Answer.')]);
    const { chat, onError } = setup(provider, {}, createChatStore({ backend: full }));
    await chat.send('q');
    expect(texts(chat.messages.value)).toEqual([
      ['user', 'q', 'done'],
      ['assistant', 'Answer.', 'done'],
    ]);
    const storageError = onError.mock.calls.map(([error]) => error).find((error) => error instanceof StorageError);
    expect(storageError?.message).toMatch(/storage for this site is full/);
  });
});

describe('feedback, suggestions, conversations', () => {
  it('13. a vote is stored, logged with a stable id, changed, withdrawn, and sent to a backend that takes feedback', async () => {
    const feedback = vi.fn(async () => undefined);
    const { provider } = scriptedProvider([[{ type: 'meta', providerMessageId: 'pm_7' }, ...answer('Answer.')]], { feedback });
    const { chat, logged, store, onEvent } = setup(provider);
    await chat.send('q');
    await logged();
    const answerId = chat.messages.value[1]!.id;
    await chat.setFeedback(answerId, 'positive');
    await chat.setFeedback(answerId, 'negative', { labels: ['inaccurate_statement'], details: ' Wrong version ' });
    expect((await store.listMessages(chat.conversation.value!.id))[1]!.feedback).toMatchObject({ rating: 'negative', reasons: ['inaccurate_statement'], details: 'Wrong version' });
    const afterVotes = (await logged()).slice(1);
    expect(afterVotes).toEqual([
      {
        method: 'POST',
        path: '/feedback',
        body: { id: `fb_${answerId}`, type: 'negative', messageId: answerId, reasons: [{ label: 'inaccurate_statement', details: '' }, { label: 'details', details: 'Wrong version' }], userProperties: expect.objectContaining({ identificationType: 'COOKIED' }) },
      },
    ]);
    await chat.setFeedback(answerId, null);
    expect(chat.messages.value[1]!.feedback).toBeUndefined();
    expect((await logged()).at(-1)).toMatchObject({ path: '/events', body: { type: 'assistant_feedback_withdrawn', messageId: answerId } });
    expect(feedback.mock.calls).toEqual([
      ['pm_7', 'positive', undefined],
      ['pm_7', 'negative', 'Wrong version'],
      ['pm_7', null, undefined],
    ]);
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'feedback', messageId: answerId, rating: 'negative', reasons: ['inaccurate_statement'] }));
  });

  it('14. starters when empty; follow-ups from the backend after an answer, else from suggest()', async () => {
    const suggestions = vi.fn(async () => ['Next?', 'More?']);
    const withBackend = setup(scriptedProvider([[{ type: 'meta', providerMessageId: 'pm_1' }, ...answer('A.')]], { suggestions }).provider, { starters: ['How do I start?'] });
    expect(withBackend.chat.suggestions.value).toEqual(['How do I start?']);
    await withBackend.chat.send('How do I start?');
    await vi.waitFor(() => expect(withBackend.chat.suggestions.value).toEqual(['Next?', 'More?']));
    expect(suggestions).toHaveBeenCalledWith('pm_1', expect.any(AbortSignal));

    const suggest = vi.fn((messages: readonly ChatMessage[]) => [`About "${messages[0]!.content}"?`]);
    const withFunction = setup(scriptedProvider([answer('B.')]).provider, { suggest });
    await withFunction.chat.send('topic');
    await vi.waitFor(() => expect(withFunction.chat.suggestions.value).toEqual(['About "topic"?']));
  });

  it('15. the backend’s welcome and starters are used when the config gives none', async () => {
    const welcome = vi.fn(async () => ({ text: 'Hi! Ask me anything.', starters: ['Where is my invoice?'] }));
    const { chat } = setup(scriptedProvider([]).provider);
    await chat.ready;
    const withWelcome = setup({ ...scriptedProvider([]).provider, welcome });
    await withWelcome.chat.ready;
    expect(withWelcome.chat.welcome.value).toEqual({ text: 'Hi! Ask me anything.', starters: ['Where is my invoice?'] });
    expect(withWelcome.chat.suggestions.value).toEqual(['Where is my invoice?']);
    expect(chat.welcome.value).toEqual({ text: undefined, starters: [] });
  });

  it('16. new, switch, rename, search, delete (locally, at the analytics API and at the backend)', async () => {
    const remoteDelete = vi.fn(async () => undefined);
    const rename = vi.fn(async () => undefined);
    const conversations = { list: async () => ({ conversations: [], hasMore: false }), history: async () => [], rename, delete: remoteDelete };
    const { provider } = scriptedProvider([[{ type: 'meta', providerConversationId: 'pc_a' }, ...answer('Answer about billing.')], answer('Answer about exports.')], { conversations });
    const { chat, store, logged, onEvent } = setup(provider);
    await chat.send('billing question');
    const billing = chat.conversation.value!.id;
    chat.newConversation();
    expect(chat.messages.value).toEqual([]);
    await chat.send('exports question');
    const exportsId = chat.conversation.value!.id;
    expect(chat.conversations.value.map((item) => item.id)).toEqual([exportsId, billing]);

    await chat.selectConversation(billing);
    expect(chat.messages.value.map((message) => message.content)).toEqual(['billing question', 'Answer about billing.']);
    await chat.renameConversation(billing, '  Billing  ');
    expect(chat.conversations.value.find((item) => item.id === billing)?.title).toBe('Billing');
    expect(rename).toHaveBeenCalledWith('pc_a', 'Billing');

    expect(await chat.search('EXPORTS')).toEqual([{ conversationId: exportsId, title: 'exports question', snippet: 'Answer about exports.' }]);
    expect(await chat.search('about billing')).toMatchObject([{ conversationId: billing, messageId: expect.any(String), snippet: expect.stringContaining('Answer about billing') }]);

    await chat.deleteConversation(billing);
    expect(chat.conversation.value).toBeUndefined();
    expect(chat.conversations.value.map((item) => item.id)).toEqual([exportsId]);
    expect(await store.getConversation(billing)).toBeUndefined();
    expect(await store.listMessages(billing)).toEqual([]);
    expect(remoteDelete).toHaveBeenCalledWith('pc_a');
    expect(onEvent).toHaveBeenCalledWith({ type: 'delete', conversationId: billing });
    expect((await logged()).map((request) => `${request.method} ${request.path}`)).toContain(`DELETE /conversations/${billing}`);
  });

  it('17. a conversation kept only by the backend is listed, and opening it imports its history', async () => {
    const conversations = {
      list: async () => ({ conversations: [{ id: 'pc_old', name: 'Old chat', createdAt: 1_000, updatedAt: 2_000 }], hasMore: false }),
      history: async () => [
        { role: 'user' as const, content: 'old question', createdAt: 1_000 },
        { role: 'assistant' as const, content: 'old answer', providerMessageId: 'pm_old', createdAt: 1_500, feedback: 'positive' as const },
      ],
      rename: async () => undefined,
      delete: async () => undefined,
    };
    const { chat, store } = setup({ ...scriptedProvider([]).provider, conversations });
    await chat.ready;
    expect(chat.conversations.value).toMatchObject([{ id: 'remote:pc_old', title: 'Old chat', remote: true }]);
    await chat.selectConversation('remote:pc_old');
    expect(chat.conversation.value).toMatchObject({ id: 'conv_pc_old', providerConversationId: 'pc_old', title: 'Old chat' });
    expect(chat.messages.value.map((message) => [message.role, message.content, message.feedback?.rating])).toEqual([
      ['user', 'old question', undefined],
      ['assistant', 'old answer', 'positive'],
    ]);
    expect(chat.conversations.value.map((item) => item.id)).toEqual(['conv_pc_old']);
    expect(await store.listMessages('conv_pc_old')).toHaveLength(2);
  });

  it('18. two tabs: a conversation started in one appears in the other', async () => {
    const name = `chat-tabs-${storeCounter++}`;
    const tabA = setup(scriptedProvider([answer('From tab A.')]).provider, {}, createChatStore({ name }));
    const tabB = setup(scriptedProvider([]).provider, {}, createChatStore({ name }));
    await Promise.all([tabA.chat.ready, tabB.chat.ready]);
    await tabA.chat.send('asked in A');
    const id = tabA.chat.conversation.value!.id;
    await vi.waitFor(() => expect(tabB.chat.conversations.value.map((item) => item.id)).toEqual([id]));
    await tabB.chat.selectConversation(id);
    expect(tabB.chat.messages.value.map((message) => message.content)).toEqual(['asked in A', 'From tab A.']);
    tabA.chat.dispose();
    tabB.chat.dispose();
  });

  it('19. the signed-in user is logged as ID_PROVIDED', async () => {
    const { chat, logged } = setup(scriptedProvider([answer('A.')]).provider, { user: { id: 'user_42', email: 'ada@example.com' } });
    await chat.send('q');
    expect((await logged())[0]!.body.userProperties).toEqual({ id: 'user_42', email: 'ada@example.com', identificationType: 'ID_PROVIDED' });
  });
});

describe('races and hangs (review regressions)', () => {
  it('20. two sends in a row: the second is refused at once, one turn runs', async () => {
    const { provider, requests } = scriptedProvider([answer('one-a'), answer('two-a')]);
    const { chat } = setup(provider);
    await chat.ready;
    const [first, second] = await Promise.allSettled([chat.send('one'), chat.send('two')]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'busy' } });
    expect(requests).toHaveLength(1);
    expect(texts(chat.messages.value)).toEqual([
      ['user', 'one', 'done'],
      ['assistant', 'one-a', 'done'],
    ]);
    expect(chat.status.value).toBe('idle');
  });

  it('21. deleting a conversation while it streams leaves nothing behind: no record, no log after the delete, no late message event', async () => {
    let live!: LiveReply;
    const { provider } = scriptedProvider([(_request, reply) => (live = reply)]);
    const { chat, store, logged, onEvent, onError } = setup(provider);
    const sending = chat.send('q');
    await vi.waitFor(() => expect(live).toBeDefined());
    live.push({ type: 'text', delta: 'partial' });
    await vi.waitFor(() => expect(chat.draft.value?.content).toBe('partial'));
    const id = chat.conversation.value!.id;
    await chat.deleteConversation(id);
    await sending;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.getConversation(id)).toBeUndefined();
    expect(await store.listMessages(id)).toEqual([]);
    expect(chat.conversations.value).toEqual([]);
    expect(onEvent.mock.calls.map(([event]) => event.type)).toEqual(['delete']);
    expect(onError).not.toHaveBeenCalled();
    expect((await logged()).map((request) => `${request.method} ${request.path}`)).toEqual([`DELETE /conversations/${id}`]);
    expect(chat.status.value).toBe('idle');
  });

  it('22. regenerating while follow-ups load: the old answer never comes back, on screen or in the store', async () => {
    let resolveFirst!: (questions: string[]) => void;
    const suggestions = vi.fn().mockImplementationOnce(() => new Promise<string[]>((resolve) => (resolveFirst = resolve))).mockResolvedValue(['fresh?']);
    const { provider } = scriptedProvider([[{ type: 'meta', providerMessageId: 'pm1' }, ...answer('First.')], [{ type: 'meta', providerMessageId: 'pm2' }, ...answer('Second.')]], { suggestions });
    const { chat, store } = setup(provider);
    await chat.send('q');
    await vi.waitFor(() => expect(suggestions).toHaveBeenCalledTimes(1));
    await chat.regenerate();
    resolveFirst(['stale?']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(texts(chat.messages.value)).toEqual([
      ['user', 'q', 'done'],
      ['assistant', 'Second.', 'done'],
    ]);
    expect(texts(await store.listMessages(chat.conversation.value!.id))).toEqual(texts(chat.messages.value));
    await vi.waitFor(() => expect(chat.suggestions.value).toEqual(['fresh?']));
  });

  it('23. a vote given while follow-ups load survives them', async () => {
    let resolveSuggestions!: (questions: string[]) => void;
    const suggestions = vi.fn(() => new Promise<string[]>((resolve) => (resolveSuggestions = resolve)));
    const { provider } = scriptedProvider([[{ type: 'meta', providerMessageId: 'pm1' }, ...answer('First.')]], { suggestions });
    const { chat, store } = setup(provider);
    await chat.send('q');
    await vi.waitFor(() => expect(suggestions).toHaveBeenCalledTimes(1));
    await chat.setFeedback(chat.messages.value[1]!.id, 'positive');
    resolveSuggestions(['next?']);
    await vi.waitFor(() => expect(chat.suggestions.value).toEqual(['next?']));
    expect(chat.messages.value[1]!.feedback?.rating).toBe('positive');
    expect((await store.listMessages(chat.conversation.value!.id))[1]).toMatchObject({ feedback: { rating: 'positive' }, suggestions: ['next?'] });
  });

  it('24. a provider that ignores its abort signal cannot hang the chat: stop returns, the next send works', async () => {
    let calls = 0;
    const provider = customProvider(async function* () {
      calls++;
      if (calls > 1) return yield 'second answer';
      yield 'a';
      await new Promise(() => undefined);
    });
    const { chat } = setup(provider);
    const sending = chat.send('q');
    await vi.waitFor(() => expect(chat.draft.value?.content).toBe('a'));
    await chat.stop();
    await sending;
    expect(chat.status.value).toBe('idle');
    expect(chat.messages.value[1]).toMatchObject({ content: 'a', status: 'stopped' });
    await chat.send('again');
    expect(chat.messages.value[3]).toMatchObject({ content: 'second answer', status: 'done' });
  });

  it('25. opening a conversation then starting a new one: the new one stays open', async () => {
    const { chat } = setup(scriptedProvider([answer('A.')]).provider);
    await chat.send('first');
    const id = chat.conversation.value!.id;
    chat.newConversation();
    const selecting = chat.selectConversation(id);
    chat.newConversation();
    await selecting;
    expect(chat.conversation.value).toBeUndefined();
    expect(chat.messages.value).toEqual([]);
  });

  it('26. a send answers its own conversation even if another is opened while it saves', async () => {
    const { provider, requests } = scriptedProvider([answer('about billing'), answer('about exports')]);
    const { chat, logged } = setup(provider);
    await chat.send('billing question');
    const billing = chat.conversation.value!.id;
    chat.newConversation();
    const sending = chat.send('exports question');
    const selecting = chat.selectConversation(billing);
    await Promise.all([sending, selecting]);
    expect(requests[1]!.messages).toEqual([{ role: 'user', content: 'exports question' }]);
    const bodies = (await logged()).map((request) => request.body);
    const exportsLog = bodies.find((body) => body.id !== billing);
    expect(exportsLog.messages.map((message: { content: string }) => message.content)).toEqual(['exports question', 'about exports']);
    expect(bodies.find((body) => body.id === billing).messages).toHaveLength(2);
  });

  it('27. an answer another tab finishes at the moment this tab opens it is not marked interrupted', async () => {
    const store = createChatStore({ name: `chat-cas-${storeCounter++}` });
    const writer = setup(scriptedProvider([answer('done elsewhere')]).provider, {}, store);
    await writer.chat.send('q');
    const id = writer.chat.conversation.value!.id;
    const finished = (await store.listMessages(id))[1]!;
    await store.saveMessages([{ ...finished, status: 'streaming', content: 'done elsew' }]);
    // The other tab's final write lands between this tab's liveness check and its write.
    const liveness: StreamLiveness = {
      hold: () => () => undefined,
      isLive: async () => {
        await store.saveMessages([{ ...finished, updatedAt: finished.updatedAt + 1 }]);
        return false;
      },
    };
    const reader = setup(scriptedProvider([]).provider, { liveness }, store);
    await reader.chat.selectConversation(id);
    expect(reader.chat.messages.value[1]).toMatchObject({ status: 'done', content: 'done elsewhere' });
    expect((await store.listMessages(id))[1]).toMatchObject({ status: 'done', content: 'done elsewhere' });
  });

  it('28. a storage failure after the answer resets the state and reports it', async () => {
    const backend = memoryBackend();
    let failReads = false;
    const flaky: KeyValueBackend = {
      ...backend,
      update: (key, change) => (failReads && key.startsWith('conv:') ? Promise.reject(new Error('read failed')) : backend.update(key, change)),
    };
    let live!: LiveReply;
    const { chat, onError } = setup(scriptedProvider([(_request, reply) => (live = reply)]).provider, {}, createChatStore({ backend: flaky }));
    const sending = chat.send('q');
    await vi.waitFor(() => expect(live).toBeDefined());
    live.push({ type: 'text', delta: 'hi' });
    await vi.waitFor(() => expect(chat.draft.value?.content).toBe('hi'));
    failReads = true;
    live.push({ type: 'done', finishReason: 'stop' });
    live.end();
    await sending;
    expect(chat.status.value).toBe('idle');
    expect(chat.draft.value).toBeUndefined();
    expect(chat.messages.value[1]).toMatchObject({ content: 'hi', status: 'done' });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringMatching(/read failed/) }));
  });

  it('29. where the store cannot keep anything, the user is ANONYMOUS, not COOKIED', async () => {
    const backend = memoryBackend();
    const broken: KeyValueBackend = { ...backend, get: () => Promise.reject(new Error('InvalidStateError')) };
    const { chat, logged } = setup(scriptedProvider([answer('A.')]).provider, {}, createChatStore({ backend: broken, onError: () => undefined }));
    await chat.send('q');
    expect((await logged())[0]!.body.userProperties).toEqual({ id: expect.stringMatching(/^anon_/), identificationType: 'ANONYMOUS' });
  });
});
