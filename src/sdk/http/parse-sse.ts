import type { SseMessage } from './read-sse';

/** Splits at CRLF, CR or LF; a CR that ends the text waits, as an LF may follow in the next chunk. */
const LINE_END = /\r\n|\r(?!$)|\n/;

/**
 * An incremental `text/event-stream` parser after the WHATWG rules: `feed` takes decoded text in
 * any chunking and returns the messages it completed. Only `event` and `data` matter to the
 * readers here, so `id`, `retry` and unknown fields are ignored, as are comments; a block
 * without `data` dispatches nothing. The byte-order mark is left to `TextDecoder`, which drops it.
 */
export function createSseParser(): { feed(text: string): SseMessage[] } {
  let unfinished = '';
  let event: string | undefined;
  let data: string | undefined;
  return {
    feed(text) {
      const messages: SseMessage[] = [];
      const lines = (unfinished + text).split(LINE_END);
      unfinished = lines.pop() as string;
      for (const line of lines) {
        if (!line) {
          if (data !== undefined) messages.push({ event, data });
          event = data = undefined;
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(line[colon + 1] === ' ' ? colon + 2 : colon + 1);
        if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
        else if (field === 'event') event = value || undefined;
      }
      return messages;
    },
  };
}
