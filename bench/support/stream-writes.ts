/**
 * When the chat server wrote the last token of a streamed answer: the moment it "arrives"
 * (client and server share the machine, so the loopback adds well under a millisecond).
 * Node's `http.server.request.start` diagnostics channel hands over each response, and the
 * benchmark wraps that one response's `write` to note the time of every frame that carries
 * text. The reference server itself is untouched.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Epoch milliseconds with sub-millisecond precision, comparable with a page's `timeOrigin + now()`. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

const CHANNEL = 'http.server.request.start';
/** A chunk of streamed text, as opposed to the role chunk (`content: ""`), the finish chunk and `[DONE]`. */
const TEXT_FRAME = '"delta":{"content":"';

export interface StreamWrites {
  /** Epoch ms of the last text frame written in the latest completion stream. */
  lastTextWriteAt(): number | undefined;
  stop(): void;
}

export function watchStreamWrites(): StreamWrites {
  let last: number | undefined;
  const onRequest = (message: unknown) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) return;
    last = undefined;
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string' && chunk.includes(TEXT_FRAME)) last = epochNow();
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
  };
  subscribe(CHANNEL, onRequest);
  return {
    lastTextWriteAt: () => last,
    stop: () => void unsubscribe(CHANNEL, onRequest),
  };
}
