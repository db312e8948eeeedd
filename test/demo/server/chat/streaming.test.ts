import { describe, expect, it } from 'vitest';
import { corpusKnowledgeBase } from '../../../server/knowledge/corpus-fixture';
import { completionRequest, contentOf, postCompletion, readSse, toolArgumentsOf, useChat } from './chat-fixtures';

const knowledge = corpusKnowledgeBase();
let ids = 0;
const harness = useChat({ knowledge, now: () => new Date('2026-01-01T00:00:00Z'), newId: (prefix) => `${prefix}-${++ids}` });
const streamed = (overrides: Record<string, unknown> = {}) => postCompletion(harness().base, completionRequest({ stream: true, ...overrides }));

describe('POST /chat/completions, streaming', () => {
  it('1. SSE headers, then one data line per chunk with a blank line between, ending with [DONE]', async () => {
    const response = await streamed();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const sse = await readSse(response);
    expect(sse.raw.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(sse.frames.every((frame) => /^data: [^\n]+$/.test(frame))).toBe(true);
    expect(sse.data.at(-1)).toBe('[DONE]');
  });

  it('2. the first chunk carries the role; every chunk repeats id, object, created and the requested model', async () => {
    const sse = await readSse(await streamed({ model: 'some-unknown-model' }));
    const chunks = sse.data.slice(0, -1);
    expect(chunks[0].choices).toEqual([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    const id = chunks[0].id;
    expect(id).toMatch(/^chatcmpl-/);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ id, object: 'chat.completion.chunk', created: 1767225600, model: 'some-unknown-model' });
      expect(chunk).not.toHaveProperty('usage');
    }
  });

  it('3. content arrives word by word and concatenates exactly to the non-streaming answer', async () => {
    const sse = await readSse(await streamed());
    const plain = await (await postCompletion(harness().base, completionRequest({ stream: false }))).json();
    const words = sse.data.slice(1).filter((chunk) => typeof chunk === 'object' && chunk.choices[0].delta.content !== undefined);
    expect(words.length).toBeGreaterThan(10);
    for (const chunk of words) expect(chunk.choices[0].delta.content).toMatch(/^\s*\S+\s*$/);
    expect(contentOf(sse.data.slice(0, -1))).toBe(plain.choices[0].message.content);
    expect(plain.choices[0].message.content).toBe(knowledge.answer('How do retries work?').text);
  });

  it('4. the sources follow as a provideLinks tool call: id and name first, then argument pieces forming valid JSON', async () => {
    const chunks = (await readSse(await streamed())).data.slice(0, -1);
    const calls = chunks.filter((chunk) => chunk.choices[0]?.delta.tool_calls);
    expect(calls.length).toBeGreaterThan(2);
    expect(calls[0].choices[0].delta.tool_calls).toEqual([
      { index: 0, id: expect.stringMatching(/^call/), type: 'function', function: { name: 'provideLinks', arguments: '' } },
    ]);
    for (const call of calls.slice(1)) {
      expect(Object.keys(call.choices[0].delta.tool_calls[0]).sort()).toEqual(['function', 'index']);
      expect(Object.keys(call.choices[0].delta.tool_calls[0].function)).toEqual(['arguments']);
    }
    const args = JSON.parse(toolArgumentsOf(chunks));
    const expected = knowledge.answer('How do retries work?').sources.map((source) => ({ ...source, type: 'documentation' }));
    expect(args).toEqual({ links: expected });
    const firstCall = chunks.indexOf(calls[0]);
    expect(chunks.slice(firstCall).every((chunk) => chunk.choices[0]?.delta.content === undefined)).toBe(true);
  });

  it('5. the last chunk has an empty delta and finish_reason tool_calls (stop when there are no sources)', async () => {
    const withLinks = (await readSse(await streamed())).data.slice(0, -1);
    expect(withLinks.at(-1).choices).toEqual([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]);
    expect(withLinks.slice(0, -1).every((chunk) => chunk.choices[0].finish_reason === null)).toBe(true);
    const none = (await readSse(await streamed({ messages: [{ role: 'user', content: 'bake a chocolate cake' }] }))).data;
    expect(none.at(-2).choices[0].finish_reason).toBe('stop');
    expect(none.some((chunk) => chunk.choices?.[0]?.delta.tool_calls)).toBe(false);
    expect(contentOf(none.slice(0, -1))).toMatch(/^I could not find that in the confab docs\./);
  });

  it('6. stream_options.include_usage: a usage chunk with empty choices before [DONE], usage: null on the others', async () => {
    const data = (await readSse(await streamed({ stream_options: { include_usage: true } }))).data;
    const usage = data.at(-2);
    expect(usage.choices).toEqual([]);
    expect(usage.usage.total_tokens).toBe(usage.usage.prompt_tokens + usage.usage.completion_tokens);
    expect(usage.usage.prompt_tokens).toBe(9); // words of both messages
    expect(data.slice(0, -2).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('7. the question is the last user message; content parts are read as text', async () => {
    const messages = [
      { role: 'user', content: 'How do retries work?' },
      { role: 'assistant', content: 'Some earlier answer.' },
      { role: 'user', content: [{ type: 'text', text: 'Does it work offline?' }] },
    ];
    const sse = await readSse(await streamed({ messages }));
    expect(contentOf(sse.data.slice(0, -1))).toBe(knowledge.answer('Does it work offline?').text);
  });

  it('8. max_tokens cuts the content there: finish_reason length, no tool call', async () => {
    const data = (await readSse(await streamed({ max_tokens: 5 }))).data.slice(0, -1);
    const words = data.filter((chunk) => chunk.choices[0].delta.content);
    expect(words).toHaveLength(5);
    expect(data.at(-1).choices[0].finish_reason).toBe('length');
    expect(data.some((chunk) => chunk.choices[0].delta.tool_calls)).toBe(false);
  });
});

describe('POST /chat/completions, non-streaming', () => {
  it('9. a chat.completion with the message, its tool call, finish_reason and usage', async () => {
    const response = await postCompletion(harness().base, completionRequest());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await response.json();
    const answer = knowledge.answer('How do retries work?');
    expect(body).toEqual({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      created: 1767225600,
      model: 'confab-docs',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: answer.text,
            tool_calls: [{ id: expect.any(String), type: 'function', function: { name: 'provideLinks', arguments: expect.any(String) } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 9, completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
    });
    expect(JSON.parse(body.choices[0].message.tool_calls[0].function.arguments).links).toHaveLength(answer.sources.length);
  });

  it('10. no sources → no tool_calls key and finish_reason stop', async () => {
    const body = await (await postCompletion(harness().base, completionRequest({ messages: [{ role: 'user', content: 'weather in Paris' }] }))).json();
    expect(body.choices[0].message).toEqual({ role: 'assistant', content: expect.stringMatching(/^I could not find that/) });
    expect(body.choices[0].finish_reason).toBe('stop');
  });
});
