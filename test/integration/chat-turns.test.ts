// Full turns over real HTTP on 127.0.0.1: the chat controller with each provider against the
// reference chat servers, logging to the reference analytics server. After each turn, vote
// and delete, the servers' state is what the assertions read.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackend, type Backend } from '../../demo/server/backend';
import { createAnalytics, type Analytics } from '../../src/sdk/analytics/create-analytics';
import { createMemoryOutboxStore } from '../../src/sdk/analytics/outbox-store';
import { createChatStore } from '../../src/sdk/chat/chat-store';
import { createChat, type Chat } from '../../src/sdk/chat/create-chat';
import type { ChatProvider } from '../../src/sdk/providers/chat-provider';
import { openaiProvider } from '../../src/sdk/providers/openai/openai-provider';
import { pulseProvider } from '../../src/sdk/providers/pulse/pulse-provider';

let backend: Backend;
let storeCounter = 0;

beforeAll(async () => {
  backend = await startBackend({ port: 0, chat: { tokenDelayMs: 0 }, pulse: { tokenDelayMs: 0 } });
});
afterAll(() => backend.close());
beforeEach(() => {
  backend.analytics.reset();
  backend.chat.reset();
  backend.pulse.reset();
});

function chatWith(provider: ChatProvider): { chat: Chat; analytics: Analytics; errors: unknown[] } {
  const errors: unknown[] = [];
  const analytics = createAnalytics({ baseUrl: backend.analytics.baseUrl, apiKey: 'confab-demo-web-key', store: createMemoryOutboxStore(), autoFlush: false, onError: (error) => errors.push(error) });
  const chat = createChat({ provider, analytics, store: createChatStore({ name: `turns-${storeCounter++}` }), onError: (error) => errors.push(error), pageUrl: () => 'https://docs.example.com/' });
  return { chat, analytics, errors };
}

const storedConversation = (id: string) => backend.analytics.state.conversations.get(id);
const feedbackOn = (messageId: string) => [...backend.analytics.state.feedback.values()].filter((feedback) => feedback.messageId === messageId);

describe('openaiProvider against the OpenAI-compatible reference server', () => {
  it('logs the full history after every turn, one feedback per message, and the delete', async () => {
    const { chat, analytics, errors } = chatWith(openaiProvider({ baseUrl: backend.chat.baseUrl, model: 'confab-docs' }));
    await chat.send('How do I point the SDK at the reference backend?');
    await analytics.flush();
    const id = chat.conversation.value!.id;
    const [question, answer] = chat.messages.value;
    expect(answer).toMatchObject({ status: 'done', content: expect.stringContaining('npm run backend') });
    expect(answer!.sources?.[0]).toMatchObject({ url: '/docs/README.md#the-reference-backend' });
    let stored = storedConversation(id)!;
    expect(stored.messages.map((message) => [message.id, message.role, message.content])).toEqual([
      [question!.id, 'user', 'How do I point the SDK at the reference backend?'],
      [answer!.id, 'assistant', answer!.content],
    ]);
    expect(stored.messages[1]!.links?.[0]).toMatchObject({ url: '/docs/README.md#the-reference-backend' });
    expect(stored.messages[1]!.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'provideLinks' } });
    expect(stored.userProperties).toMatchObject({ identificationType: 'COOKIED', id: expect.stringMatching(/^visitor_/) });
    expect(stored.properties).toMatchObject({ provider: 'openai', model: 'confab-docs', pageUrl: 'https://docs.example.com/' });

    await chat.send('What happens when a log is over 2 MB?');
    await analytics.flush();
    stored = storedConversation(id)!;
    expect(stored.messages.map((message) => message.id)).toEqual(chat.messages.value.map((message) => message.id));
    expect(stored.messages.slice(0, 2).map((message) => message.id)).toEqual([question!.id, answer!.id]);
    expect(stored.messages[3]!.content).toMatch(/2 MB|2,000,000/);

    await chat.setFeedback(answer!.id, 'negative', { labels: ['unrelated_response'], details: 'Not what I asked' });
    await analytics.flush();
    expect(feedbackOn(answer!.id)).toMatchObject([{ type: 'negative', reasons: [{ label: 'unrelated_response', details: '' }, { label: 'details', details: 'Not what I asked' }] }]);
    await chat.setFeedback(answer!.id, 'positive');
    await analytics.flush();
    expect(feedbackOn(answer!.id)).toMatchObject([{ type: 'positive' }]);

    await chat.deleteConversation(id);
    await analytics.flush();
    expect(storedConversation(id)).toBeUndefined();
    expect(backend.analytics.state.deleted.map((deleted) => deleted.id)).toEqual([id]);
    expect(feedbackOn(answer!.id)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a server failure leaves the question (logged as asked) and a retry; the retried turn is logged', async () => {
    backend.chat.script('error-before');
    const { chat, analytics, errors } = chatWith(openaiProvider({ baseUrl: backend.chat.baseUrl, model: 'confab-docs' }));
    await chat.send('How does the outbox retry?');
    expect(chat.messages.value.map((message) => message.status)).toEqual(['done', 'error']);
    await analytics.flush();
    expect(storedConversation(chat.conversation.value!.id)?.messages.map((message) => message.content)).toEqual(['How does the outbox retry?']);
    expect(errors).toHaveLength(1);
    await chat.retry();
    await analytics.flush();
    expect(storedConversation(chat.conversation.value!.id)?.messages).toHaveLength(2);
  });

  it('a stream that breaks mid-answer is an error with retry, not a truncated "done"', async () => {
    backend.chat.script({ mode: 'abrupt-close', afterChunks: 3 });
    const { chat } = chatWith(openaiProvider({ baseUrl: backend.chat.baseUrl, model: 'confab-docs' }));
    await chat.send('What is confab?');
    expect(chat.messages.value[1]).toMatchObject({ status: 'error', error: { code: 'stream_error' } });
  });
});

