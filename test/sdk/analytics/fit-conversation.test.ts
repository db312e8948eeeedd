import { describe, expect, it, vi } from 'vitest';
import { createAnalytics } from '../../../src/sdk/analytics/create-analytics';
import { fitConversation, truncationMarker } from '../../../src/sdk/analytics/fit-conversation';
import { createMemoryOutboxStore } from '../../../src/sdk/analytics/outbox-store';
import { MAX_BODY_BYTES } from '../../../src/sdk/analytics/requests';
import type { CreateConversation } from '../../../src/sdk/analytics/schemas';
import { PayloadTooLargeError } from '../../../src/sdk/http/errors';
import { utf8Length } from '../../../src/sdk/utf8';
import { createFakeFetch } from '../../support/fake-fetch';
import { createFakeLifecycle } from '../../support/fake-lifecycle';

/** A conversation whose JSON body is exactly `bytes` long, padded with `unit` (1 to 4 UTF-8 bytes). */
function conversationOfSize(bytes: number, unit = 'a'): CreateConversation {
  const base: CreateConversation = { id: 'conv_size', type: 'openai', messages: [{ id: 'm1', role: 'user', content: '' }] };
  const overhead = utf8Length(JSON.stringify(base));
  const unitBytes = utf8Length(unit);
  const units = Math.floor((bytes - overhead) / unitBytes);
  const rest = bytes - overhead - units * unitBytes;
  const content = unit.repeat(units) + 'a'.repeat(rest);
  const conversation = { ...base, messages: [{ id: 'm1', role: 'user' as const, content }] };
  expect(utf8Length(JSON.stringify(conversation))).toBe(bytes);
  return conversation;
}

