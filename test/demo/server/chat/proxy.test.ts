import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChatServer, type ChatServer } from '../../../../demo/server/chat/create-chat-server';
import { upstreamFromEnv } from '../../../../demo/server/chat/upstream-from-env';
import { corpusKnowledgeBase } from '../../../server/knowledge/corpus-fixture';
import { completionRequest, contentOf, listen, postCompletion, readSse, type Listening } from './chat-fixtures';

/** What the fake upstream saw. */
interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  // any: the forwarded JSON body, compared whole with toEqual.
  body: any;
}

/** How the fake upstream answers the next request. */
let behaviour: 'stream' | 'json' | 'error' | 'break' = 'stream';
const seen: Seen[] = [];
let upstream: Listening;
let chat: ChatServer;
let proxy: Listening;
let base: string;

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

beforeAll(async () => {
  upstream = await listen(async (req, res) => {
    const text = await bodyOf(req);
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body: text ? JSON.parse(text) : undefined });
    if (req.url === '/v1/models') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'llama3.2', object: 'model' }] }));
    } else if (behaviour === 'error') {
      res.writeHead(404, { 'Content-Type': 'application/json', 'Retry-After': '7' });
      res.end(JSON.stringify({ error: { message: 'model "nope" not found', type: 'invalid_request_error', param: null, code: 'model_not_found' } }));
    } else if (behaviour === 'json') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ object: 'chat.completion', choices: [] }));
    } else {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}\n\n');
      setTimeout(() => {
        res.write('data: {"choices":[{"index":0,"delta":{"content":"Hi from upstream"}}]}\n\n');
        if (behaviour === 'break') return res.destroy();
        res.end('data: [DONE]\n\n');
      }, 30);
    }
  });
  chat = createChatServer({
    knowledge: corpusKnowledgeBase(),
    apiKeys: ['client-key'],
    upstream: { baseUrl: `${upstream.url}/v1/`, apiKey: 'upstream-key', model: 'llama3.2' },
  });
  proxy = await listen(chat.handle);
  base = `${proxy.url}${chat.basePath}`;
});
afterAll(async () => {
  await chat.close();
  await proxy.close();
  await upstream.close();
});
beforeEach(() => {
  behaviour = 'stream';
  seen.length = 0;
  chat.reset();
});

const auth = { headers: { Authorization: 'Bearer client-key' } };

describe('proxy mode', () => {
  it('1. forwards the body as received, with the upstream key and model, and pipes the stream back', async () => {
    const request = completionRequest({ stream: true, temperature: 0.3, model: 'whatever' });
    const response = await postCompletion(base, request, auth);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const sse = await readSse(response);
    expect(contentOf(sse.data.slice(0, -1))).toBe('Hi from upstream');
    expect(sse.data.at(-1)).toBe('[DONE]');
    expect(seen).toEqual([{ method: 'POST', url: '/v1/chat/completions', authorization: 'Bearer upstream-key', body: { ...request, model: 'llama3.2' } }]);
  });

  it('2. streams as it arrives: the first chunk is readable before the upstream finishes', async () => {
    const response = await postCompletion(base, completionRequest({ stream: true }), auth);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('"role":"assistant"');
    expect(first).not.toContain('Hi from upstream');
    await reader.cancel();
  });

  it('3. upstream errors pass through: status, body and Retry-After', async () => {
    behaviour = 'error';
    const response = await postCompletion(base, completionRequest(), auth);
    expect(response.status).toBe(404);
    expect(response.headers.get('retry-after')).toBe('7');
    expect((await response.json()).error.code).toBe('model_not_found');
  });

  it('4. a non-streaming answer is passed through as JSON', async () => {
    behaviour = 'json';
    const response = await postCompletion(base, completionRequest(), auth);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ object: 'chat.completion', choices: [] });
  });

  it('5. GET /models is forwarded too', async () => {
    const body = await (await fetch(`${base}/models`, auth)).json();
    expect(body.data[0].id).toBe('llama3.2');
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/models', authorization: 'Bearer upstream-key' });
  });

  it('6. an upstream that breaks mid-stream cuts the client too', async () => {
    behaviour = 'break';
    const response = await postCompletion(base, completionRequest({ stream: true }), auth);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('7. the client still needs this server\'s key, and its requests are validated here', async () => {
    expect((await postCompletion(base, completionRequest())).status).toBe(401);
    expect((await postCompletion(base, { model: 'm', messages: [] }, auth)).status).toBe(400);
    expect(seen).toEqual([]);
  });

  it('8. a script still gets the local, scripted answer', async () => {
    chat.script('rate-limit');
    expect((await postCompletion(base, completionRequest({ stream: true }), auth)).status).toBe(429);
    expect(seen).toEqual([]);
  });

  it('9. an unreachable upstream → 502 in OpenAI shape', async () => {
    const closed = await listen(() => undefined);
    const deadUrl = closed.url;
    await closed.close();
    const lonely = createChatServer({ upstream: { baseUrl: deadUrl } });
    const server = await listen(lonely.handle);
    try {
      const response = await postCompletion(`${server.url}${lonely.basePath}`, completionRequest({ stream: true }));
      expect(response.status).toBe(502);
      const body = await response.json();
      expect(body.error).toMatchObject({ type: 'server_error', code: 'upstream_unreachable', param: null });
      expect(body.error.message).toContain(deadUrl);
    } finally {
      await lonely.close();
      await server.close();
    }
  });
});

describe('upstreamFromEnv', () => {
  it('10. nothing set, or an empty URL → undefined (the local answerer)', () => {
    expect(upstreamFromEnv({})).toBeUndefined();
    expect(upstreamFromEnv({ CONFAB_UPSTREAM_URL: '  ', CONFAB_UPSTREAM_MODEL: 'm' })).toBeUndefined();
  });

  it('11. Ollama: URL and model, no key; a trailing slash is dropped', () => {
    expect(upstreamFromEnv({ CONFAB_UPSTREAM_URL: 'http://127.0.0.1:11434/v1/', CONFAB_UPSTREAM_MODEL: 'llama3.2', CONFAB_UPSTREAM_KEY: '' })).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.2',
    });
  });

  it('12. OpenAI: URL, key and model', () => {
    expect(upstreamFromEnv({ CONFAB_UPSTREAM_URL: 'https://api.openai.com/v1', CONFAB_UPSTREAM_KEY: 'sk-1', CONFAB_UPSTREAM_MODEL: 'gpt-4o-mini' })).toEqual({
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-1',
      model: 'gpt-4o-mini',
    });
  });

  it('13. a URL that is not absolute http(s) throws, naming the variable', () => {
    expect(() => upstreamFromEnv({ CONFAB_UPSTREAM_URL: 'localhost:11434' })).toThrow(/CONFAB_UPSTREAM_URL/);
    expect(() => upstreamFromEnv({ CONFAB_UPSTREAM_URL: 'ftp://x/v1' })).toThrow(/http or https/);
  });
});
