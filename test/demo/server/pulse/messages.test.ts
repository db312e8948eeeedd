import { describe, expect, it } from 'vitest';
import { suggestQuestions } from '../../../../demo/server/pulse/suggested-questions';
import { USER, api, blockingTurn, expectError, startPulse, usePulse, type Json } from './harness';

let counter = 0;
const server = usePulse({ answer: async (query) => ({ text: `Answer ${(counter += 1)} about widgets: ${query}` }) });
const base = () => server().base;

/** A conversation of `n` turns; returns its id and the message ids, oldest first. */
async function conversation(n: number, user = USER): Promise<{ id: string; messages: string[] }> {
  const first = await blockingTurn(base(), { query: 'q1', user });
  const messages = [first.message_id as string];
  for (let i = 2; i <= n; i += 1) messages.push((await blockingTurn(base(), { query: `q${i}`, user, conversation_id: first.conversation_id })).message_id);
  return { id: first.conversation_id, messages };
}
const history = (query: string) => api(base(), 'GET', `/messages?${query}`);

describe('GET /messages (§10)', () => {
  it('1. without first_id: the latest `limit` messages, oldest first, has_more when older ones remain', async () => {
    const c = await conversation(5);
    const page = await history(`user=${USER}&conversation_id=${c.id}&limit=2`);
    expect(page.status).toBe(200);
    expect(page.json.limit).toBe(2);
    expect(page.json.has_more).toBe(true);
    expect(page.json.data.map((m: Json) => m.id)).toEqual(c.messages.slice(3));
  });

  it('2. first_id walks back page by page until has_more is false', async () => {
    const c = await conversation(5);
    const seen: string[][] = [];
    let cursor = '';
    for (;;) {
      const page = await history(`user=${USER}&conversation_id=${c.id}&limit=2${cursor}`);
      seen.push(page.json.data.map((m: Json) => m.id));
      if (!page.json.has_more) break;
      cursor = `&first_id=${page.json.data[0].id}`;
    }
    expect(seen).toEqual([c.messages.slice(3), c.messages.slice(1, 3), c.messages.slice(0, 1)]);
  });

  it('3. the default limit is 20, and each item has exactly the §10 fields', async () => {
    const c = await conversation(2);
    const page = await history(`user=${USER}&conversation_id=${c.id}`);
    expect(page.json).toMatchObject({ limit: 20, has_more: false });
    expect(page.json.data[1]).toEqual({
      id: c.messages[1],
      conversation_id: c.id,
      parent_message_id: c.messages[0],
      inputs: {},
      query: 'q2',
      answer: expect.stringMatching(/^Answer \d+ about widgets: q2$/),
      status: 'normal',
      error: null,
      message_files: [],
      feedback: null,
      retriever_resources: [],
      agent_thoughts: [],
      created_at: 1767225600,
      extra_contents: [],
    });
  });

  const BAD: Array<[string, string, number, string, string?]> = [
    ['no user', 'conversation_id=CID', 400, 'user is required', 'user'],
    ['no conversation_id', 'user=U', 400, 'conversation_id is required', 'conversation_id'],
    ['conversation_id not a UUID', 'user=U&conversation_id=abc', 400, 'conversation_id must be a UUID', 'conversation_id'],
    ['first_id not a UUID', 'user=U&conversation_id=CID&first_id=abc', 400, 'first_id must be a UUID', 'first_id'],
    ['limit 0', 'user=U&conversation_id=CID&limit=0', 400, 'limit must be an integer between 1 and 100', 'limit'],
    ['limit 101', 'user=U&conversation_id=CID&limit=101', 400, 'limit must be an integer between 1 and 100', 'limit'],
    ['limit not a number', 'user=U&conversation_id=CID&limit=ten', 400, 'limit must be an integer between 1 and 100', 'limit'],
    ['unknown first_id', 'user=U&conversation_id=CID&first_id=ef41e268-7cb0-49e0-9164-84d8c24d9759', 404, 'First Message Not Exists.'],
    ['unknown conversation', 'user=U&conversation_id=9002b8e1-3d36-4989-89f0-853d298d8687', 404, 'Conversation Not Exists.'],
    ["another user's conversation", 'user=someone-else&conversation_id=CID', 404, 'Conversation Not Exists.'],
  ];
  for (const [i, [what, query, status, message, params]] of BAD.entries()) {
    it(`${i + 4}. ${what} → ${status}`, async () => {
      const c = await conversation(1);
      const reply = await history(query.replace('CID', c.id).replace('user=U', `user=${USER}`));
      expectError(reply, status, status === 404 ? 'not_found' : 'invalid_param', message, params);
    });
  }
});

