import type { SseMessage } from './read-sse';

const LINE_END = /\r\n?|\n/g;

/**
 * An incremental `text/event-stream` parser after the WHATWG rules: `feed` takes decoded text in
 * any chunking and returns the messages it completed. Only `event` and `data` matter to the
 * readers here, so `id`, `retry` and unknown fields are ignored, as are comments; a block
 * without `data` dispatches nothing. The byte-order mark is left to `TextDecoder`, which drops it.
 *
 * Each chunk is scanned once: the start of a line still open is kept and only the new text is
 * searched for its end, so a line costs its length whatever the chunking (re-splitting the
 * open line with every chunk made one 2 MB line in 1 KB chunks cost seconds).
 */
export function createSseParser(): { feed(text: string): SseMessage[] } {
  let unfinished = '';
  // A CR that ended the last chunk: an LF opening this one belongs to the same line end.
  let afterCr = false;
  let event: string | undefined;
  let data: string | undefined;
  return {
    feed(text) {
      const messages: SseMessage[] = [];
      let start = +(afterCr && text[0] === '\n');
      // An empty chunk (bytes that decode to nothing yet) keeps the CR pending.
      afterCr &&= !text;
      LINE_END.lastIndex = start;
      for (let end; (end = LINE_END.exec(text)); start = LINE_END.lastIndex) {
        const line = unfinished + text.slice(start, end.index);
        unfinished = '';
        afterCr = end[0] === '\r' && LINE_END.lastIndex === text.length;
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
      unfinished += text.slice(start);
      return messages;
    },
  };
}
