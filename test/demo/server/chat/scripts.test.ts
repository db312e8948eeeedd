import { describe, expect, it } from 'vitest';
import { corpusKnowledgeBase } from '../../../server/knowledge/corpus-fixture';
import { completionRequest, contentOf, parseSse, postCompletion, readFrames, readSse, toolArgumentsOf, useChat } from './chat-fixtures';

const knowledge = corpusKnowledgeBase();
const harness = useChat({ knowledge });
const streamed = (overrides: Record<string, unknown> = {}) => postCompletion(harness().base, completionRequest({ stream: true, ...overrides }));
const script = (body: unknown) =>
  fetch(`${harness().base}/__script`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('__script: one script shapes the next completion only', () => {
  it('1. error-before: a JSON error with the scripted status instead of a stream (default 500)', async () => {
    await script({ mode: 'error-before', status: 503, message: 'Overloaded' });
    harness().chat.script('error-before');
    const first = await streamed();
    expect(first.status).toBe(503);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await first.json()).toEqual({ error: { message: 'Overloaded', type: 'server_error', param: null, code: 'service_unavailable' } });
    const second = await streamed();
    expect(second.status).toBe(500);
    expect((await second.json()).error.type).toBe('server_error');
    expect((await streamed()).status).toBe(200);
  });

  it('2. rate-limit: 429 with Retry-After: 1 and code rate_limit_exceeded', async () => {
    harness().chat.script('rate-limit');
    const response = await streamed();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect((await response.json()).error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
  });

  it('3. error-mid-stream: some chunks, then data: {"error": …}, then the stream closes without [DONE]', async () => {
    harness().chat.script({ mode: 'error-mid-stream', afterChunks: 4, message: 'boom' });
    const sse = await readSse(await streamed());
    expect(sse.data).toHaveLength(5);
    expect(sse.data.slice(0, 4).every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(sse.data[4]).toEqual({ error: { message: 'boom', type: 'server_error', param: null, code: 'internal_error' } });
    expect(sse.raw).not.toContain('[DONE]');
  });

  it('4. no-done: the whole answer, then the stream just closes', async () => {
    harness().chat.script('no-done');
    const sse = await readSse(await streamed());
    expect(sse.raw).not.toContain('[DONE]');
    expect(sse.data.at(-1).choices[0].finish_reason).toBe('tool_calls');
    expect(contentOf(sse.data)).toBe(knowledge.answer('How do retries work?').text);
  });

  it('5. keepalive-comments: ": keep-alive" comment frames between the chunks, the data unchanged', async () => {
    harness().chat.script('keepalive-comments');
    const sse = await readSse(await streamed());
    const comments = sse.frames.filter((frame) => frame === ': keep-alive');
    expect(comments.length).toBe(sse.data.length - 1);
    expect(sse.frames[0]?.startsWith('data: ')).toBe(true);
    expect(sse.frames.filter((frame) => frame !== ': keep-alive').every((frame) => frame.startsWith('data: '))).toBe(true);
    expect(contentOf(sse.data.slice(0, -1))).toBe(knowledge.answer('How do retries work?').text);
    expect(sse.data.at(-1)).toBe('[DONE]');
  });

  it('6. usage-chunk: a usage chunk although the request did not ask for one', async () => {
    harness().chat.script('usage-chunk');
    const data = (await readSse(await streamed())).data;
    expect(data.at(-2)).toMatchObject({ choices: [], usage: { prompt_tokens: 9 } });
  });

  it('7. stall: some chunks, then nothing, the connection open until the client aborts', async () => {
    harness().chat.script({ mode: 'stall', afterChunks: 2 });
    const response = await streamed();
    const { text, reader } = await readFrames(response, 2);
    expect(parseSse(text).data).toHaveLength(2);
    const more = reader.read();
    const outcome = await Promise.race([more.then(() => 'data'), new Promise((resolve) => setTimeout(resolve, 150, 'silent'))]);
    expect(outcome).toBe('silent');
    await reader.cancel();
    await expect.poll(() => harness().chat.stats.snapshot().byStatus.dropped).toBe(1);
  });

  it('8. abrupt-close: some chunks, then the socket is destroyed (the body read fails)', async () => {
    harness().chat.script({ mode: 'abrupt-close', afterChunks: 3 });
    const response = await streamed();
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('9. long: exactly N words, no tool call, finish_reason stop', async () => {
    harness().chat.script({ mode: 'long', tokens: 500 });
    const data = (await readSse(await streamed())).data.slice(0, -1);
    const words = data.filter((chunk) => chunk.choices[0].delta.content);
    expect(words).toHaveLength(500);
    expect(contentOf(data).split(' ')).toHaveLength(500);
    expect(data.at(-1).choices[0].finish_reason).toBe('stop');
  });

  it('9b. long with paragraphWords: the same N words, a blank line before every paragraph after the first', async () => {
    harness().chat.script({ mode: 'long', tokens: 250, paragraphWords: 100 });
    const data = (await readSse(await streamed())).data.slice(0, -1);
    const paragraphs = contentOf(data).split('\n\n');
    expect(paragraphs.map((paragraph) => paragraph.split(' ').length)).toEqual([100, 100, 50]);
  });

  it('10. tool-calls-only: content null, only the provideLinks call, finish_reason tool_calls', async () => {
    harness().chat.script('tool-calls-only');
    const data = (await readSse(await streamed())).data.slice(0, -1);
    expect(data[0].choices[0].delta).toEqual({ role: 'assistant', content: null });
    expect(data.some((chunk) => typeof chunk.choices[0].delta.content === 'string')).toBe(false);
    expect(JSON.parse(toolArgumentsOf(data)).links.length).toBeGreaterThan(0);
    expect(data.at(-1).choices[0].finish_reason).toBe('tool_calls');
    harness().chat.script('tool-calls-only');
    const plain = await (await postCompletion(harness().base, completionRequest())).json();
    expect(plain.choices[0].message.content).toBeNull();
    expect(plain.choices[0].message.tool_calls[0].function.name).toBe('provideLinks');
  });

  it('11. reply: the given text streamed word by word (or chunkWords words a chunk), its sources in provideLinks; whole when not streaming', async () => {
    const text = 'A **hostile**\n\n<img src=x onerror=alert(1)>  [x](javascript:alert(1)) ';
    await script({ mode: 'reply', text });
    const data = (await readSse(await streamed())).data.slice(0, -1);
    const words = data.filter((chunk) => typeof chunk.choices[0].delta.content === 'string' && chunk.choices[0].delta.content !== '');
    expect(words.map((chunk) => chunk.choices[0].delta.content)).toEqual(['A', ' **hostile**', '\n\n<img', ' src=x', ' onerror=alert(1)>', '  [x](javascript:alert(1)) ']);
    expect(contentOf(data)).toBe(text);
    expect(toolArgumentsOf(data)).toBe('');
    expect(data.at(-1).choices[0].finish_reason).toBe('stop');

    const source = { url: 'javascript:alert(1)', title: '<b>t</b>', description: 'd', breadcrumbs: ['a', 'b'] };
    harness().chat.script({ mode: 'reply', text: 'plain', sources: [source] });
    const plain = await (await postCompletion(harness().base, completionRequest())).json();
    expect(plain.choices[0].message.content).toBe('plain');
    expect(JSON.parse(plain.choices[0].message.tool_calls[0].function.arguments)).toEqual({ links: [{ ...source, type: 'documentation' }] });

    await script({ mode: 'reply', text, chunkWords: 4 });
    const chunked = (await readSse(await streamed())).data.slice(0, -1);
    const pieces = chunked.filter((chunk) => typeof chunk.choices[0].delta.content === 'string' && chunk.choices[0].delta.content !== '');
    expect(pieces.map((chunk) => chunk.choices[0].delta.content), 'chunkWords: four words a chunk').toEqual(['A **hostile**\n\n<img src=x', ' onerror=alert(1)>  [x](javascript:alert(1)) ']);
    expect(contentOf(chunked)).toBe(text);

    expect((await script({ mode: 'reply', text: '' })).status).toBe(422);
    expect((await script({ mode: 'reply' })).status).toBe(422);
    expect((await script({ mode: 'reply', text, chunkWords: 0 })).status).toBe(422);
    expect(() => harness().chat.script({ mode: 'reply', text: 'x'.repeat(2_000_001) })).toThrow(RangeError);
  });

  it('12. stream-only scripts on a non-streaming request: error-mid-stream → 500, abrupt-close → dropped', async () => {
    harness().chat.script('error-mid-stream');
    expect((await postCompletion(harness().base, completionRequest())).status).toBe(500);
    harness().chat.script('abrupt-close');
    await expect(postCompletion(harness().base, completionRequest())).rejects.toThrow(TypeError);
  });

  it('13. scripts queue in order; GET lists them, DELETE clears them; a bad script is a 422', async () => {
    await script({ mode: 'rate-limit' });
    await script({ mode: 'long', tokens: 3 });
    const pending = await (await fetch(`${harness().base}/__script`)).json();
    expect(pending).toEqual({ pending: [{ mode: 'rate-limit' }, { mode: 'long', tokens: 3 }] });
    expect((await streamed()).status).toBe(429);
    await fetch(`${harness().base}/__script`, { method: 'DELETE' });
    expect((await readSse(await streamed())).data.length).toBeGreaterThan(10);
    expect((await script({ mode: 'explode' })).status).toBe(422);
    expect((await script({ mode: 'long' })).status).toBe(422);
    expect(() => harness().chat.script({ mode: 'long', tokens: 0 })).toThrow(RangeError);
  });

  it('14. an invalid request does not use up the script', async () => {
    harness().chat.script('rate-limit');
    expect((await postCompletion(harness().base, { model: 'm', messages: [] })).status).toBe(400);
    expect((await streamed()).status).toBe(429);
  });
});
