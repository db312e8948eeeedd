// Real HTTP on 127.0.0.1 against the reference analytics server, from Node 20: no
// IndexedDB here, so this file also covers the SDK's Node path (memory outbox).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackend, type Backend } from '../../demo/server/backend';
import { mulberry32 } from '../../demo/server/faults';
import { createAnalytics, type AnalyticsOptions } from '../../src/sdk/analytics/create-analytics';
import { createAnalyticsClient } from '../../src/sdk/analytics/create-analytics-client';
import { MAX_BODY_BYTES } from '../../src/sdk/analytics/requests';
import type { CreateConversation } from '../../src/sdk/analytics/schemas';
import { HttpError, StorageError } from '../../src/sdk/http/errors';
import { utf8Length } from '../../src/sdk/utf8';
import { sampleConversation } from '../fixtures/conversations';

const WEB_KEY = 'confab-demo-web-key';
const API_KEY = 'confab-demo-api-key';

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend({ port: 0 });
});
afterAll(() => backend.close());
beforeEach(() => backend.analytics.reset());

/** An instance on the reference server; `onError` is a mock the test can read. */
function analyticsFor(overrides: Omit<Partial<AnalyticsOptions>, 'onError'> = {}) {
  const onError = vi.fn();
  const analytics = createAnalytics({ baseUrl: backend.analytics.baseUrl, apiKey: WEB_KEY, autoFlush: false, ...overrides, onError });
  return { analytics, onError };
}

const admin = () => createAnalyticsClient({ baseUrl: backend.analytics.baseUrl, apiKey: API_KEY });

describe('the SDK from Node 20', () => {
  it('says once that the outbox is in memory here, and still delivers', async () => {
    const { analytics, onError } = analyticsFor();
    await analytics.logConversation(sampleConversation('conv_node'));
    await analytics.logConversation(sampleConversation('conv_node', 2));
    await Promise.resolve();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(StorageError);
    expect(onError.mock.calls[0]![0].message).toMatch(/Pass the `store` option/);
    expect((await analytics.flush()).delivered).toHaveLength(1);
    await analytics.close();
  });

  it('logs a conversation, feedback and an event; lists; deletes', async () => {
    const { analytics } = analyticsFor();
    const conversation: CreateConversation = {
      ...sampleConversation('conv_full', 2),
      messages: [
        ...sampleConversation('conv_full', 2).messages,
        {
          id: 'conv_full_a_tools',
          role: 'assistant',
          content: 'Here are sources.',
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'provideLinks', arguments: '{"links":[]}' } }],
        },
      ],
    };
    await analytics.logConversation(conversation);
    await analytics.logFeedback({ type: 'positive', messageId: 'conv_full_a0' });
    await analytics.logFeedback({ type: 'negative', messageId: 'conv_full_a0', reasons: [{ label: 'unrelated_response', details: '' }], details: 'Off topic' });
    await analytics.logEvent({ type: 'assistant_message_copied', entityType: 'message', messageId: 'conv_full_a1' });
    const report = await analytics.flush();
    expect(report.delivered.map((item) => item.kind)).toEqual(['logConversation', 'logFeedback', 'logEvent']);
    expect(report.pending).toEqual([]);

    const stored = await admin().getConversation('conv_full');
    expect(stored.messages.map((message) => [message.id, message.role, message.content])).toEqual(
      conversation.messages.map((message) => [message.id, message.role, message.content]),
    );
    expect(stored.messages[4]!.tool_calls).toEqual(conversation.messages[4]!.tool_calls);
    expect(stored.messages[1]!.links).toEqual(conversation.messages[1]!.links);
    expect(stored).toMatchObject({ userProperties: { id: 'user_1', identificationType: 'COOKIED' }, tags: ['docs'] });

    const feedback = [...backend.analytics.state.feedback.values()];
    expect(feedback).toHaveLength(1);
    // The free text travels as the official model keeps it (LogFeedbackRequestBody has no top-level `details`).
    expect(feedback[0]).toMatchObject({ type: 'negative', messageId: 'conv_full_a0', reasons: [{ label: 'unrelated_response', details: '' }, { label: 'details', details: 'Off topic' }] });
    expect(feedback[0]).not.toHaveProperty('details');
    expect([...backend.analytics.state.events.values()]).toMatchObject([{ type: 'assistant_message_copied', messageId: 'conv_full_a1' }]);

    const list = await admin().listConversations({ limit: 10 });
    expect(list).toMatchObject({ total: 1, count: 1, pageSize: 10, conversations: [{ id: 'conv_full' }] });

    await analytics.deleteConversation('conv_full');
    expect((await analytics.flush()).delivered).toMatchObject([{ kind: 'deleteConversation' }]);
    await expect(admin().getConversation('conv_full')).rejects.toMatchObject({ constructor: HttpError, status: 404, code: 'not_found' });
    expect(backend.analytics.state.feedback.size).toBe(0);
    await analytics.close();
  });

  it('a web key may not list: 403 forbidden with the problem body', async () => {
    const client = createAnalyticsClient({ baseUrl: backend.analytics.baseUrl, apiKey: WEB_KEY });
    await expect(client.listConversations()).rejects.toMatchObject({ status: 403, code: 'forbidden', requestId: expect.any(String) });
  });

  it('a server outage with Retry-After: the outbox waits, then delivers', async () => {
    backend.analytics.faults.failNext(2, { status: 503, retryAfter: '1' });
    const { analytics } = analyticsFor();
    await analytics.logConversation(sampleConversation('conv_outage'));
    expect((await analytics.flush()).pending).toMatchObject([{ attempts: 1, lastError: { status: 503 } }]);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await analytics.flush()).pending).toMatchObject([{ attempts: 2 }]);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await analytics.flush()).delivered).toHaveLength(1);
    expect(backend.analytics.state.conversations.has('conv_outage')).toBe(true);
  });
});

