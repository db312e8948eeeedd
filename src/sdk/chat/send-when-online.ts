import { effect } from '@preact/signals-core';
import type { Chat } from './chat-interface';
import type { ChatMessage } from './chat-types';
import type { Connection } from './connection';

const failedOffline = (message: ChatMessage) => message.role === 'assistant' && message.status === 'error' && message.error?.kind === 'offline';

/**
 * Sends the questions asked without a connection once it is back: every answer of the open
 * conversation that failed for want of a connection is answered again, oldest first, when the
 * browser goes online. The question was kept in the store when it was asked, so a reload
 * loses nothing: an answer found failed that way when a conversation loads is answered again
 * as soon as the browser is online. One that failed in this page while the browser said it was
 * online (a network that fails silently) waits for the reader's Retry, or for the browser to
 * go offline and back. Returns the function that stops watching.
 */
export function sendWhenOnline(chat: Chat, connection: Connection): () => void {
  /** Answers seen arriving in this page, and those that failed then while the browser was online. */
  const arriving = new Set<string>();
  const silent = new Set<string>();
  let sending = false;
  let wasOnline = connection.online.peek();

  async function sendQueued() {
    sending = true;
    try {
      for (;;) {
        const next = chat.messages.peek().find((message) => failedOffline(message) && !silent.has(message.id));
        if (!next || !connection.online.peek()) return;
        // Marked first: a retry that fails again for want of a connection is not retried in a loop.
        silent.add(next.id);
        await chat.retry(next.id);
      }
    } finally {
      sending = false;
    }
  }

  return effect(() => {
    const online = connection.online.value;
    const messages = chat.messages.value;
    if (online && !wasOnline) silent.clear();
    wasOnline = online;
    for (const message of messages) {
      if (message.status === 'pending' || message.status === 'streaming') arriving.add(message.id);
      else if (arriving.delete(message.id) && failedOffline(message) && online) silent.add(message.id);
    }
    if (online && !sending && chat.status.peek() !== 'streaming' && messages.some((message) => failedOffline(message) && !silent.has(message.id))) {
      // After the effect: the retry writes the signals this effect reads.
      queueMicrotask(() => void sendQueued().catch(() => undefined));
    }
  });
}
