import { describe, expect, it, vi } from 'vitest';
import type { ReplyEvent } from '../../../src/sdk/providers/chat-provider';
import { customProvider } from '../../../src/sdk/providers/custom-provider';
import { openaiProvider } from '../../../src/sdk/providers/openai/openai-provider';
import { HttpError, StreamError, TimeoutError } from '../../../src/sdk/http/errors';
import { createFakeClock } from '../../support/fake-clock';
import { createFakeFetch, json, type Answer } from '../../support/fake-fetch';
import { dataLines, splitsAtEveryByte, sseResponse } from '../../support/sse';

const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1767225600,
  model: 'confab-docs',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

const ROLE = chunk({ role: 'assistant', content: '' });
const HELLO = chunk({ content: 'Hello' });
const WORLD = chunk({ content: ', wörld 🌍' });
const STOP = chunk({}, 'stop');
const links = { links: [{ url: 'https://example.com/a', title: 'A', breadcrumbs: ['Docs', 'A'] }, { url: 'https://example.com/b', label: 'B' }] };
const argumentsText = JSON.stringify(links);
const TOOL_START = chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'provideLinks', arguments: '' } }] });
const TOOL_PART_1 = chunk({ tool_calls: [{ index: 0, function: { arguments: argumentsText.slice(0, 20) } }] });
const TOOL_PART_2 = chunk({ tool_calls: [{ index: 0, function: { arguments: argumentsText.slice(20) } }] });
const TOOL_STOP = chunk({}, 'tool_calls');
const USAGE = { id: 'chatcmpl-1', object: 'chat.completion.chunk', model: 'confab-docs', choices: [], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } };

const TEXT_EVENTS: ReplyEvent[] = [
  { type: 'meta', model: 'confab-docs' },
  { type: 'text', delta: 'Hello' },
  { type: 'text', delta: ', wörld 🌍' },
];
const SOURCES: ReplyEvent = {
  type: 'sources',
  sources: [
    { url: 'https://example.com/a', title: 'A', breadcrumbs: ['Docs', 'A'], description: undefined, type: undefined },
    { url: 'https://example.com/b', title: 'B', breadcrumbs: undefined, description: undefined, type: undefined },
  ],
};

async function collect(answer: Answer, options: { stallTimeoutMs?: number; clock?: ReturnType<typeof createFakeClock> } = {}) {
  const fake = createFakeFetch([answer]);
  const provider = openaiProvider({ baseUrl: 'http://chat.test/v1', model: 'confab-docs', apiKey: 'sk-test', fetch: fake.fetch, ...options });
  const events: ReplyEvent[] = [];
  try {
    for await (const event of provider.stream({ messages: [{ role: 'user', content: 'Hi' }], signal: new AbortController().signal })) events.push(event);
    return { events, error: undefined, fake };
  } catch (error) {
    return { events, error, fake };
  }
}

interface Row {
  n: number;
  name: string;
  body: () => Response;
  events: ReplyEvent[];
  error?: { type: new (...args: never[]) => Error; code: string; message?: RegExp };
}