describe('1,000 operations under faults', () => {
  it('every operation arrives, counted at the server', { timeout: 120_000 }, async () => {
    // 30% of requests fail at the server (503), and 10% of answers are lost on the way back
    // after the server acted (the client sees a network error and must re-send).
    backend.analytics.faults.failRate(0.3, { status: 503, seed: 11 });
    const random = mulberry32(5);
    let lostAnswers = 0;
    const lossyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (random() < 0.1) {
        lostAnswers++;
        await response.body?.cancel();
        throw new TypeError('connection reset after the server answered (injected)');
      }
      return response;
    };
    const { analytics, onError } = analyticsFor({ fetch: lossyFetch });

    const expectedMessages = new Map<string, number>();
    let operations = 0;
    for (let index = 0; index < 400; index++) {
      const id = `conv_${index % 250}`;
      const turns = 1 + Math.floor(index / 250);
      await analytics.logConversation(sampleConversation(id, turns));
      expectedMessages.set(id, turns * 2);
      operations++;
    }
    for (let index = 0; index < 300; index++) {
      await analytics.logFeedback({ type: index % 2 ? 'positive' : 'negative', messageId: `conv_${index % 250}_a0`, id: `fb_${index}` });
      operations++;
    }
    for (let index = 0; index < 300; index++) {
      await analytics.logEvent({ id: `evt_${index}`, type: 'user_message_submitted', entityType: 'conversation', conversationId: `conv_${index % 250}` });
      operations++;
    }
    expect(operations).toBe(1_000);
    // 400 conversation writes coalesce into 250 upserts: 850 operations are pending.
    expect(await analytics.pending()).toBe(850);

    let passes = 0;
    while ((await analytics.pending()) > 0 && passes < 200) {
      await analytics.flush();
      passes++;
    }
    expect(await analytics.pending()).toBe(0);
    expect(await analytics.deadLetters()).toEqual([]);
    expect(onError).not.toHaveBeenCalledWith(expect.any(HttpError), expect.anything());

    const { state } = backend.analytics;
    expect(state.conversations.size).toBe(250);
    for (const [id, count] of expectedMessages) expect(state.conversations.get(id)?.messages.length, id).toBe(count);
    expect(state.feedback.size).toBe(300);
    expect(state.events.size).toBe(300);
    const stats = backend.analytics.stats.snapshot();
    expect(stats.byStatus['503']).toBeGreaterThan(200);
    expect(lostAnswers).toBeGreaterThan(50);
    await analytics.close();
  });
});

describe('body size at the real server', () => {
  /** A conversation whose JSON body is exactly `bytes` long, padded with '€' (3 bytes). */
  function ofSize(bytes: number): CreateConversation {
    const base = { id: 'conv_big', type: 'openai' as const, messages: [{ id: 'm1', role: 'user' as const, content: '' }] };
    const free = bytes - utf8Length(JSON.stringify(base));
    const content = '€'.repeat(Math.floor(free / 3)) + 'a'.repeat(free % 3);
    return { ...base, messages: [{ id: 'm1', role: 'user', content }] };
  }

  it('exactly 2 MB is accepted as is', async () => {
    const { analytics, onError } = analyticsFor();
    await analytics.logConversation(ofSize(MAX_BODY_BYTES));
    expect((await analytics.flush()).delivered).toHaveLength(1);
    expect(onError).not.toHaveBeenCalledWith(expect.objectContaining({ code: 'payload_too_large' }));
    expect(backend.analytics.state.conversations.get('conv_big')?.messages[0]?.content).toBe(ofSize(MAX_BODY_BYTES).messages[0]!.content);
  });

  it('one byte over is truncated to fit, marked, reported, and accepted', async () => {
    const { analytics, onError } = analyticsFor();
    await analytics.logConversation(ofSize(MAX_BODY_BYTES + 1));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'payload_too_large', truncated: true }));
    expect((await analytics.flush()).delivered).toHaveLength(1);
    const stored = backend.analytics.state.conversations.get('conv_big')!;
    expect(stored.properties).toEqual({ truncated: true });
    expect(stored.messages[0]!.content).toMatch(/^€+\n\n\[… \d+ characters truncated to fit the 2 MB log limit\]$/);
  });

  it('the client’s limit is the stricter reading of 2 MB: a body between it and 2 MiB is accepted by the server as is', async () => {
    const { analytics } = analyticsFor();
    const between = ofSize(MAX_BODY_BYTES + 50_000);
    await analytics.logConversation(between);
    await analytics.flush();
    expect(backend.analytics.state.conversations.get('conv_big')?.properties).toEqual({ truncated: true });
    const response = await fetch(`${backend.analytics.baseUrl}/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${WEB_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(between),
    });
    expect(response.status).toBe(200);
  });

  it('sent unshrunk, one byte over the server’s 2 MiB gets its 413', async () => {
    const response = await fetch(`${backend.analytics.baseUrl}/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${WEB_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(ofSize(2 * 1024 * 1024 + 1)),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 413, code: 'payload_too_large' });
  });
});
