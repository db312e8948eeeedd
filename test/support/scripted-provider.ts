import type { ChatProvider, ChatRequest, ReplyEvent } from '../../src/sdk/providers/chat-provider';

/** A reply the test feeds piece by piece: push events, then end or fail it. */
export interface LiveReply {
  push(...events: ReplyEvent[]): void;
  end(): void;
  fail(error: unknown): void;
}

type Turn = ReplyEvent[] | ((request: ChatRequest, live: LiveReply) => void);

/**
 * A provider that answers each turn from a script: a list of events, or a function that
 * drives a live reply (to test streaming, stop and abort). Records every request.
 */
export function scriptedProvider(turns: Turn[], extras: Partial<ChatProvider> = {}) {
  const requests: ChatRequest[] = [];
  const queue = [...turns];
  const provider: ChatProvider = {
    name: 'scripted',
    model: 'scripted-1',
    ...extras,
    async *stream(request) {
      requests.push(request);
      const turn = queue.shift() ?? [{ type: 'text', delta: 'default answer' }, { type: 'done', finishReason: 'stop' }];
      if (Array.isArray(turn)) {
        for (const event of turn) yield event;
        return;
      }
      const buffer: Array<ReplyEvent | { end: true } | { error: unknown }> = [];
      let wake: (() => void) | undefined;
      const add = (item: (typeof buffer)[number]) => {
        buffer.push(item);
        wake?.();
      };
      turn(request, { push: (...events) => events.forEach((event) => add(event)), end: () => add({ end: true }), fail: (error) => add({ error }) });
      const aborted = new Promise<never>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }));
      aborted.catch(() => undefined);
      for (;;) {
        while (buffer.length === 0) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        const item = buffer.shift()!;
        if ('end' in item) return;
        if ('error' in item) throw item.error;
        yield item;
      }
    },
  };
  return { provider, requests, queue };
}

/** Text pieces of an answer, then `done`. */
export const answer = (...pieces: string[]): ReplyEvent[] => [...pieces.map((delta) => ({ type: 'text' as const, delta })), { type: 'done', finishReason: 'stop' }];
