import type { ChatProvider, ChatRequest, ReplyEvent } from './chat-provider';

/** What a custom backend function returns: text pieces, reply events, or a mix. */
export type CustomReply = AsyncIterable<string | ReplyEvent> | Iterable<string | ReplyEvent>;

/** Options of {@link customProvider}: a name to log, and any optional capability. */
export type CustomProviderOptions = Partial<Omit<ChatProvider, 'stream'>>;

/**
 * A provider from a function, for any backend confab does not speak: return (or resolve
 * to) an iterable of text pieces or reply events. A `done` event is added when missing.
 *
 * ```ts
 * customProvider(async function* ({ messages, signal }) {
 *   const response = await fetch('/my-chat', { method: 'POST', body: JSON.stringify(messages), signal });
 *   yield await response.text();
 * });
 * ```
 */
export function customProvider(
  reply: (request: ChatRequest) => CustomReply | Promise<CustomReply>,
  options: CustomProviderOptions = {},
): ChatProvider {
  return {
    ...options,
    name: options.name ?? 'custom',
    async *stream(request) {
      let done = false;
      for await (const piece of await reply(request)) {
        if (request.signal.aborted) throw request.signal.reason;
        const event: ReplyEvent = typeof piece === 'string' ? { type: 'text', delta: piece } : piece;
        done ||= event.type === 'done';
        yield event;
      }
      if (!done) yield { type: 'done', finishReason: 'stop' };
    },
  };
}
