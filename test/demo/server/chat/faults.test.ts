import { describe, expect, it } from 'vitest';
import { createChatServer } from '../../../../demo/server/chat/create-chat-server';
import { createFaults } from '../../../../demo/server/faults';
import { corpusKnowledgeBase } from '../../../server/knowledge/corpus-fixture';
import { completionRequest, listen, postCompletion, readSse, useChat } from './chat-fixtures';

const knowledge = corpusKnowledgeBase();
const harness = useChat({ knowledge, apiKeys: ['k'] });
const auth = { headers: { Authorization: 'Bearer k' } };
const faults = (body: unknown) =>
  fetch(`${harness().base}/__faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('fault controls (shared faults.ts) and test routes', () => {
  it('1. failNext answers before auth and routing; a custom body gives an exact OpenAI error', async () => {
    const error = { error: { message: 'Overloaded', type: 'server_error', param: null, code: 'overloaded' } };
    expect((await faults({ failNext: { count: 1, status: 503, retryAfter: '2', body: error } })).status).toBe(200);
    const response = await postCompletion(harness().base, completionRequest({ stream: true }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual(error);
    expect((await postCompletion(harness().base, completionRequest(), auth)).status).toBe(200);
  });

  it('2. failNext without a body answers in the OpenAI error shape', async () => {
    await faults({ failNext: { count: 1, status: 500 } });
    const body = await (await fetch(`${harness().base}/models`, auth)).json();
    expect(body).toEqual({ error: { message: 'Injected fault (failNext).', type: 'server_error', param: null, code: 'internal_server_error' } });
  });

  it('3. dropNext destroys the socket; delayNext delays', async () => {
    await faults({ dropNext: 1, delayNext: { count: 1, ms: 150 } });
    const started = performance.now();
    await expect(postCompletion(harness().base, completionRequest(), auth)).rejects.toThrow(TypeError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect((await postCompletion(harness().base, completionRequest(), auth)).status).toBe(200);
  });

  it('4. test routes are never faulted; GET/DELETE __faults read and clear', async () => {
    await faults({ failNext: { count: 5, status: 500 } });
    expect((await fetch(`${harness().base}/__stats`)).status).toBe(200);
    expect((await (await fetch(`${harness().base}/__faults`)).json()).failNext).toEqual([{ count: 5, status: 500 }]);
    expect((await (await fetch(`${harness().base}/__faults`, { method: 'DELETE' })).json()).failNext).toEqual([]);
    expect((await faults({ failnext: {} })).status).toBe(422);
  });

  it('5. __stats counts requests by route and status, dropped included; __reset clears them', async () => {
    await readSse(await postCompletion(harness().base, completionRequest({ stream: true }), auth));
    await fetch(`${harness().base}/models`);
    await fetch(`${harness().base}/nope`, auth);
    await expect.poll(() => harness().chat.stats.snapshot().requests).toBe(3);
    expect(await (await fetch(`${harness().base}/__stats`)).json()).toEqual({
      requests: 3,
      byRoute: { 'POST /chat/completions': 1, 'GET /models': 1, 'GET (unknown route)': 1 },
      byStatus: { '200': 1, '401': 1, '404': 1 },
    });
    expect((await fetch(`${harness().base}/__reset`, { method: 'POST' })).status).toBe(200);
    expect((await (await fetch(`${harness().base}/__stats`)).json()).requests).toBe(0);
    expect((await fetch(`${harness().base}/__reset`)).status).toBe(405);
  });

  it('6. a shared faults object: one failNext fails whichever server is asked next', async () => {
    const shared = createFaults();
    const a = createChatServer({ knowledge, faults: shared });
    const b = createChatServer({ knowledge, faults: shared, basePath: '/b' });
    const http = await listen((req, res) => a.handle(req, res, () => void b.handle(req, res)));
    try {
      shared.failNext(1, { status: 502 });
      expect((await fetch(`${http.url}/b/models`)).status).toBe(502);
      expect((await fetch(`${http.url}/api/chat/v1/models`)).status).toBe(200);
      expect(a.faults).toBe(shared);
    } finally {
      await a.close();
      await b.close();
      await http.close();
    }
  });

  it('7. testRoutes: false turns the test routes off', async () => {
    const chat = createChatServer({ knowledge, testRoutes: false });
    const http = await listen(chat.handle);
    try {
      expect((await fetch(`${http.url}${chat.basePath}/__stats`)).status).toBe(404);
    } finally {
      await chat.close();
      await http.close();
    }
  });
});
