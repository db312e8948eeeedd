// Body and history limits (issue 15, "Protection"): oversized bodies and prompt-size bombs
// are refused before any model is asked, and an honest visitor is served meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, startConfab, type ConfabServer } from '../support/confab-server';
import { startFakeUpstream, type FakeUpstream } from '../support/fake-upstream';

let upstream: FakeUpstream;
let confab: ConfabServer;
beforeAll(async () => {
  upstream = await startFakeUpstream();
  confab = await startConfab({
    upstream: { baseUrl: upstream.baseUrl, model: 'm' },
    limits: { maxBodyBytes: 64 * 1024, maxMessages: 6, maxMessageChars: 2_000, maxHistoryChars: 5_000, bodyTimeoutMs: 500 },
  });
});
afterAll(async () => {
  await confab?.close();
  await upstream?.close();
});

describe('size limits', () => {
  it('1. a body over maxBodyBytes is a 413, by its Content-Length, before it is read', async () => {
    const response = await confab.call('/chat/completions', { body: ask('x'.repeat(100 * 1024)) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('payload_too_large');
    expect(upstream.requests).toHaveLength(0);
  });

  it('2. a chunked body (no Content-Length) is cut at the limit too', async () => {
    const big = new TextEncoder().encode(JSON.stringify(ask('y'.repeat(100 * 1024))));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 8192) controller.enqueue(big.slice(i, i + 8192));
        controller.close();
      },
    });
    const response = await fetch(`${confab.base}/chat/completions`, { method: 'POST', headers: { Origin: 'https://docs.example.com', 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('3. a prompt-size bomb: a question longer than maxMessageChars is refused, naming both lengths', async () => {
    const response = await confab.call('/chat/completions', { body: ask('z'.repeat(2_001)) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'message_too_long', message: 'The question is 2001 characters long; the maximum is 2000.' } });
    expect(upstream.requests).toHaveLength(0);
  });

  it('4. a long history is capped: earlier long messages cut, the oldest left out past maxMessages and maxHistoryChars', async () => {
    const history = Array.from({ length: 12 }, (_, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content: `${i}:${'h'.repeat(i === 7 ? 9_000 : 100)}` }));
    const response = await confab.call('/chat/completions', { body: { messages: [...history, { role: 'user', content: 'How do retries work?' }], stream: false } });
    expect(response.status).toBe(200);
    const sent = (upstream.requests.at(-1)?.body?.messages as Array<{ role: string; content: string }>).slice(1);
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(sent.at(-1)?.content).toBe('How do retries work?');
    expect(sent.reduce((sum, message) => sum + message.content.length, 0)).toBeLessThanOrEqual(5_000);
    expect(sent.every((message) => message.content.length <= 2_001)).toBe(true);
  });

  it('5. malformed bodies: not JSON, not an object, no user message last, a bad role → 400 naming the field', async () => {
    expect((await (await confab.call('/chat/completions', { body: '{"messages": [' })).json()).error.code).toBe('invalid_json');
    expect((await (await confab.call('/chat/completions', { body: '[1,2]' })).json()).error.code).toBe('invalid_json');
    expect((await (await confab.call('/chat/completions', { body: { messages: [{ role: 'assistant', content: 'hi' }] } })).json()).error).toMatchObject({ code: 'invalid_value', param: 'messages' });
    expect((await (await confab.call('/chat/completions', { body: { messages: [{ role: 'wizard', content: 'hi' }] } })).json()).error).toMatchObject({ code: 'invalid_value', param: 'messages[0].role' });
  });

  it('6. a body that trickles in slower than bodyTimeoutMs gets a 408 and the connection is freed', async () => {
    const encoder = new TextEncoder();
    let timer: ReturnType<typeof setInterval> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"messages":'));
        timer = setInterval(() => {
          try {
            controller.enqueue(encoder.encode(' '));
          } catch {
            clearInterval(timer);
          }
        }, 100);
      },
      cancel: () => clearInterval(timer),
    });
    const response = await fetch(`${confab.base}/chat/completions`, { method: 'POST', headers: { Origin: 'https://docs.example.com', 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    clearInterval(timer);
    expect(response.status).toBe(408);
    expect((await response.json()).error.code).toBe('request_timeout');
  });
});