const rows: Row[] = [
  { n: 1, name: 'content deltas then [DONE]', body: () => sseResponse([dataLines(ROLE, HELLO, WORLD, STOP, '[DONE]')]), events: [...TEXT_EVENTS, { type: 'done', finishReason: 'stop' }] },
  { n: 2, name: 'a stream that just closes after its finish reason (no [DONE])', body: () => sseResponse([dataLines(ROLE, HELLO, WORLD, STOP)]), events: [...TEXT_EVENTS, { type: 'done', finishReason: 'stop' }] },
  {
    n: 17,
    name: 'a stream that closes with neither [DONE] nor a finish reason was cut mid-answer: stream_incomplete',
    body: () => sseResponse([dataLines(ROLE, HELLO, WORLD)]),
    events: TEXT_EVENTS,
    error: { type: StreamError, code: 'stream_incomplete', message: /closed before it finished/ },
  },
  {
    n: 18,
    name: 'a provideLinks call whose arguments are not JSON keeps the answer and the call, without sources',
    body: () => sseResponse([dataLines(ROLE, HELLO, chunk({ tool_calls: [{ index: 0, id: 'call_x', function: { name: 'provideLinks', arguments: '{"links": [' } }] }), TOOL_STOP, '[DONE]')]),
    events: [{ type: 'meta', model: 'confab-docs' }, { type: 'text', delta: 'Hello' }, { type: 'tool-call', toolCall: { id: 'call_x', name: 'provideLinks', arguments: '{"links": [' } }, { type: 'done', finishReason: 'tool_calls' }],
  },
  {
    n: 3,
    name: 'comment keep-alives between chunks',
    body: () => sseResponse([': keep-alive\n\n', dataLines(ROLE), ': ping\n\n', dataLines(HELLO, WORLD), ':\n\n', dataLines(STOP, '[DONE]')]),
    events: [...TEXT_EVENTS, { type: 'done', finishReason: 'stop' }],
  },
  {
    n: 4,
    name: 'a usage chunk before [DONE]',
    body: () => sseResponse([dataLines(ROLE, HELLO, WORLD, STOP, USAGE, '[DONE]')]),
    events: [...TEXT_EVENTS, { type: 'usage', usage: { promptTokens: 12, completionTokens: 3, totalTokens: 15 } }, { type: 'done', finishReason: 'stop' }],
  },
  {
    n: 5,
    name: 'a provideLinks tool call in pieces becomes the sources',
    body: () => sseResponse([dataLines(ROLE, HELLO, WORLD, TOOL_START, TOOL_PART_1, TOOL_PART_2, TOOL_STOP, '[DONE]')]),
    events: [...TEXT_EVENTS, { type: 'tool-call', toolCall: { id: 'call_1', name: 'provideLinks', arguments: argumentsText } }, SOURCES, { type: 'done', finishReason: 'tool_calls' }],
  },
  {
    n: 6,
    name: 'another tool call is logged, not turned into sources',
    body: () => sseResponse([dataLines(chunk({ tool_calls: [{ index: 0, id: 'call_w', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] }), TOOL_STOP, '[DONE]')]),
    events: [{ type: 'meta', model: 'confab-docs' }, { type: 'tool-call', toolCall: { id: 'call_w', name: 'weather', arguments: '{"city":"Oslo"}' } }, { type: 'done', finishReason: 'tool_calls' }],
  },
  {
    n: 7,
    name: 'an error JSON during the stream',
    body: () => sseResponse([dataLines(ROLE, HELLO, { error: { message: 'Upstream overloaded', type: 'server_error', code: 'overloaded' } })]),
    events: [{ type: 'meta', model: 'confab-docs' }, { type: 'text', delta: 'Hello' }],
    error: { type: StreamError, code: 'overloaded', message: /Upstream overloaded/ },
  },
  {
    n: 8,
    name: 'an error JSON instead of a stream (401)',
    body: () => json(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } }),
    events: [],
    error: { type: HttpError, code: 'invalid_api_key', message: /Incorrect API key/ },
  },
  {
    n: 9,
    name: 'a 429 with Retry-After before the stream',
    body: () => json(429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, { 'Retry-After': '2' }),
    events: [],
    error: { type: HttpError, code: 'rate_limit_exceeded' },
  },
  {
    n: 10,
    name: 'a malformed data line',
    body: () => sseResponse([dataLines(ROLE, HELLO), 'data: {"choices": [\n\n']),
    events: [{ type: 'meta', model: 'confab-docs' }, { type: 'text', delta: 'Hello' }],
    error: { type: StreamError, code: 'malformed_event', message: /not JSON/ },
  },
  {
    n: 11,
    name: 'the connection drops mid-stream',
    body: () => sseResponse([dataLines(ROLE, HELLO)], { breakAtEnd: true }),
    events: [{ type: 'meta', model: 'confab-docs' }, { type: 'text', delta: 'Hello' }],
    error: { type: StreamError, code: 'stream_error', message: /broke off/ },
  },
  {
    n: 12,
    name: 'CRLF line endings',
    body: () => sseResponse([dataLines(ROLE, HELLO, WORLD, STOP, '[DONE]').replace(/\n/g, '\r\n')]),
    events: [...TEXT_EVENTS, { type: 'done', finishReason: 'stop' }],
  },
  {
    n: 13,
    name: 'finish_reason length is passed on',
    body: () => sseResponse([dataLines(ROLE, HELLO, chunk({}, 'length'), '[DONE]')]),
    events: [{ type: 'meta', model: 'confab-docs' }, { type: 'text', delta: 'Hello' }, { type: 'done', finishReason: 'length' }],
  },
  // Issue 11, item 9: a 2xx that is not an answer ends as an error (with Retry in the widget), never as an empty finished answer.
  {
    n: 19,
    name: 'a 200 text/html page (a wrong chat-url answered by the site\'s fallback page) is refused',
    body: () => new Response('<!doctype html><html><body><div id="app"></div></body></html>', { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    events: [],
    error: { type: StreamError, code: 'invalid_response', message: /answered 200 text\/html; charset=utf-8 instead of an event stream/ },
  },
  {
    n: 20,
    name: 'a 200 application/json error body is refused, not read as an empty stream',
    body: () => json(200, { error: { message: 'Model not loaded', type: 'server_error', code: 'model_not_loaded' } }),
    events: [],
    error: { type: StreamError, code: 'invalid_response', message: /answered 200 application\/json instead of an event stream/ },
  },
  {
    n: 21,
    name: 'a stream of [DONE] alone is no answer',
    body: () => sseResponse([dataLines('[DONE]')]),
    events: [],
    error: { type: StreamError, code: 'empty_answer', message: /without any answer text/ },
  },
  {
    n: 22,
    name: 'a role chunk and a finish reason with no content in between is no answer',
    body: () => sseResponse([dataLines(ROLE, STOP, '[DONE]')]),
    events: [{ type: 'meta', model: 'confab-docs' }],
    error: { type: StreamError, code: 'empty_answer', message: /finish_reason stop/ },
  },
];

describe('openaiProvider: SSE cases', () => {
  it.each(rows)('row $n: $name', async (row) => {
    const { events, error } = await collect(row.body());
    expect(events).toEqual(row.events);
    if (!row.error) return expect(error).toBeUndefined();
    expect(error).toBeInstanceOf(row.error.type);
    expect(error).toMatchObject({ code: row.error.code });
    if (row.error.message) expect((error as Error).message).toMatch(row.error.message);
  });

  it('row 14: split at every byte boundary (multi-byte text included), the events are the same', async () => {
    const text = dataLines(ROLE, HELLO, WORLD, TOOL_START, TOOL_PART_1, TOOL_PART_2, TOOL_STOP, '[DONE]');
    const expected = (await collect(sseResponse([text]))).events;
    for (const [head, tail] of splitsAtEveryByte(text)) {
      expect((await collect(sseResponse([head, tail]))).events).toEqual(expected);
    }
    expect(expected).toContainEqual(SOURCES);
  });

  it('row 15: a stalled stream times out', async () => {
    const clock = createFakeClock();
    const running = collect(sseResponse([dataLines(ROLE, HELLO)], { stallAtEnd: true }), { stallTimeoutMs: 5_000, clock });
    // The stall timer, not the request's timeout (cleared once the response arrived).
    await vi.waitFor(() => expect(clock.timers.map((timer) => timer.at - clock.now())).toEqual([5_000]));
    clock.advance(5_000);
    const { events, error } = await running;
    expect(events).toEqual([{ type: 'meta', model: 'confab-docs' }, { type: 'text', delta: 'Hello' }]);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('row 16: aborting mid-stream rejects with the reason and cancels the body', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(dataLines(ROLE, HELLO)));
      },
      cancel() {
        cancelled = true;
      },
    });
    const fake = createFakeFetch([new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })]);
    const provider = openaiProvider({ baseUrl: 'http://chat.test/v1', model: 'm', fetch: fake.fetch });
    const controller = new AbortController();
    const seen: ReplyEvent[] = [];
    const reading = (async () => {
      for await (const event of provider.stream({ messages: [{ role: 'user', content: 'Hi' }], signal: controller.signal })) {
        seen.push(event);
        if (event.type === 'text') controller.abort(new Error('stopped by the user'));
      }
    })();
    await expect(reading).rejects.toThrow('stopped by the user');
    expect(seen.at(-1)).toEqual({ type: 'text', delta: 'Hello' });
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });
});

