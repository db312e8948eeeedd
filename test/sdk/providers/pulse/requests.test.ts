import { describe, expect, it, vi } from 'vitest';
import { ConfigError, ValidationError } from '../../../../src/sdk/http/errors';
import { pulseProvider } from '../../../../src/sdk/providers/pulse/pulse-provider';
import type { SignableRequest } from '../../../../src/sdk/providers/pulse/signed-fetch';
import { createFakeFetch, json } from '../../../support/fake-fetch';
import { dataLines, sseResponse } from '../../../support/sse';
import { BASE_URL, chatRequest, collect, end, pulseError, setup, USER } from './helpers';

const reply = () => sseResponse([dataLines(end(null))]);
const bodyOf = (body: string | undefined): unknown => JSON.parse(body ?? 'null');

describe('POST /chat-messages', () => {
  it('sends the newest user message with inputs, user, streaming mode and a new conversation', async () => {
    const { fake, provider } = setup([reply()], { inputs: { locale: 'de' } });
    const messages = [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'First question' },
      { role: 'assistant' as const, content: 'First answer' },
      { role: 'user' as const, content: 'Wie setze ich mein Passwort zurück?' },
    ];
    await collect(provider.stream(chatRequest({ messages })));
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', url: `${BASE_URL}/chat-messages` });
    expect(bodyOf(request?.body)).toEqual({
      query: 'Wie setze ich mein Passwort zurück?',
      inputs: { locale: 'de' },
      response_mode: 'streaming',
      user: USER,
      conversation_id: '',
      auto_generate_name: true,
    });
    expect(request?.headers).toMatchObject({ accept: 'text/event-stream', 'content-type': 'application/json' });
  });

  it('continues a conversation by its provider id, and can leave naming to the caller', async () => {
    const { fake, provider } = setup([reply()], { autoGenerateName: false });
    await collect(provider.stream(chatRequest({ providerConversationId: 'conv-7' })));
    expect(bodyOf(fake.requests[0]?.body)).toMatchObject({ conversation_id: 'conv-7', auto_generate_name: false, inputs: {} });
  });

  it('a request without a user message is refused before anything is sent', async () => {
    const { fake, provider } = setup([reply()]);
    const error = await collect(provider.stream(chatRequest({ messages: [{ role: 'system', content: 'Hi' }] }))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('no user message') });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('auth', () => {
  it('sends no Authorization without a key, as behind a proxy that adds it', async () => {
    const { fake, provider } = setup([reply()], { baseUrl: '/api/pulse/v1' });
    await collect(provider.stream(chatRequest()));
    expect(fake.requests[0]?.url).toBe('/api/pulse/v1/chat-messages');
    expect(fake.requests[0]?.headers).not.toHaveProperty('authorization');
  });

  it('sends the app key as a Bearer token on every request', async () => {
    const { fake, provider } = setup([reply(), json(200, { result: 'success' })], { apiKey: 'app-secret' });
    await collect(provider.stream(chatRequest()));
    await provider.stop?.('task-1');
    expect(fake.requests.map((request) => request.headers['authorization'])).toEqual(['Bearer app-secret', 'Bearer app-secret']);
  });

  it('asks getToken for every request', async () => {
    const getToken = vi.fn().mockResolvedValueOnce('t1').mockResolvedValueOnce('t2');
    const { fake, provider } = setup([reply(), json(200, { opening_statement: '' })], { getToken });
    await collect(provider.stream(chatRequest()));
    await provider.welcome?.();
    expect(fake.requests.map((request) => request.headers['authorization'])).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('without a user is a config error naming the option', () => {
    expect(() => pulseProvider({ baseUrl: BASE_URL, user: '' })).toThrow(ConfigError);
    expect(() => pulseProvider({ baseUrl: BASE_URL, user: '' })).toThrow(/needs `user`/);
  });
});

describe('request signing', () => {
  const conversation = { id: 'c-1', name: 'n', created_at: 1, updated_at: 2 };
  const signed = { 'X-Timestamp': '1767225600', 'X-Signature': 'sig' };

  it('adds the signer headers to every request, each signed with its own method, path, query and body', async () => {
    const sign = vi.fn(async (_request: SignableRequest) => signed);
    const fake = createFakeFetch([
      reply(),
      json(200, { result: 'success' }),
      json(200, { result: 'success' }),
      json(200, { result: 'success', data: [] }),
      json(200, {}),
      json(200, { limit: 5, has_more: false, data: [] }),
      json(200, conversation),
      new Response(null, { status: 204 }),
      json(200, { limit: 100, has_more: false, data: [] }),
    ]);
    const provider = pulseProvider({ baseUrl: `${BASE_URL}/`, user: USER, fetch: fake.fetch, sign });
    await collect(provider.stream(chatRequest()));
    await provider.stop?.('t-1');
    await provider.feedback?.('m-1', 'positive');
    await provider.suggestions?.('m-1');
    await provider.welcome?.();
    await provider.conversations?.list({ limit: 5 });
    await provider.conversations?.rename('c-1', 'Renamed');
    await provider.conversations?.delete('c-1');
    await provider.conversations?.history('c-1');

    expect(fake.requests).toHaveLength(9);
    for (const request of fake.requests) expect(request.headers).toMatchObject({ 'x-timestamp': '1767225600', 'x-signature': 'sig' });
    expect(sign.mock.calls.map(([request]) => request)).toEqual([
      { method: 'POST', path: '/chat-messages', body: fake.requests[0]?.body },
      { method: 'POST', path: '/chat-messages/t-1/stop', body: '{"user":"visitor-42"}' },
      { method: 'POST', path: '/messages/m-1/feedbacks', body: '{"rating":"like","user":"visitor-42"}' },
      { method: 'GET', path: '/messages/m-1/suggested?user=visitor-42', body: undefined },
      { method: 'GET', path: '/parameters', body: undefined },
      { method: 'GET', path: '/conversations?user=visitor-42&limit=5', body: undefined },
      { method: 'POST', path: '/conversations/c-1/name', body: '{"name":"Renamed","user":"visitor-42"}' },
      { method: 'DELETE', path: '/conversations/c-1', body: '{"user":"visitor-42"}' },
      { method: 'GET', path: '/messages?conversation_id=c-1&user=visitor-42&limit=100', body: undefined },
    ]);
  });

  it('signs the retry after a 401 afresh', async () => {
    let calls = 0;
    const sign = () => ({ 'X-Signature': `sig-${++calls}` });
    const getToken = vi.fn().mockResolvedValueOnce('old').mockResolvedValueOnce('new');
    const { fake, provider } = setup([pulseError(401, 'unauthorized', 'Access token is invalid'), json(200, { opening_statement: 'Hi' })], { sign, getToken });
    await expect(provider.welcome?.()).resolves.toEqual({ text: 'Hi', starters: [] });
    expect(fake.requests.map((request) => request.headers['x-signature'])).toEqual(['sig-1', 'sig-2']);
  });
});
