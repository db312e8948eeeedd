// Issue 11, "Fidelity to the official models": every body confab sends to the analytics API
// is parsed by @inkeep/inkeep-analytics's own request models, made strict (an unknown key is
// an error, where the real service would drop it silently). The bodies are the real ones:
// the chat controller and the SDK against the reference servers over HTTP, captured at the
// SDK's `fetch` seam.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startBackend, type Backend } from '../../demo/server/backend';
import { createAnalytics } from '../../src/sdk/analytics/create-analytics';
import { createAnalyticsClient } from '../../src/sdk/analytics/create-analytics-client';
import { createMemoryOutboxStore } from '../../src/sdk/analytics/outbox-store';
import { createChatStore } from '../../src/sdk/chat/chat-store';
import { createChat, type ChatOptions } from '../../src/sdk/chat/create-chat';
import { openaiProvider } from '../../src/sdk/providers/openai/openai-provider';
import { pulseProvider } from '../../src/sdk/providers/pulse/pulse-provider';
import { sampleConversation } from '../fixtures/conversations';
import { REQUEST_MODELS, strictly } from './official-models';

let backend: Backend;
let storeCounter = 0;
/** Every analytics request body sent, by route. */
let sent: Array<{ route: string; body: unknown }> = [];

beforeAll(async () => {
  backend = await startBackend({ port: 0, chat: { tokenDelayMs: 0 }, pulse: { tokenDelayMs: 0 } });
});
afterAll(() => backend.close());
beforeEach(() => {
  backend.analytics.reset();
  backend.chat.reset();
  backend.pulse.reset();
  sent = [];
});

/** The real fetch, recording each body on the way. */
const recordingFetch: typeof fetch = async (input, init) => {
  const path = new URL(String(input)).pathname.replace(/^\/api\/analytics/, '');
  if (typeof init?.body === 'string') sent.push({ route: `${init.method} ${path}`, body: JSON.parse(init.body) });
  return fetch(input, init);
};

function chatOn(provider: ChatOptions['provider'], extra: Partial<ChatOptions> = {}) {
  const errors: unknown[] = [];
  const analytics = createAnalytics({
    baseUrl: backend.analytics.baseUrl,
    apiKey: 'confab-demo-web-key',
    store: createMemoryOutboxStore(),
    autoFlush: false,
    fetch: recordingFetch,
    onError: (error) => errors.push(error),
  });
  const chat = createChat({ provider, analytics, store: createChatStore({ name: `fidelity-${storeCounter++}` }), onError: (error) => errors.push(error), pageUrl: () => 'https://docs.example.com/guide', ...extra });
  return { chat, analytics, errors };
}

/** Each body parsed by the strict official model of its route; the issues of those that fail. */
function officialIssues(): string[] {
  expect(sent.length).toBeGreaterThan(0);
  return sent.flatMap(({ route, body }) => {
    const model = REQUEST_MODELS[route as keyof typeof REQUEST_MODELS];
    if (!model) return [`${route}: no official request model`];
    const result = strictly(model as never).safeParse(body);
    return result.success ? [] : [`${route}: ${z.prettifyError(result.error)}`];
  });
}

