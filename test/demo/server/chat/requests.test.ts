import { describe, expect, it } from 'vitest';
import { createChatServer } from '../../../../demo/server/chat/create-chat-server';
import { corpusKnowledgeBase } from '../../../server/knowledge/corpus-fixture';
import { completionRequest, listen, postCompletion, useChat } from './chat-fixtures';

const knowledge = corpusKnowledgeBase();
const open = useChat({ knowledge });
const locked = useChat({ knowledge, apiKeys: ['k1', 'k2'], basePath: '/v1' });

/** Asserts an OpenAI error body: exactly message, type, param and code. */
async function expectOpenAiError(response: Response, status: number, type: string, code: string | null) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = await response.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(body.error).toMatchObject({ type, code });
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

describe('request validation → 400 invalid_request_error', () => {
  const cases: Array<[string, unknown, string | null]> = [
    ['1. missing messages', { model: 'm' }, 'messages'],
    ['2. empty messages', { model: 'm', messages: [] }, 'messages'],
    ['3. a bad role', { model: 'm', messages: [{ role: 'robot', content: 'hi' }] }, 'messages[0].role'],
    ['4. no user message at all', { model: 'm', messages: [{ role: 'system', content: 'be nice' }] }, 'messages'],
    ['5. missing model', { messages: [{ role: 'user', content: 'hi' }] }, 'model'],
    ['6. stream not a boolean', { model: 'm', stream: 'yes', messages: [{ role: 'user', content: 'hi' }] }, 'stream'],
    ['7. content of the wrong type', { model: 'm', messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
    ['8. a JSON array instead of an object', [], null],
  ];
  for (const [name, body, param] of cases) {
    it(name, async () => {
      const error = await expectOpenAiError(await postCompletion(open().base, body), 400, 'invalid_request_error', 'invalid_value');
      expect(error.param).toBe(param);
    });
  }

  it('9. a body that is not JSON → 400 invalid_json', async () => {
    await expectOpenAiError(await postCompletion(open().base, '{"model":'), 400, 'invalid_request_error', 'invalid_json');
    await expectOpenAiError(await postCompletion(open().base, ''), 400, 'invalid_request_error', 'invalid_json');
  });

  it('10. roles system, developer, assistant and tool are accepted; unknown extra fields too', async () => {
    const messages = [
      { role: 'developer', content: 'x' },
      { role: 'system', content: 'x' },
      { role: 'user', content: 'retries' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c', content: 'done' },
      { role: 'user', content: 'retries?' },
    ];
    const response = await postCompletion(open().base, completionRequest({ messages, temperature: 0.2, user: 'u1', tools: [] }));
    expect(response.status).toBe(200);
  });
});

describe('auth', () => {
  it('11. no keys configured: no Authorization needed', async () => {
    expect((await postCompletion(open().base, completionRequest())).status).toBe(200);
  });

  it('12. keys configured: missing or wrong key → 401 invalid_api_key with WWW-Authenticate', async () => {
    for (const headers of [{}, { Authorization: 'Bearer nope' }, { Authorization: 'Basic k1' }]) {
      const response = await postCompletion(locked().base, completionRequest(), { headers });
      await expectOpenAiError(response, 401, 'invalid_request_error', 'invalid_api_key');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect((await fetch(`${locked().base}/models`)).status).toBe(401);
  });

  it('13. keys configured: any listed key works, the scheme in any case', async () => {
    expect((await postCompletion(locked().base, completionRequest(), { headers: { Authorization: 'Bearer k2' } })).status).toBe(200);
    expect((await fetch(`${locked().base}/models`, { headers: { Authorization: 'bearer k1' } })).status).toBe(200);
  });

  it('14. test routes need no key', async () => {
    expect((await fetch(`${locked().base}/__stats`)).status).toBe(200);
  });
});

describe('routes', () => {
  it('15. GET /models lists confab-docs in OpenAI\'s list shape', async () => {
    const response = await fetch(`${open().base}/models`);
    expect(await response.json()).toEqual({
      object: 'list',
      data: [{ id: 'confab-docs', object: 'model', created: 1767225600, owned_by: 'confab' }],
    });
  });

  it('16. unknown route → 404 unknown_url; wrong method → 405 with Allow', async () => {
    await expectOpenAiError(await fetch(`${open().base}/embeddings`, { method: 'POST' }), 404, 'invalid_request_error', 'unknown_url');
    const wrong = await fetch(`${open().base}/chat/completions`);
    await expectOpenAiError(wrong, 405, 'invalid_request_error', 'method_not_allowed');
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('17. CORS: preflight 204 allowing the asked headers; answers carry Access-Control-Allow-Origin', async () => {
    const preflight = await fetch(`${open().base}/chat/completions`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,x-stainless-os' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,x-stainless-os');
    expect((await fetch(`${open().base}/models`)).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('18. paths outside basePath go to next(), or get a 404 in OpenAI shape without next', async () => {
    const chat = createChatServer({ knowledge });
    const mounted = await listen((req, res) => chat.handle(req, res, () => res.end('next was called')));
    const bare = await listen(chat.handle);
    try {
      expect(await (await fetch(`${mounted.url}/elsewhere`)).text()).toBe('next was called');
      expect(await (await fetch(`${mounted.url}/api/chat/v1x/models`)).text()).toBe('next was called');
      await expectOpenAiError(await fetch(`${bare.url}/elsewhere`), 404, 'invalid_request_error', 'unknown_url');
    } finally {
      await chat.close();
      await mounted.close();
      await bare.close();
    }
  });

  it('19. a body over 2 MB → 413 in OpenAI shape', async () => {
    const big = JSON.stringify(completionRequest({ padding: 'x'.repeat(2 * 1024 * 1024) }));
    await expectOpenAiError(await postCompletion(open().base, big), 413, 'invalid_request_error', 'payload_too_large');
  });
});
