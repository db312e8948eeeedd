import { systemClock, type Clock } from '../clock';
import { messageOf, StreamError, TimeoutError } from './errors';
import { createSseParser } from './parse-sse';
import { untilAborted } from './until-aborted';

/** One server-sent event: its `event:` field (when given) and its `data:` text. */
export interface SseMessage {
  event: string | undefined;
  data: string;
}

/** Options of {@link readSse}. */
export interface ReadSseOptions {
  signal?: AbortSignal | undefined;
  /** Longest time without a message (comments and data-less blocks do not count) before the stream counts as stalled. Default 30 s. */
  stallTimeoutMs?: number | undefined;
  clock?: Clock | undefined;
}

const DEFAULT_STALL_MS = 30_000;

/**
 * Reads a `text/event-stream` body as messages (a body of another type is refused) (comments and data-less blocks such as
 * PulseAI's `event: ping` yield nothing). A final block the server did not terminate with a
 * blank line is still delivered, as PulseAI streams may end so.
 * Throws `TimeoutError` when the stream stalls, the signal's reason when aborted; breaking
 * out of the loop cancels the body.
 */
export async function* readSse(response: Response, options: ReadSseOptions = {}): AsyncGenerator<SseMessage> {
  // A 2xx that is not a stream is not the API's answer: a web page (a wrong URL answered by a
  // site's fallback page, a captive portal), a JSON body (an error, or a proxy that dropped
  // streaming). Read as events it would only end as an empty answer.
  const type = response.headers.get('Content-Type');
  if (type && !/event-stream/i.test(type)) {
    response.body?.cancel().catch(() => undefined);
    throw new StreamError(`${response.url || 'The server'} answered ${response.status} ${type} instead of an event stream: check the URL.`, { code: 'invalid_response' });
  }
  if (!response.body) throw new StreamError('The response has no body to stream.');
  const clock = options.clock ?? systemClock;
  const stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_MS;
  // Decoded here rather than through a TextDecoderStream pipe: a pipe drops the chunks it
  // holds when the body errors, and delays cancelling the body when the reader stops.
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  // Only a message moves the deadline: a server (or proxy) that sends nothing but keep-alive
  // comments or data-less pings forever is stalled, not slow.
  let deadline = clock.now() + stallMs;
  let unyielded = 0;
  try {
    for (;;) {
      // One read, given up when the stall limit passes or the signal aborts.
      const chunk = await untilAborted(
        reader.read().catch((error: unknown) => {
          throw new StreamError(`The stream broke off: ${messageOf(error)}`, { cause: error });
        }),
        options.signal,
        { clock, ms: deadline - clock.now(), error: () => new TimeoutError(stallMs, 'The stream (no message received)') },
      );
      if (chunk.done) break;
      const messages = parser.feed(decoder.decode(chunk.value, { stream: true }));
      if (messages.length) deadline = clock.now() + stallMs;
      for (const message of messages) {
        yield message;
        // A body that arrives faster than it is read is buffered, and every read() of it then
        // resolves at once: reading it and handling each message would run as one long chain
        // of microtasks, with no frame and no click (Stop) in between. A task boundary every
        // 32 KB of messages keeps the page responsive however fast the server writes.
        if ((unyielded += message.data.length) > 32_768) {
          unyielded = 0;
          await new Promise<void>((resolve) => clock.setTimeout(resolve, 0));
        }
      }
    }
    yield* parser.feed(`${decoder.decode()}\n\n`);
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