describe('POST /messages/{id}/feedbacks (§8)', () => {
  const feedback = (id: string, body: Record<string, unknown>) => api(base(), 'POST', `/messages/${id}/feedbacks`, { body: { user: USER, ...body } });
  const shown = async (c: { id: string }) => (await history(`user=${USER}&conversation_id=${c.id}`)).json.data.map((m: Json) => m.feedback);

  it('14. like, then dislike with a comment, then withdraw: each shows in the history', async () => {
    const c = await conversation(2);
    const target = c.messages[0] ?? '';
    expect((await feedback(target, { rating: 'like' })).json).toEqual({ result: 'success' });
    expect(await shown(c)).toEqual([{ rating: 'like' }, null]);
    expect((await feedback(target, { rating: 'dislike', content: 'too vague' })).status).toBe(200);
    expect(await shown(c)).toEqual([{ rating: 'dislike' }, null]);
    expect(server().pulse.state.message(USER, target)?.message.feedback).toEqual({ rating: 'dislike', content: 'too vague', updated_at: 1767225600 });
    const state = (await api(base(), 'GET', '/__state', { key: null })).json;
    expect(state.feedback).toEqual([{ message_id: target, conversation_id: c.id, user: USER, rating: 'dislike', content: 'too vague', updated_at: 1767225600 }]);
    expect((await feedback(target, { rating: null })).status).toBe(200);
    expect(await shown(c)).toEqual([null, null]);
  });

  it('15. withdrawing a rating that does not exist is a 400 invalid_param', async () => {
    const c = await conversation(1);
    expectError(await feedback(c.messages[0] ?? '', { rating: null }), 400, 'invalid_param', 'rating cannot be None when feedback not exists', 'rating');
    expectError(await feedback(c.messages[0] ?? '', {}), 400, 'invalid_param', 'rating cannot be None when feedback not exists', 'rating');
  });

  it('16. a rating other than like/dislike/null is a 400 naming rating; a missing user names user', async () => {
    const c = await conversation(1);
    const reply = await feedback(c.messages[0] ?? '', { rating: 'meh' });
    expectError(reply, 400, 'invalid_param', undefined, 'rating');
    expectError(await api(base(), 'POST', `/messages/${c.messages[0]}/feedbacks`, { body: { rating: 'like' } }), 400, 'invalid_param', 'user is required', 'user');
  });

  it("17. another user's message, an unknown id and a malformed id are all 404 Message Not Exists.", async () => {
    const c = await conversation(1);
    const other = await api(base(), 'POST', `/messages/${c.messages[0]}/feedbacks`, { body: { user: 'someone-else', rating: 'like' } });
    expectError(other, 404, 'not_found', 'Message Not Exists.');
    expectError(await feedback('ef41e268-7cb0-49e0-9164-84d8c24d9759', { rating: 'like' }), 404, 'not_found', 'Message Not Exists.');
    expectError(await feedback('not-a-uuid', { rating: 'like' }), 404, 'not_found', 'Message Not Exists.');
    expect(server().pulse.state.message(USER, c.messages[0] ?? '')?.message.feedback).toBeNull();
  });
});

describe('GET /messages/{id}/suggested (§9)', () => {
  it('18. three questions derived from the answer, the same every time', async () => {
    const turn = await blockingTurn(base(), { query: 'how do gadgets render sprockets?' });
    expect(turn.answer).toMatch(/^Answer \d+ about widgets: how do gadgets render sprockets\?$/);
    const reply = await api(base(), 'GET', `/messages/${turn.message_id}/suggested?user=${USER}`);
    expect(reply.status).toBe(200);
    // "answer" and "about" are stop words; "render" comes before "sprockets".
    expect(reply.json).toEqual({
      result: 'success',
      data: ['Can you tell me more about widgets?', 'Is there an example of gadgets?', 'How does render work?'],
    });
    expect((await api(base(), 'GET', `/messages/${turn.message_id}/suggested?user=${USER}`)).json).toEqual(reply.json);
  });

  it('19. an answer with too few words falls back to generic questions', () => {
    expect(suggestQuestions('')).toEqual(['Can you explain that in more detail?', 'Can you give me an example?', 'What should I do next?']);
    expect(suggestQuestions('Use widgets.')).toEqual(['Can you tell me more about widgets?', 'Can you give me an example?', 'What should I do next?']);
  });

  it("20. another user's message → 404; no user → 400", async () => {
    const turn = await blockingTurn(base());
    expectError(await api(base(), 'GET', `/messages/${turn.message_id}/suggested?user=someone-else`), 404, 'not_found', 'Message Not Exists.');
    expectError(await api(base(), 'GET', `/messages/${turn.message_id}/suggested`), 400, 'invalid_param', 'user is required', 'user');
  });

  it('21. disabled through the parameters option → 400 bad_request "Suggested Questions Is Disabled."', async () => {
    const off = await startPulse({ parameters: { suggested_questions_after_answer: { enabled: false } } });
    try {
      const turn = await blockingTurn(off.base);
      expectError(await api(off.base, 'GET', `/messages/${turn.message_id}/suggested?user=${USER}`), 400, 'bad_request', 'Suggested Questions Is Disabled.');
      expect((await api(off.base, 'GET', '/parameters')).json.suggested_questions_after_answer).toEqual({ enabled: false });
    } finally {
      await off.close();
    }
  });

  it('22. a suggest option replaces the built-in questions, and is given the turn', async () => {
    const seen: Array<[string, string]> = [];
    const custom = await startPulse({ suggest: (query, answer) => (seen.push([query, answer]), ['From the docs?']) });
    try {
      const turn = await blockingTurn(custom.base);
      expect((await api(custom.base, 'GET', `/messages/${turn.message_id}/suggested?user=${USER}`)).json).toEqual({ result: 'success', data: ['From the docs?'] });
      expect(seen).toEqual([[expect.any(String), turn.answer]]);
    } finally {
      await custom.close();
    }
  });
});