describe('pulseProvider against the PulseAI reference server', () => {
  const provider = (user = 'visitor-1') => pulseProvider({ baseUrl: backend.pulse.baseUrl, apiKey: 'app-confab-demo', user });
  const pulseConversation = (id: string) => backend.pulse.state.conversations.get(id);

  it('a turn, follow-ups, feedback both ways, rename and delete, as both servers see them', async () => {
    const { chat, analytics, errors } = chatWith(provider());
    await chat.ready;
    expect(chat.welcome.value.starters.length).toBeGreaterThan(0);
    await chat.send('How do I embed confab with a script tag?');
    await analytics.flush();
    const conversation = chat.conversation.value!;
    const answer = chat.messages.value[1]!;
    expect(conversation.providerConversationId).toEqual(expect.any(String));
    expect(answer).toMatchObject({ status: 'done', providerMessageId: expect.any(String) });
    const remote = pulseConversation(conversation.providerConversationId!)!;
    expect(remote.messages.map((message) => [message.query, message.answer])).toEqual([['How do I embed confab with a script tag?', answer.content]]);
    expect(storedConversation(conversation.id)?.messages.map((message) => message.id)).toEqual(chat.messages.value.map((message) => message.id));
    expect(storedConversation(conversation.id)?.properties).toMatchObject({ provider: 'pulse', providerConversationId: conversation.providerConversationId });
    await vi.waitFor(() => expect(chat.suggestions.value).toHaveLength(3));

    await chat.setFeedback(answer.id, 'positive');
    expect(remote.messages[0]!.feedback).toMatchObject({ rating: 'like' });
    await chat.setFeedback(answer.id, null);
    expect(remote.messages[0]!.feedback).toBeNull();
    await analytics.flush();
    expect([...backend.analytics.state.events.values()]).toMatchObject([{ type: 'assistant_feedback_withdrawn', messageId: answer.id }]);

    await chat.renameConversation(conversation.id, 'Embedding');
    expect(pulseConversation(conversation.providerConversationId!)?.name).toBe('Embedding');

    await chat.deleteConversation(conversation.id);
    await analytics.flush();
    expect(pulseConversation(conversation.providerConversationId!)).toBeUndefined();
    expect(storedConversation(conversation.id)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('stop goes through task_id: the server ends the answer, both sides keep the same partial text', async () => {
    const slow = await startBackend({ port: 0, pulse: { tokenDelayMs: 40 } });
    try {
      const errors: unknown[] = [];
      const analytics = createAnalytics({ baseUrl: slow.analytics.baseUrl, apiKey: 'confab-demo-web-key', store: createMemoryOutboxStore(), autoFlush: false, onError: (error) => errors.push(error) });
      const chat = createChat({
        provider: pulseProvider({ baseUrl: slow.pulse.baseUrl, apiKey: 'app-confab-demo', user: 'visitor-stop' }),
        analytics,
        store: createChatStore({ name: `turns-${storeCounter++}` }),
        onError: (error) => errors.push(error),
      });
      const sending = chat.send('How do I embed confab with a script tag?');
      await vi.waitFor(() => expect(chat.draft.value?.content.length).toBeGreaterThan(10), { timeout: 5_000 });
      await chat.stop();
      await sending;
      const answer = chat.messages.value[1]!;
      expect(answer).toMatchObject({ status: 'stopped', finishReason: 'stopped' });
      const remote = slow.pulse.state.conversations.get(chat.conversation.value!.providerConversationId!)!;
      expect(remote.messages[0]!.answer).toBe(answer.content);
      await analytics.flush();
      expect(slow.analytics.state.conversations.get(chat.conversation.value!.id)?.messages[1]).toMatchObject({ content: answer.content, properties: { status: 'stopped' } });
      expect(errors).toEqual([]);
    } finally {
      await slow.close();
    }
  });

  it('a conversation kept by PulseAI but not here is listed and opened with its history', async () => {
    const first = chatWith(provider('visitor-remote'));
    await first.chat.send('What is the outbox?');
    const remoteId = first.chat.conversation.value!.providerConversationId!;
    const second = chatWith(provider('visitor-remote'));
    await second.chat.ready;
    expect(second.chat.conversations.value).toMatchObject([{ id: `remote:${remoteId}`, remote: true }]);
    await second.chat.selectConversation(`remote:${remoteId}`);
    expect(second.chat.messages.value.map((message) => [message.role, message.content])).toEqual(first.chat.messages.value.map((message) => [message.role, message.content]));
  });
});
