import { signal } from '@preact/signals-core';
import { describe, expect, it, vi } from 'vitest';
import { createChatStore } from '../../../src/sdk/chat/chat-store';
import { watchConnection, type ConnectionTarget } from '../../../src/sdk/chat/connection';
import { createChat } from '../../../src/sdk/chat/create-chat';
import { memoryBackend } from '../../../src/sdk/chat/kv-backend';
import { sendWhenOnline } from '../../../src/sdk/chat/send-when-online';
import { NetworkError } from '../../../src/sdk/http/errors';
import { answer, scriptedProvider } from '../../support/scripted-provider';

const offline = () => (_request: unknown, live: { fail(error: unknown): void }) => live.fail(new NetworkError('POST /chat/completions failed before a response: Failed to fetch'));

function chatWith(turns: Parameters<typeof scriptedProvider>[0], backend = memoryBackend()) {
  const { provider, requests } = scriptedProvider(turns);
  const chat = createChat({ provider, store: createChatStore({ backend }), onError: () => undefined });
  return { chat, requests, backend };
}

const statuses = (chat: ReturnType<typeof createChat>) => chat.messages.peek().map((message) => `${message.role}:${message.status}`);

// Issue 13, item 3: a question asked without a connection is sent when it is back.
describe('sendWhenOnline', () => {
  it('1. the browser’s connection: navigator.onLine, then the online and offline events', () => {
    const listeners: Record<string, () => void> = {};
    const target: ConnectionTarget = { navigator: { onLine: false }, addEventListener: (type, listener) => (listeners[type] = listener) };
    const connection = watchConnection(target);
    expect(connection.online.value).toBe(false);
    listeners.online!();
    expect(connection.online.value).toBe(true);
    listeners.offline!();
    expect(connection.online.value).toBe(false);
  });

  it('2. questions asked offline are answered, oldest first, when the connection is back; once each while it stays down', async () => {
    const online = signal(false);
    const { chat, requests } = chatWith([offline(), offline(), answer('first answer'), answer('second answer')]);
    const stop = sendWhenOnline(chat, { online });
    await chat.send('first');
    await chat.send('second');
    expect(statuses(chat)).toEqual(['user:done', 'assistant:error', 'user:done', 'assistant:error']);
    expect(requests, 'nothing sent again while offline').toHaveLength(2);

    online.value = true;
    await vi.waitFor(() => expect(statuses(chat)).toEqual(['user:done', 'assistant:done', 'user:done', 'assistant:done']));
    expect(chat.messages.peek().map((message) => message.content)).toEqual(['first', 'first answer', 'second', 'second answer']);
    expect(requests.map((request) => request.messages.at(-1)?.content)).toEqual(['first', 'second', 'first', 'second']);
    stop();
  });

  it('3. a question that failed while the browser said it was online waits for Retry, or for the connection to drop and come back', async () => {
    const online = signal(true);
    const { chat, requests } = chatWith([offline(), answer('answered')]);
    const stop = sendWhenOnline(chat, { online });
    await chat.send('asked');
    await Promise.resolve();
    expect(statuses(chat)).toEqual(['user:done', 'assistant:error']);
    expect(requests).toHaveLength(1);
    online.value = false;
    online.value = true;
    await vi.waitFor(() => expect(statuses(chat)).toEqual(['user:done', 'assistant:done']));
    expect(requests).toHaveLength(2);
    stop();
  });

  it('4. a reload loses nothing: a question found waiting when the conversation loads is sent once the browser is online', async () => {
    const backend = memoryBackend();
    const first = chatWith([offline()], backend);
    await first.chat.send('asked offline, then the page reloaded');
    await first.chat.dispose();

    const online = signal(false);
    const { chat, requests } = chatWith([answer('answered after the reload')], backend);
    const stop = sendWhenOnline(chat, { online });
    await vi.waitFor(() => expect(statuses(chat)).toEqual(['user:done', 'assistant:error']));
    await Promise.resolve();
    expect(requests).toHaveLength(0);
    online.value = true;
    await vi.waitFor(() => expect(statuses(chat)).toEqual(['user:done', 'assistant:done']));
    expect(chat.messages.peek()[1]!.content).toBe('answered after the reload');
    stop();
  });

  it('5. an answer arriving when the browser goes offline ends at once, keeps its text, says why, and is answered again when the connection is back', async () => {
    const online = signal(true);
    const { provider, requests } = scriptedProvider([(_request, live) => live.push({ type: 'text', delta: 'The first half' }), answer('The whole answer.')]);
    const chat = createChat({ provider, store: createChatStore({ backend: memoryBackend() }), connection: { online }, onError: () => undefined });
    const stop = sendWhenOnline(chat, { online });
    const sending = chat.send('asked');
    await vi.waitFor(() => expect(chat.messages.peek()[1]?.status).toBe('streaming'));
    online.value = false;
    await sending;
    const [, cut] = chat.messages.peek();
    expect({ status: cut?.status, kind: cut?.error?.kind, content: cut?.content }).toEqual({ status: 'error', kind: 'offline', content: 'The first half' });
    expect(chat.status.peek()).toBe('idle');
    expect(requests).toHaveLength(1);

    online.value = true;
    await vi.waitFor(() => expect(statuses(chat)).toEqual(['user:done', 'assistant:done']));
    expect(chat.messages.peek()[1]!.content).toBe('The whole answer.');
    expect(requests).toHaveLength(2);
    stop();
    await chat.dispose();
  });
});
