// Issue 11, "Fidelity to the official models": the official clients, unchanged, against the
// reference servers over HTTP on 127.0.0.1. Every call must succeed, and each answer passes
// the client's own response models (the Inkeep SDK validates every response with them).
// Where an official client and contracts/ disagree, the contract stays the servers' truth; the
// disagreements are listed in demo/server/README.md and demo/server/pulse/README.md.
import { InkeepAnalytics } from '@inkeep/inkeep-analytics';
import { ChatClient } from 'dify-client';
import OpenAI from 'openai';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../demo/server/backend';
import { DEFAULT_API_KEY, DEFAULT_WEB_KEY } from '../../demo/server/analytics/auth';

let backend: Backend;

beforeAll(async () => {
  backend = await startBackend({ port: 0, chat: { tokenDelayMs: 0 }, pulse: { tokenDelayMs: 0 } });
});
afterAll(() => backend.close());
beforeEach(() => {
  backend.analytics.reset();
  backend.chat.reset();
  backend.pulse.reset();
});

// The SDK's outbound schema of userProperties requires `additionalProperties` (its type says
// optional): callers pass the extra keys there, `{}` when there are none.
describe('@inkeep/inkeep-analytics against the reference analytics server', () => {
  const web = { webIntegrationKey: DEFAULT_WEB_KEY };
  const sdk = () => new InkeepAnalytics({ apiIntegrationKey: DEFAULT_API_KEY, serverURL: backend.analytics.baseUrl, retryConfig: { strategy: 'none' } });

  it('1. logs, reads, lists and deletes a conversation; userProperties.userId as a number', async () => {
    const messages = [
      { id: 'u1', role: 'user' as const, content: 'How do I embed confab?', userProperties: { userId: 42, additionalProperties: {} } },
      {
        id: 'a1',
        role: 'assistant' as const,
        content: 'Add the script tag.',
        links: [{ url: 'https://example.com/docs', title: 'Docs', breadcrumbs: ['Guide'] }],
        toolCalls: [{ id: 'call_1', type: 'function' as const, function: { name: 'provideLinks', arguments: '{"links":[]}' } }],
      },
    ];
    const logged = await sdk().conversations.log(web, {
      type: 'openai',
      id: 'conv_official',
      externalId: 'ext-official',
      createdAt: new Date('2026-11-21T12:00:00Z'),
      userProperties: { id: 7, userId: 42, identificationType: 'ID_PROVIDED', additionalProperties: { plan: 'pro' } },
      properties: { provider: 'openai' },
      tags: ['docs'],
      messages,
    });
    expect(logged).toMatchObject({ id: 'conv_official', type: 'openai' });
    expect(await sdk().conversations.get(web, { id: 'conv_official' })).toMatchObject({ id: 'conv_official', messages: [{ id: 'u1' }, { id: 'a1' }] });
    expect(await sdk().conversation.getConversationByExternalId({ externalId: 'ext-official' })).toMatchObject({ id: 'conv_official' });
    expect(await sdk().conversations.list({ limit: 10 })).toMatchObject({ total: 1, count: 1 });
    expect(await sdk().conversations.delete(web, { id: 'conv_official' })).toMatchObject({ success: true });
  });

  it('2. submits feedback with reasons and reads it back, alone and in the lists; logs an event', async () => {
    await sdk().conversations.log(web, { type: 'openai', id: 'conv_fb', messages: [{ id: 'q', role: 'user', content: 'Q' }, { id: 'a', role: 'assistant', content: 'A' }] });
    const feedback = await sdk().feedback.submit({ type: 'negative', messageId: 'a', reasons: [{ label: 'details', details: 'Off topic' }], userProperties: { userId: 42, additionalProperties: {} } });
    expect(feedback).toMatchObject({ type: 'negative', messageId: 'a', reasons: [{ label: 'details', details: 'Off topic' }] });
    expect(await sdk().feedback.getFeedbackById({ id: feedback.id })).toMatchObject({ id: feedback.id, message: { id: 'a' } });
    expect(await sdk().feedback.list({})).toMatchObject({ negativeFeedbackCount: 1, positiveFeedbackCount: 0 });
    const event = await sdk().events.log(web, { type: 'assistant_message_copied', entityType: 'message', messageId: 'a' });
    expect(event).toMatchObject({ type: 'assistant_message_copied', entityType: 'message', messageId: 'a' });
  });

  it('3. an error is a problem+json the SDK turns into its typed error', async () => {
    await expect(sdk().conversations.get(web, { id: 'no-such-conversation' })).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('openai against the reference chat server', () => {
  const openai = () => new OpenAI({ baseURL: backend.chat.baseUrl, apiKey: 'unused', maxRetries: 0 });
  const messages = [{ role: 'user' as const, content: 'How do I point the SDK at the reference backend?' }];

  it('4. a streamed answer, with its provideLinks tool call and usage, equals the same answer unstreamed', async () => {
    const stream = openai().chat.completions.stream({ model: 'confab-docs', messages, stream_options: { include_usage: true } });
    const streamed = await stream.finalChatCompletion();
    const whole = await openai().chat.completions.create({ model: 'confab-docs', messages });
    expect(streamed.choices[0]!.message.content).toBe(whole.choices[0]!.message.content);
    expect(streamed.choices[0]!.message.content).toContain('npm run backend');
    expect(streamed.choices[0]!.message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'provideLinks' } });
    expect(streamed.choices[0]!.finish_reason).toBe('tool_calls');
    expect(streamed.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('5. lists the models; a 429 and a mid-stream error reach the client as its own errors', async () => {
    expect((await openai().models.list()).data.map((model) => model.id)).toEqual(['confab-docs']);
    backend.chat.script('rate-limit');
    await expect(openai().chat.completions.create({ model: 'confab-docs', messages })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    backend.chat.script('error-mid-stream');
    const failing = await openai().chat.completions.create({ model: 'confab-docs', messages, stream: true });
    await expect(
      (async () => {
        for await (const chunk of failing) void chunk;
      })(),
    ).rejects.toThrow(/internal|error/i);
  });
});

describe('dify-client against the reference PulseAI server', () => {
  const USER = 'visitor-1';
  const client = () => new ChatClient('app-confab-demo', backend.pulse.baseUrl);

  /** The events of a streamed answer, as dify-client hands over its body. */
  async function events(body: Readable): Promise<Array<Record<string, unknown>>> {
    let text = '';
    for await (const chunk of body) text += String(chunk);
    return text
      .split('\n\n')
      .map((block) => block.match(/^data: (.*)$/m)?.[1])
      .filter((data): data is string => data !== undefined)
      .map((data) => JSON.parse(data) as Record<string, unknown>);
  }

  it('6. blocking and streamed answers, with files: null as it always sends, in one conversation', async () => {
    const first = await client().createChatMessage({}, 'How do I reset my password?', USER, false);
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ event: 'message', answer: expect.any(String), conversation_id: expect.any(String) });
    const streamed = await client().createChatMessage({}, 'And on the phone?', USER, true, first.data.conversation_id);
    const received = await events(streamed.data as Readable);
    expect(received.at(-1)).toMatchObject({ event: 'message_end', conversation_id: first.data.conversation_id });
    expect(received.filter((event) => event.event === 'message').map((event) => event.answer).join('')).not.toBe('');
  });

  it('7. the history, the list, rename, feedback, the app parameters and delete', async () => {
    const answer = await client().createChatMessage({}, 'How do I reset my password?', USER, false);
    const conversationId: string = answer.data.conversation_id;
    expect((await client().getConversationMessages(USER, conversationId)).data.data).toHaveLength(1);
    expect((await client().getConversations(USER)).data.data.map((conversation: { id: string }) => conversation.id)).toEqual([conversationId]);
    expect((await client().renameConversation(conversationId, 'Passwords', USER)).data).toMatchObject({ id: conversationId, name: 'Passwords' });
    expect((await client().messageFeedback(answer.data.message_id, 'like' as never, USER)).data).toEqual({ result: 'success' });
    expect((await client().getApplicationParameters(USER)).status).toBe(200);
    expect((await client().deleteConversation(conversationId, USER)).status).toBeLessThan(300);
    expect((await client().getConversations(USER)).data.data).toEqual([]);
  });
});
