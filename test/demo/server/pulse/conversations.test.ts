import { beforeEach, describe, expect, it } from 'vitest';
import { NOW_SECONDS, USER, api, blockingTurn, expectError, startPulse, usePulse, type Json } from './harness';

let clock = NOW_SECONDS;
const server = usePulse({ now: () => new Date(clock * 1000) });
beforeEach(() => {
  clock = NOW_SECONDS;
});
const base = () => server().base;
const list = (query = '') => api(base(), 'GET', `/conversations?user=${USER}${query}`);
const ids = (reply: { json: Json }) => reply.json.data.map((c: Json) => c.id);

/** Creates conversations c0..c(n-1), one second apart, and returns their ids. */
async function create(n: number, user = USER): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i += 1) {
    clock = NOW_SECONDS + out.length;
    out.push((await blockingTurn(base(), { query: `conversation ${i}`, user })).conversation_id);
  }
  return out;
}

describe('GET /conversations (§11)', () => {
  it('1. lists only the user\'s conversations, most recently updated first, with exactly the §11 fields', async () => {
    const mine = await create(3);
    await create(1, 'someone-else');
    const reply = await list();
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ limit: 20, has_more: false });
    expect(ids(reply)).toEqual([...mine].reverse());
    expect(reply.json.data[2]).toEqual({
      id: mine[0],
      name: 'conversation 0',
      inputs: {},
      status: 'normal',
      introduction: "Hi! I'm the PulseAI reference server. Ask me anything about confab.",
      created_at: NOW_SECONDS,
      updated_at: NOW_SECONDS,
    });
  });

  it('2. a new turn moves a conversation to the front of -updated_at, not of -created_at', async () => {
    const [a, b, c] = await create(3);
    clock = NOW_SECONDS + 100;
    await blockingTurn(base(), { conversation_id: a, query: 'again' });
    expect(ids(await list())).toEqual([a, c, b]);
    expect(ids(await list('&sort_by=-created_at'))).toEqual([c, b, a]);
    expect(ids(await list('&sort_by=created_at'))).toEqual([a, b, c]);
    expect(ids(await list('&sort_by=updated_at'))).toEqual([b, c, a]);
    expect((await list()).json.data[0].updated_at).toBe(NOW_SECONDS + 100);
  });

  it('3. last_id pages forward in every sort order, with has_more from a look-ahead', async () => {
    const all = await create(5);
    for (const [sort, expected] of [['-updated_at', [...all].reverse()], ['created_at', all]] as const) {
      const pages: string[][] = [];
      let cursor = '';
      for (;;) {
        const page = await list(`&sort_by=${sort}&limit=2${cursor}`);
        pages.push(ids(page));
        if (!page.json.has_more) break;
        cursor = `&last_id=${page.json.data.at(-1).id}`;
      }
      expect(pages).toEqual([expected.slice(0, 2), expected.slice(2, 4), expected.slice(4)]);
    }
  });

  it('4. conversations created within the same second still page without gaps', async () => {
    clock = NOW_SECONDS;
    const same = [];
    for (let i = 0; i < 3; i += 1) same.push((await blockingTurn(base(), { query: `q${i}` })).conversation_id);
    const first = await list('&limit=1');
    const second = await list(`&limit=1&last_id=${first.json.data[0].id}`);
    const third = await list(`&limit=1&last_id=${second.json.data[0].id}`);
    expect([...ids(first), ...ids(second), ...ids(third)]).toEqual([...same].reverse());
    expect(third.json.has_more).toBe(false);
  });

  it('5. errors: unknown or foreign last_id → 404, malformed ids, sort_by and limit → 400', async () => {
    const [mine] = await create(1);
    const [theirs] = await create(1, 'someone-else');
    expectError(await list('&last_id=9002b8e1-3d36-4989-89f0-853d298d8687'), 404, 'not_found', 'Last Conversation Not Exists.');
    expectError(await list(`&last_id=${theirs}`), 404, 'not_found', 'Last Conversation Not Exists.');
    expectError(await list('&last_id=nope'), 400, 'invalid_param', 'last_id must be a UUID', 'last_id');
    expectError(await list('&sort_by=name'), 400, 'invalid_param', 'sort_by must be one of created_at, -created_at, updated_at, -updated_at', 'sort_by');
    expectError(await list('&limit=-1'), 400, 'invalid_param', 'limit must be an integer between 1 and 100', 'limit');
    expectError(await api(base(), 'GET', '/conversations'), 400, 'invalid_param', 'user is required', 'user');
    expect(ids(await list(`&last_id=${mine}`))).toEqual([]);
  });
});