describe('every body confab sends passes the official request models, strictly', () => {
  it('1. the chat controller on the OpenAI-compatible server: turns with sources, a stopped answer, votes with reasons and free text, a withdrawn vote, a delete', async () => {
    const { chat, analytics, errors } = chatOn(openaiProvider({ baseUrl: backend.chat.baseUrl, model: 'confab-docs' }), {
      user: { id: 42, plan: 'pro' },
      tags: ['docs'],
      properties: { site: 'docs' },
    });
    await chat.send('How do I point the SDK at the reference backend?');
    const answer = chat.messages.value[1]!;
    await chat.setFeedback(answer.id, 'positive');
    await chat.setFeedback(answer.id, 'negative', { labels: ['inaccurate_statement', 'irrelevant_citations'], details: 'The port is wrong.' });
    // Delivered before the vote is withdrawn, which would discard it from the outbox.
    await analytics.flush();
    backend.chat.configure({ tokenDelayMs: 50 });
    const stopping = chat.send('What happens when the analytics API is down?');
    await new Promise((resolve) => setTimeout(resolve, 120));
    await chat.stop();
    await stopping;
    await chat.setFeedback(answer.id, null);
    await analytics.flush();
    await chat.deleteConversation(chat.conversation.value?.id ?? answer.conversationId);
    await analytics.flush();
    expect(errors).toEqual([]);
    expect(new Set(sent.map(({ route }) => route))).toEqual(new Set(['POST /conversations', 'POST /feedback', 'POST /events']));
    expect(officialIssues()).toEqual([]);
  });

  it('2. the chat controller on the PulseAI server (its own ids in the properties)', async () => {
    const { chat, analytics, errors } = chatOn(pulseProvider({ baseUrl: backend.pulse.baseUrl, apiKey: 'app-confab-demo', user: 'visitor-1' }));
    await chat.send('How do I reset my password?');
    await chat.send('And on the phone?');
    await chat.setFeedback(chat.messages.value[3]!.id, 'negative', { details: 'Too vague.' });
    await analytics.flush();
    expect(errors).toEqual([]);
    expect(officialIssues()).toEqual([]);
  });

  it('3. the direct client and the logging SDK with every field the contract lets a caller pass', async () => {
    const client = createAnalyticsClient({ baseUrl: backend.analytics.baseUrl, apiKey: 'confab-demo-api-key', fetch: recordingFetch });
    const conversation = { ...sampleConversation('conv_all', 2), externalId: 'ext-1', externalUrl: 'https://example.com/c/1', visibility: 'private' as const, createdAt: '2026-11-21T12:00:00.000Z' };
    await client.logConversation(conversation);
    await client.logFeedback({ type: 'negative', messageId: 'conv_all_a0', reasons: [{ label: 'unrelated_response', details: '' }], details: 'Off topic', properties: { page: '/docs' }, userProperties: { id: 'u1', userId: 7 } });
    await client.logEvent({ type: 'assistant_message_copied', entityType: 'message', messageId: 'conv_all_a0', properties: { length: 12 } });
    await client.logEvent({ type: 'search', entityType: 'search', searchQuery: 'embed' });
    expect(officialIssues()).toEqual([]);
  });
});

describe("the reader's free text, where the official model keeps it", () => {
  it('4. the official LogFeedbackRequestBody reads it from the reasons; with no text, no extra reason', async () => {
    const { chat, analytics } = chatOn(openaiProvider({ baseUrl: backend.chat.baseUrl, model: 'confab-docs' }));
    await chat.send('How do I embed confab?');
    const answer = chat.messages.value[1]!;
    await chat.setFeedback(answer.id, 'negative', { labels: ['unrelated_response'], details: 'Not what I asked.' });
    await analytics.flush();
    const feedback = sent.filter(({ route }) => route === 'POST /feedback').at(-1)!.body;
    const parsed = strictly(REQUEST_MODELS['POST /feedback'] as never).parse(feedback) as { reasons: unknown[] };
    expect(parsed.reasons).toEqual([
      { label: 'unrelated_response', details: '' },
      { label: 'details', details: 'Not what I asked.' },
    ]);
    await chat.setFeedback(answer.id, 'negative', { labels: ['inaccurate_statement'] });
    await analytics.flush();
    expect((sent.filter(({ route }) => route === 'POST /feedback').at(-1)!.body as { reasons: unknown[] }).reasons).toEqual([{ label: 'inaccurate_statement', details: '' }]);
    // The reference server keeps what the official model keeps.
    expect(backend.analytics.state.feedback.get(`fb_${answer.id}`)).toMatchObject({ reasons: [{ label: 'inaccurate_statement', details: '' }] });
  });
});

describe('the strict models themselves', () => {
  it('5. refuse what the official model does not name, such as the top-level details confab sent before, and keep userProperties open', () => {
    const feedback = strictly(REQUEST_MODELS['POST /feedback'] as never);
    expect(feedback.safeParse({ type: 'negative', messageId: 'm1', details: 'Off topic' }).success).toBe(false);
    expect(feedback.safeParse({ type: 'negative', messageId: 'm1', reasons: [{ label: 'details', details: 'Off topic', extra: 1 }] }).success).toBe(false);
    expect(feedback.safeParse({ type: 'negative', messageId: 'm1', userProperties: { userId: 42, plan: 'pro' } }).success).toBe(true);
    // Not strict, the model drops the text silently: the failure the strict parse makes visible.
    expect(REQUEST_MODELS['POST /feedback'].parse({ type: 'negative', messageId: 'm1', details: 'Off topic' })).not.toHaveProperty('details');
  });
});
