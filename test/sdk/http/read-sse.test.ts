import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../../../src/sdk/http/errors';
import { readSse, type SseMessage } from '../../../src/sdk/http/read-sse';
import { createFakeClock } from '../../support/fake-clock';

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

  it('9. an empty chunk between a CR and its LF keeps them one line end', async () => {
    expect(await read(['data: a\r', new Uint8Array(0), '\ndata: b\n\n'])).toEqual([{ event: undefined, data: 'a\nb' }]);
  });

  it('10. keeps a 2 MB line sent in 1 KB chunks whole (its cost is measured in bench/sse-parse.ts)', async () => {
    const line = 'x'.repeat(2 * 1024 * 1024);
    const text = `data: ${line}\n\n`;
    const chunks = Array.from({ length: Math.ceil(text.length / 1024) }, (_, k) => text.slice(k * 1024, (k + 1) * 1024));
    const messages = await read(chunks);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.data.length).toBe(line.length);
  });
});

// Issue 11, item 10: a body that arrives faster than it is read must not be consumed in one
// task: a click on Stop, and the next frame, must get their turn.
describe('readSse: a fast body', () => {
  it('gives the event loop a turn at least every 32 KB of messages', async () => {
    const event = `data: {"choices":[{"delta":{"content":"${'x'.repeat(200)}"}}]}\n\n`;
    let turns = 0;
    const seenAtTurn: number[] = [];
    let count = 0;
    const tick = () =>
      setTimeout(() => {
        turns++;
        seenAtTurn.push(count);
        if (turns < 50) tick();
      }, 0);
    tick();
    for await (const _ of readSse(streamOf([event.repeat(2_000)]))) count++;
    expect(count).toBe(2_000);
    // 2,000 messages of ~230 characters: about 460 KB, so at least a dozen turns in between.
    const during = seenAtTurn.filter((seen) => seen < count);
    expect(during.length).toBeGreaterThan(10);
    for (let k = 1; k < during.length; k++) expect(during[k]! - during[k - 1]!).toBeLessThanOrEqual(Math.ceil(32_768 / 230) + 1);
  });
});

// Issue 11, item 11: a stall is judged on messages, so keep-alive comments forever do not keep an answer "Thinking…".
describe('readSse: the stall limit', () => {
  /** A body the test writes to, and the outcome of reading it with a 30 s stall limit on a fake clock. */
  function stream() {
    const clock = createFakeClock();
    let write!: (text: string) => void;
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void (write = (text) => controller.enqueue(new TextEncoder().encode(text))) });
    const messages: SseMessage[] = [];
    const outcome = (async () => {
      for await (const message of readSse(new Response(body), { stallTimeoutMs: 30_000, clock })) messages.push(message);
    })().then(
      () => 'ended',
      (error: unknown) => error,
    );
    // A macrotask: the stream, the parser and the generator have handled what was written.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const state = async () => {
      await settle();
      return Promise.race([outcome, settle().then(() => 'reading')]);
    };
    return { clock, write, messages, state };
  }

  it('1. comments alone, however often, end in a TimeoutError 30 s after the last message', async () => {
    const { clock, write, messages, state } = stream();
    write('data: first\n\n');
    await state();
    for (let second = 9; second <= 27; second += 9) {
      clock.advance(9_000);
      write(': keep-alive\n\n');
      expect(await state(), `after ${second} s`).toBe('reading');
    }
    clock.advance(2_999);
    expect(await state()).toBe('reading');
    clock.advance(1);
    expect(await state()).toBeInstanceOf(TimeoutError);
    expect(messages).toEqual([{ event: undefined, data: 'first' }]);
  });

  it('2. a data-less block (PulseAI\'s `event: ping`) does not count either; a message starts the limit again', async () => {
    const { clock, write, state } = stream();
    write('data: first\n\n');
    await state();
    clock.advance(20_000);
    write('event: ping\n\n');
    await state();
    clock.advance(9_000);
    write('data: second\n\n');
    await state();
    clock.advance(29_999);
    expect(await state()).toBe('reading');
    clock.advance(1);
    expect(await state()).toMatchObject({ constructor: TimeoutError, message: expect.stringMatching(/no message received/) });
  });
});
