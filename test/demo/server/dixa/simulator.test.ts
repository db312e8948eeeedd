import { describe, expect, it } from 'vitest';
import { IDS, UUID, ZONED, api, createConversation, expectData, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;
/** Test routes need no token. */
const control = (method: string, path: string, body?: unknown) => api(base(), method, `/__test${path}`, { auth: null, body });
const read = async (path: string) => expectData(await api(base(), 'GET', path), 200);

describe('agent simulator', () => {
  it('1. agent-reply appends an Outbound message by the agent; the visitor\'s poll sees it (§4.6)', async () => {
    const id = await createConversation(base());
    server().advance(4_000);
    const reply = await control('POST', '/agent-reply', { conversationId: id, agentId: IDS.agentId, text: 'Hi, Dale here. Let me check.' });
    const message = expectData(reply, 200);
    expect(message).toEqual({
      id: expect.stringMatching(UUID),
      authorId: IDS.agentId,
      createdAt: '2026-01-01T00:00:04.123Z[GMT]',
      attributes: { direction: 'Outbound', content: { value: 'Hi, Dale here. Let me check.', _type: 'Text' } },
    });
    expect(message.createdAt).toMatch(ZONED);
    const messages = await read(`/v1/conversations/${id}/messages`);
    expect(messages.at(-1)).toEqual(message);
  });

  it('2. without agentId the reply comes from the assigned agent, else from the first agent of the fixture', async () => {
    const id = await createConversation(base());
    expect(expectData(await control('POST', '/agent-reply', { conversationId: id, text: 'a' }), 200).authorId).toBe(IDS.agentId);
    await control('POST', '/assign', { conversationId: id, agentId: IDS.secondAgentId });
    expect(expectData(await control('POST', '/agent-reply', { conversationId: id, text: 'b', contentType: 'Html' }), 200)).toMatchObject({
      authorId: IDS.secondAgentId,
      attributes: { content: { value: 'b', _type: 'Html' } },
    });
  });

  it('3. assign claims the conversation for the agent: assignment and a ConversationAssigned entry', async () => {
    const id = await createConversation(base());
    const conversation = expectData(await control('POST', '/assign', { conversationId: id, agentId: IDS.secondAgentId }), 200);
    expect(conversation.assignment).toEqual({ agentId: IDS.secondAgentId, assignedAt: '2026-01-01T00:00:00Z' });
    expect(await read(`/v1/conversations/${id}`)).toEqual(conversation);
    const [entry] = await read(`/v1/conversations/${id}/activitylog`);
    expect(entry).toMatchObject({ _type: 'ConversationAssigned', author: { id: IDS.secondAgentId, name: 'Audrey Horne' } });
  });

  it('4. close closes the conversation', async () => {
    const id = await createConversation(base());
    server().advance(10_000);
    expect(expectData(await control('POST', '/close', { conversationId: id }), 200)).toMatchObject({ state: 'Closed', stateUpdatedAt: '2026-01-01T00:00:10Z' });
    expect((await read(`/v1/conversations/${id}`)).state).toBe('Closed');
  });

  it('5. rating adds a CSAT rating, read back through GET …/rating (the only writer, §4.8)', async () => {
    const id = await createConversation(base());
    await control('POST', '/assign', { conversationId: id, agentId: IDS.agentId });
    const rating = expectData(await control('POST', '/rating', { conversationId: id, score: 5, comment: 'Quick and kind' }), 200);
    expect(rating).toEqual({
      id: expect.stringMatching(UUID),
      ratingScore: 5,
      ratingType: 'Csat',
      ratingComment: 'Quick and kind',
      conversationChannel: 'Email',
      agentId: IDS.agentId,
      userId: IDS.requesterId,
      ratingStatus: 'Offered',
      language: 'English',
      timestamps: {},
    });
    expect(await read(`/v1/conversations/${id}/rating`)).toEqual([rating]);
    const custom = expectData(await control('POST', '/rating', { conversationId: id, score: 1, status: 'Rated' }), 200);
    expect(custom).toMatchObject({ ratingScore: 1, ratingStatus: 'Rated', ratingComment: '' });
  });

  it.each([
    ['/agent-reply', { conversationId: 100, text: '' }],
    ['/agent-reply', { conversationId: '100', text: 'x' }],
    ['/agent-reply', { conversationId: 100, text: 'x', agentId: 'dale' }],
    ['/agent-reply', { conversationId: 100, text: 'x', contentType: 'Markdown' }],
    ['/rating', { conversationId: 100, score: 0 }],
    ['/rating', { conversationId: 100, score: 6 }],
    ['/rating', { conversationId: 100, score: 4.5 }],
    ['/assign', { conversationId: 100, agentID: IDS.agentId }],
  ])('6. %s with a bad body %j is a 422 naming the field', async (path, body) => {
    await createConversation(base());
    const reply = await control('POST', path, body);
    expect(reply.status).toBe(422);
    expect(typeof reply.json.message).toBe('string');
  });

  it('7. an unknown conversation or agent is a 404', async () => {
    const id = await createConversation(base());
    expect((await control('POST', '/agent-reply', { conversationId: 999, text: 'x' })).status).toBe(404);
    expect((await control('POST', '/assign', { conversationId: id, agentId: IDS.requesterId })).status).toBe(404);
    expect((await control('POST', '/close', { conversationId: 999 })).status).toBe(404);
    expect((await control('POST', '/rating', { conversationId: 999, score: 3 })).status).toBe(404);
  });

  it('8. the same moves in code: dixa.agent.reply / assign / close / rate', async () => {
    const id = await createConversation(base());
    const { agent } = server().dixa;
    agent.assign({ conversationId: id, agentId: IDS.secondAgentId });
    agent.reply({ conversationId: id, text: 'from code' });
    agent.close({ conversationId: id });
    agent.rate({ conversationId: id, score: 3 });
    const messages = await read(`/v1/conversations/${id}/messages`);
    expect(messages.at(-1)).toMatchObject({ authorId: IDS.secondAgentId, attributes: { content: { value: 'from code' } } });
    expect((await read(`/v1/conversations/${id}`)).state).toBe('Closed');
    expect((await read(`/v1/conversations/${id}/rating`))[0].ratingScore).toBe(3);
    expect(() => agent.reply({ conversationId: 999, text: 'x' })).toThrow(/999/);
  });
});

describe('state and reset', () => {
  it('9. GET __test/state dumps the store: conversations with their messages, notes, activity, ratings, anonymizations', async () => {
    const id = await createConversation(base());
    await api(base(), 'POST', `/v1/conversations/${id}/notes`, { body: { message: 'Visitor: hi\nAI: hello' } });
    const state = (await control('GET', '/state')).json;
    expect(Object.keys(state).sort()).toEqual(['conversations', 'customAttributes', 'emailIntegrations', 'flows', 'nextConversationId', 'queues', 'tags', 'tokenUserId', 'users']);
    expect(state.nextConversationId).toBe(id + 1);
    const record = state.conversations.find((c: { id: number }) => c.id === id);
    expect(record.notes).toEqual([expect.objectContaining({ message: 'Visitor: hi\nAI: hello', authorId: IDS.tokenUserId })]);
    expect(Object.keys(record).sort()).toEqual(expect.arrayContaining(['activity', 'anonymizations', 'customAttributes', 'messages', 'notes', 'ratings', 'tags']));
  });

  it('10. POST __test/reset restores the fixture and clears faults and stats', async () => {
    await createConversation(base());
    await control('POST', '/faults', { failNext: { count: 5, status: 503 } });
    expect((await control('POST', '/reset')).status).toBe(200);
    expect((await control('GET', '/state')).json.conversations.map((c: { id: number }) => c.id)).toEqual([1, 2, 3]);
    expect((await control('GET', '/faults')).json.failNext).toEqual([]);
    expect((await control('GET', '/stats')).json.requests).toBe(0);
    expect(await createConversation(base())).toBe(100);
  });

  it('11. test routes are never faulted, never counted and need no token; an unknown one is a 404', async () => {
    await control('POST', '/faults', { failNext: { count: 1, status: 500 } });
    expect((await control('GET', '/state')).status).toBe(200);
    expect((await control('GET', '/stats')).json).toEqual({ requests: 0, byRoute: {}, byStatus: {} });
    expect((await control('GET', '/nothing')).status).toBe(404);
    expect((await api(base(), 'GET', '/v1/conversations/1')).status).toBe(500);
  });
});