describe('DELETE /conversations/{id} (§12)', () => {
  const remove = (id: string, body: unknown = { user: USER }) => api(base(), 'DELETE', `/conversations/${id}`, { body });

  it('6. answers 200 {"result":"success"}; the conversation and its history are gone; a second delete is a 404', async () => {
    const [a, b] = await create(2);
    const reply = await remove(a ?? '');
    expect([reply.status, reply.json]).toEqual([200, { result: 'success' }]);
    expect(ids(await list())).toEqual([b]);
    expectError(await api(base(), 'GET', `/messages?user=${USER}&conversation_id=${a}`), 404, 'not_found', 'Conversation Not Exists.');
    expectError(await remove(a ?? ''), 404, 'not_found', 'Conversation Not Exists.');
  });

  it("7. another user's conversation, a malformed id and a missing user are refused; nothing is deleted", async () => {
    const [a] = await create(1);
    expectError(await remove(a ?? '', { user: 'someone-else' }), 404, 'not_found', 'Conversation Not Exists.');
    expectError(await remove('abc'), 404, 'not_found', 'Conversation Not Exists.');
    expectError(await remove(a ?? '', {}), 400, 'invalid_param', 'user is required', 'user');
    expect(ids(await list())).toEqual([a]);
  });

  it('8. the deleteStatus: 204 option answers 204 with no body', async () => {
    const silent = await startPulse({ deleteStatus: 204 });
    try {
      const turn = await blockingTurn(silent.base);
      const reply = await api(silent.base, 'DELETE', `/conversations/${turn.conversation_id}`, { body: { user: USER } });
      expect([reply.status, reply.text]).toEqual([204, '']);
      expect(silent.pulse.state.conversations.size).toBe(0);
    } finally {
      await silent.close();
    }
  });
});

describe('POST /conversations/{id}/name (§13)', () => {
  const rename = (id: string, body: Record<string, unknown>) => api(base(), 'POST', `/conversations/${id}/name`, { body: { user: USER, ...body } });

  it('9. sets the name and returns the conversation object with a new updated_at', async () => {
    const [a] = await create(1);
    clock = NOW_SECONDS + 50;
    const reply = await rename(a ?? '', { name: 'My chat' });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      id: a,
      name: 'My chat',
      inputs: {},
      status: 'normal',
      introduction: expect.any(String),
      created_at: NOW_SECONDS,
      updated_at: NOW_SECONDS + 50,
    });
    expect((await list()).json.data[0].name).toBe('My chat');
  });

  it('10. auto_generate names it from the first query and ignores name', async () => {
    const turn = await blockingTurn(base(), { query: 'Where are my invoices stored these days?', auto_generate_name: false });
    expect((await list()).json.data[0].name).toBe('New conversation');
    const reply = await rename(turn.conversation_id, { auto_generate: true, name: 'ignored' });
    expect(reply.json.name).toBe('Where are my invoice');
  });

  it('11. no name and no auto_generate → 400 invalid_param; another user or a bad id → 404', async () => {
    const [a] = await create(1);
    expectError(await rename(a ?? '', {}), 400, 'invalid_param', 'name is required when auto_generate is false', 'name');
    expectError(await rename(a ?? '', { name: '  ', auto_generate: false }), 400, 'invalid_param', undefined, 'name');
    expectError(await api(base(), 'POST', `/conversations/${a}/name`, { body: { user: 'x', name: 'n' } }), 404, 'not_found', 'Conversation Not Exists.');
    expectError(await rename('abc', { name: 'n' }), 404, 'not_found', 'Conversation Not Exists.');
    expect((await list()).json.data[0].name).toBe('conversation 0');
  });
});
