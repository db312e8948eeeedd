import { describe, expect, it } from 'vitest';
import { readSse, type SseMessage } from '../../../src/sdk/http/read-sse';

/** A response whose body arrives in exactly these chunks, each encoded as UTF-8. */
function streamOf(chunks: Array<string | Uint8Array>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

async function read(chunks: Array<string | Uint8Array>): Promise<SseMessage[]> {
  const messages: SseMessage[] = [];
  for await (const message of readSse(streamOf(chunks))) messages.push(message);
  return messages;
}

/** Every way to cut the text in two, so no split point (inside a CRLF, a field name, a UTF-8 sequence) is special. */
async function readAtEverySplit(text: string): Promise<SseMessage[][]> {
  const bytes = new TextEncoder().encode(text);
  const results: SseMessage[][] = [];
  for (let cut = 0; cut <= bytes.length; cut++) results.push(await read([bytes.slice(0, cut), bytes.slice(cut)]));
  return results;
}

describe('readSse', () => {
  it.each([
    ['LF', 'data: one\n\ndata: two\n\n'],
    ['CRLF', 'data: one\r\n\r\ndata: two\r\n\r\n'],
    ['CR', 'data: one\r\rdata: two\r\r'],
    ['mixed', 'data: one\r\n\rdata: two\n\r\n'],
  ])('1. ends lines at %s', async (_name, text) => {
    expect(await read([text])).toEqual([
      { event: undefined, data: 'one' },
      { event: undefined, data: 'two' },
    ]);
  });

  it('2. joins data lines with LF and strips exactly one space after the colon', async () => {
    expect(await read(['data:a\ndata:  b\ndata\ndata: \n\n'])).toEqual([{ event: undefined, data: 'a\n b\n\n' }]);
  });

  it('3. carries the event name with its block only', async () => {
    expect(await read(['event: message_end\ndata: {}\n\ndata: plain\n\nevent:\ndata: x\n\n'])).toEqual([
      { event: 'message_end', data: '{}' },
      { event: undefined, data: 'plain' },
      { event: undefined, data: 'x' },
    ]);
  });

  it('4. yields nothing for comments, data-less blocks, id, retry and unknown fields', async () => {
    expect(await read([': keep-alive\n\nevent: ping\n\nid: 7\nretry: 10\nfoo: bar\ndata: kept\n\n'])).toEqual([{ event: undefined, data: 'kept' }]);
  });

  it('5. delivers a final block the server did not end with a blank line', async () => {
    expect(await read(['data: first\n\nevent: end\ndata: last'])).toEqual([
      { event: undefined, data: 'first' },
      { event: 'end', data: 'last' },
    ]);
    expect(await read(['data: last\r'])).toEqual([{ event: undefined, data: 'last' }]);
  });

  it('6. gives the same messages however the bytes are cut', async () => {
    const text = '\uFEFFevent: answer\r\ndata: grüße 👋\r\n\r\n: note\rdata: a\rdata: b\r\rdata: c\n\n';
    const expected = [
      { event: 'answer', data: 'grüße 👋' },
      { event: undefined, data: 'a\nb' },
      { event: undefined, data: 'c' },
    ];
    for (const messages of await readAtEverySplit(text)) expect(messages).toEqual(expected);
  });

  it('7. a CR at the end of one chunk and an LF at the start of the next are one line end', async () => {
    expect(await read(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([{ event: undefined, data: 'a\nb' }]);
  });

  it('8. keeps a line delivered one character at a time', async () => {
    expect(await read([...'event: e\ndata: slow\n\n'])).toEqual([{ event: 'e', data: 'slow' }]);
  });
});