describe('utf8Length', () => {
  it.each([
    ['ascii', 'hello', 5],
    ['2-byte', 'é', 2],
    ['3-byte', '€', 3],
    ['4-byte (surrogate pair)', '😀', 4],
    ['lone high surrogate', '\ud83d', 3],
    ['mixed', 'a€😀é', 10],
  ])('%s', (_name, text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});

describe('fitConversation at the 2 MB boundary', () => {
  it.each([
    ['1 byte under, ASCII', MAX_BODY_BYTES - 1, 'a', false],
    ['exactly at the limit, ASCII', MAX_BODY_BYTES, 'a', false],
    ['1 byte over, ASCII', MAX_BODY_BYTES + 1, 'a', true],
    ['exactly at the limit, 3-byte characters', MAX_BODY_BYTES, '€', false],
    ['1 byte over, 3-byte characters', MAX_BODY_BYTES + 1, '€', true],
    ['exactly at the limit, emoji', MAX_BODY_BYTES, '😀', false],
    ['over, emoji', MAX_BODY_BYTES + 4, '😀', true],
  ])('%s', (_name, bytes, unit, truncated) => {
    const result = fitConversation(conversationOfSize(bytes, unit), MAX_BODY_BYTES);
    expect(result.fits).toBe(true);
    if (!result.fits) return;
    expect(result.truncated).toBe(truncated);
    expect(result.originalBytes).toBe(bytes);
    expect(result.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(result.bytes).toBe(utf8Length(result.json));
    if (truncated) {
      expect(result.conversation.properties).toEqual({ truncated: true });
      // Close to the limit: the cut keeps as much as fits.
      expect(result.bytes).toBeGreaterThan(MAX_BODY_BYTES - 200);
      const content = result.conversation.messages[0]!.content as string;
      expect(content).toMatch(/\[… \d+ characters truncated to fit the 2 MB log limit\]$/);
      expect(content).not.toMatch(/\ufffd/);
      expect(content.startsWith(unit.repeat(100))).toBe(true);
    } else {
      expect(result.json).toBe(JSON.stringify(conversationOfSize(bytes, unit)));
    }
  });
});

describe('fitConversation shrinking', () => {
  const long = (n: number, char: string) => char.repeat(n);
  const conversation: CreateConversation = {
    id: 'conv_shrink',
    type: 'openai',
    properties: { provider: 'openai' },
    messages: [
      { id: 'm1', role: 'user', content: 'short question' },
      { id: 'm2', role: 'assistant', content: long(1_500_000, 'b') },
      { id: 'm3', role: 'user', content: [{ type: 'text', text: long(900_000, 'c') }] },
      { id: 'm4', role: 'assistant', content: long(300_000, 'd') },
    ],
  };

  it('cuts the longest texts to one cap, keeps short ones whole, never drops a message', () => {
    const result = fitConversation(conversation, MAX_BODY_BYTES);
    expect(result.fits && result.truncated).toBe(true);
    if (!result.fits) return;
    const [m1, m2, m3, m4] = result.conversation.messages;
    expect(result.conversation.messages).toHaveLength(4);
    expect(m1!.content).toBe('short question');
    expect(m4!.content).toBe(long(300_000, 'd'));
    const kept2 = (m2!.content as string).indexOf('\n\n[…');
    const text3 = (m3!.content as Array<{ text: string }>)[0]!.text;
    const kept3 = text3.indexOf('\n\n[…');
    expect(kept2).toBe(kept3);
    expect(m2!.content).toBe(long(kept2, 'b') + truncationMarker(1_500_000 - kept2));
    expect(result.conversation.properties).toEqual({ provider: 'openai', truncated: true });
    expect(result.conversation.messages.map((message) => message.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('prices escapes exactly: quotes, control characters, lone surrogates and emoji land just under the limit', () => {
    const tricky = 'a"b\\c\n\u0001\ud800x😀€é'.repeat(60_000);
    const escaped: CreateConversation = { id: 'conv_esc', type: 'openai', messages: [{ id: 'm1', role: 'user', content: tricky }, { id: 'm2', role: 'assistant', content: tricky.slice(0, 500_000) }] };
    const result = fitConversation(escaped, MAX_BODY_BYTES);
    expect(result.fits && result.truncated).toBe(true);
    if (!result.fits) return;
    expect(result.bytes).toBe(utf8Length(result.json));
    expect(result.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
    // Within one unit's worth of the limit: the estimate matched the real serialisation.
    expect(MAX_BODY_BYTES - result.bytes).toBeLessThan(40);
    expect(JSON.parse(result.json).messages[0].content).not.toMatch(/\ufffd/);
  });

  it('is deterministic', () => {
    expect(fitConversation(conversation, MAX_BODY_BYTES)).toEqual(fitConversation(conversation, MAX_BODY_BYTES));
  });

  it('reports what cannot fit even with every text cut', () => {
    const links = Array.from({ length: 30_000 }, (_, index) => ({ url: `https://example.com/${index}/${'x'.repeat(60)}` }));
    const huge: CreateConversation = { id: 'conv_links', type: 'openai', messages: [{ id: 'm1', role: 'assistant', content: 'answer', links }] };
    expect(fitConversation(huge, MAX_BODY_BYTES)).toEqual({ fits: false, originalBytes: utf8Length(JSON.stringify(huge)) });
  });
});

describe('the outbox and oversized bodies', () => {
  const setup = () => {
    const onError = vi.fn();
    const store = createMemoryOutboxStore();
    const fake = createFakeFetch();
    const analytics = createAnalytics({ baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch, store, lifecycle: createFakeLifecycle(), autoFlush: false, onError });
    return { analytics, onError, store, fake };
  };

  it('queues a truncated history and reports a PayloadTooLargeError', async () => {
    const { analytics, onError, fake } = setup();
    await analytics.logConversation(conversationOfSize(MAX_BODY_BYTES + 10));
    expect(onError).toHaveBeenCalledTimes(1);
    const error = onError.mock.calls[0]![0] as PayloadTooLargeError;
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ truncated: true, bytes: MAX_BODY_BYTES + 10, limit: MAX_BODY_BYTES, code: 'payload_too_large' });
    await analytics.flush();
    expect(utf8Length(fake.requests[0]!.body!)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(JSON.parse(fake.requests[0]!.body!).properties.truncated).toBe(true);
  });

  it('dead-letters what cannot be shrunk, with that error, and sends nothing', async () => {
    const { analytics, onError, fake } = setup();
    const links = Array.from({ length: 30_000 }, (_, index) => ({ url: `https://example.com/${index}/${'x'.repeat(60)}` }));
    await analytics.logConversation({ id: 'conv_links', type: 'openai', messages: [{ id: 'm1', role: 'assistant', content: 'a', links }] });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'payload_too_large', truncated: false }), { item: expect.objectContaining({ key: 'conversation:conv_links' }) });
    await analytics.flush();
    expect(await analytics.deadLetters()).toMatchObject([{ key: 'conversation:conv_links', lastError: { code: 'payload_too_large' } }]);
    expect(fake.requests).toHaveLength(0);
  });

  it('dead-letters oversized feedback instead of sending it', async () => {
    const { analytics, onError, fake } = setup();
    await analytics.logFeedback({ type: 'negative', messageId: 'm1', details: 'z'.repeat(MAX_BODY_BYTES) });
    expect(onError).toHaveBeenCalledWith(expect.any(PayloadTooLargeError), expect.anything());
    await analytics.flush();
    expect(fake.requests).toHaveLength(0);
  });
});