describe('openaiProvider: the request', () => {
  it('posts model, stream, system prompt, history and extra body fields, with the key', async () => {
    const fake = createFakeFetch([sseResponse([dataLines(HELLO, STOP, '[DONE]')])]);
    const provider = openaiProvider({
      baseUrl: 'http://chat.test/v1/',
      model: 'llama3.2',
      apiKey: 'sk-1',
      headers: { 'X-Proxy': 'yes' },
      body: { temperature: 0.2 },
      systemPrompt: 'You answer about confab.',
      fetch: fake.fetch,
    });
    const messages = [
      { role: 'user' as const, content: 'Hi' },
      { role: 'assistant' as const, content: 'Hello' },
      { role: 'user' as const, content: 'How?' },
    ];
    for await (const _ of provider.stream({ messages, signal: new AbortController().signal })) void _;
    expect(fake.requests[0]).toMatchObject({ method: 'POST', url: 'http://chat.test/v1/chat/completions', headers: { authorization: 'Bearer sk-1', 'x-proxy': 'yes', 'content-type': 'application/json' } });
    expect(JSON.parse(fake.requests[0]!.body!)).toEqual({ temperature: 0.2, model: 'llama3.2', stream: true, messages: [{ role: 'system', content: 'You answer about confab.' }, ...messages] });
  });

  it('sends no Authorization header without a key (local servers need none)', async () => {
    const fake = createFakeFetch([sseResponse([dataLines(HELLO, STOP)])]);
    const provider = openaiProvider({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.2', fetch: fake.fetch });
    for await (const _ of provider.stream({ messages: [{ role: 'user', content: 'Hi' }], signal: new AbortController().signal })) void _;
    expect(fake.requests[0]!.headers['authorization']).toBeUndefined();
  });
});

describe('customProvider', () => {
  it('turns text pieces into events and adds done', async () => {
    const provider = customProvider(async function* ({ messages }) {
      yield 'You said: ';
      yield messages.at(-1)!.content;
      yield { type: 'sources', sources: [{ url: 'https://example.com' }] } as const;
    });
    const events: ReplyEvent[] = [];
    for await (const event of provider.stream({ messages: [{ role: 'user', content: 'hi' }], signal: new AbortController().signal })) events.push(event);
    expect(events).toEqual([
      { type: 'text', delta: 'You said: ' },
      { type: 'text', delta: 'hi' },
      { type: 'sources', sources: [{ url: 'https://example.com' }] },
      { type: 'done', finishReason: 'stop' },
    ]);
    expect(provider.name).toBe('custom');
  });

  it('keeps a done it was given, and passes capabilities through', async () => {
    const suggestions = vi.fn(async () => ['More?']);
    const provider = customProvider(() => ['a', { type: 'done', finishReason: 'length' }], { name: 'mine', suggestions });
    const events: ReplyEvent[] = [];
    for await (const event of provider.stream({ messages: [], signal: new AbortController().signal })) events.push(event);
    expect(events).toEqual([{ type: 'text', delta: 'a' }, { type: 'done', finishReason: 'length' }]);
    expect(provider.name).toBe('mine');
    expect(await provider.suggestions?.('m1')).toEqual(['More?']);
  });

  it('stops at an abort', async () => {
    const controller = new AbortController();
    const provider = customProvider(function* () {
      yield 'one';
      controller.abort(new Error('stop'));
      yield 'two';
    });
    const events: ReplyEvent[] = [];
    await expect(
      (async () => {
        for await (const event of provider.stream({ messages: [], signal: controller.signal })) events.push(event);
      })(),
    ).rejects.toThrow('stop');
    expect(events).toEqual([{ type: 'text', delta: 'one' }]);
  });
});
