import { describe, expect, it } from 'vitest';
import { API_KEY, WEB_KEY, call, expectProblem, openaiConversation, useBackend } from './fixtures';

const backend = useBackend();
const base = (): string => backend().analytics.baseUrl;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const CONVERSATION_KEYS = [
  'createdAt',
  'externalId',
  'externalUrl',
  'id',
  'integrationId',
  'messages',
  'projectId',
  'supportTicketConversationId',
  'type',
  'updatedAt',
  'visibility',
];
const MESSAGE_KEYS = ['content', 'conversationId', 'createdAt', 'externalId', 'externalUrl', 'id', 'role', 'type', 'updatedAt'];

describe('POST /conversations', () => {
  it('1. creates an openai conversation with every response key and a generated id', async () => {
    const reply = await call(base(), 'POST', '/conversations', { key: WEB_KEY, body: openaiConversation() });
    expect(reply.status).toBe(200);
    const c = reply.json;
    expect(Object.keys(c).sort()).toEqual([...CONVERSATION_KEYS, 'messagesOpenAIFormat'].sort());
    expect(c.id).toMatch(/^conv_[0-9a-f]{32}$/);
    expect(c).toMatchObject({
      type: 'openai',
      externalId: null,
      externalUrl: null,
      supportTicketConversationId: null,
      projectId: null,
      integrationId: null,
      visibility: null,
    });
    expect(c.createdAt).toMatch(ISO);
    expect(c.updatedAt).toMatch(ISO);
    expect(c.messages).toHaveLength(2);
    for (const m of c.messages) {
      expect(Object.keys(m).sort()).toEqual(MESSAGE_KEYS);
      expect(m.type).toBe('openai');
      expect(m.conversationId).toBe(c.id);
      expect(m.externalId).toBeNull();
      expect(m.createdAt).toMatch(ISO);
    }
    expect(c.messages.map((m: { id: string }) => m.id)).toEqual(['m1', 'm2']);
    expect(c.messagesOpenAIFormat).toEqual([
      { role: 'user', content: 'How do I install confab?' },
      { role: 'assistant', content: 'Run npm install confab.' },
    ]);
  });

  it('2. keeps optional fields, tool_calls, links, names and open userProperties; strips unknown keys', async () => {
    const toolCall = { id: 'call_1', type: 'function', function: { name: 'search', arguments: '{"q":"x"}' } };
    const body = {
      id: 'c-opt',
      type: 'openai',
      externalId: 'ext-1',
      externalUrl: 'https://example.com/c/1',
      projectId: 'p1',
      integrationId: 'i1',
      visibility: 'public',
      tags: ['a', 'b'],
      properties: { page: '/docs', nested: { deep: true } },
      userProperties: { id: 42, identificationType: 'COOKIED', plan: 'pro' },
      unknownTopLevel: 'dropped',
      messages: [
        { id: 'u1', role: 'user', name: 'ada', content: [{ type: 'text', text: 'hi' }], sneaky: 1 },
        {
          id: 'a1',
          role: 'assistant',
          content: 'Answer',
          tool_calls: [toolCall],
          links: [{ url: 'https://docs.example.com', title: 'Docs', type: 'my_custom_type', breadcrumbs: ['Docs'] }],
          properties: null,
        },
      ],
    };
    const reply = await call(base(), 'POST', '/conversations', { key: WEB_KEY, body });
    expect(reply.status).toBe(200);
    const c = reply.json;
    expect(c).not.toHaveProperty('unknownTopLevel');
    expect(c).toMatchObject({
      id: 'c-opt',
      externalId: 'ext-1',
      externalUrl: 'https://example.com/c/1',
      projectId: 'p1',
      integrationId: 'i1',
      visibility: 'public',
      tags: ['a', 'b'],
      properties: { page: '/docs', nested: { deep: true } },
      userProperties: { id: 42, identificationType: 'COOKIED', plan: 'pro' },
    });
    expect(c.messages[0]).not.toHaveProperty('sneaky');
    expect(c.messages[0]).toMatchObject({ name: 'ada', content: [{ type: 'text', text: 'hi' }] });
    expect(c.messages[1].tool_calls).toEqual([toolCall]);
    expect(c.messages[1].links).toEqual(body.messages[1]?.links);
    expect(c.messages[1].properties).toBeNull();
    expect(c.messagesOpenAIFormat).toEqual([
      { role: 'user', name: 'ada', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: 'Answer', tool_calls: [toolCall] },
    ]);
  });

  it('3. upsert: the full list replaces stored messages; client ids and createdAt are kept', async () => {
    const first = await call(base(), 'POST', '/conversations', {
      key: WEB_KEY,
      body: openaiConversation({ id: 'c-up', messages: [{ id: 'm1', role: 'user', content: 'q1' }] }),
    });
    await new Promise((r) => setTimeout(r, 5));
    const second = await call(base(), 'POST', '/conversations', {
      key: WEB_KEY,
      body: openaiConversation({
        id: 'c-up',
        messages: [
          { id: 'm1', role: 'user', content: 'q1' },
          { id: 'm2', role: 'assistant', content: 'a1' },
          { role: 'user', content: 'q2 without id' },
        ],
      }),
    });
    expect(second.status).toBe(200);
    expect(second.json.createdAt).toBe(first.json.createdAt);
    expect(second.json.updatedAt > first.json.updatedAt).toBe(true);
    expect(second.json.messages.map((m: { id: string }) => m.id).slice(0, 2)).toEqual(['m1', 'm2']);
    expect(second.json.messages[2].id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(second.json.messages[0].createdAt).toBe(first.json.messages[0].createdAt);

    const third = await call(base(), 'POST', '/conversations', {
      key: WEB_KEY,
      body: openaiConversation({ id: 'c-up', messages: [{ id: 'only', role: 'user', content: 'reset' }] }),
    });
    expect(third.json.messages.map((m: { id: string }) => m.id)).toEqual(['only']);
    const stored = await call(base(), 'GET', '/conversations/c-up', { key: WEB_KEY });
    expect(stored.json.messages.map((m: { id: string }) => m.id)).toEqual(['only']);
    expect(backend().analytics.state.conversations.size).toBe(1);
  });

  it('4. normalises given timestamps to UTC and keeps them', async () => {
    const reply = await call(base(), 'POST', '/conversations', {
      body: openaiConversation({
        id: 'c-time',
        createdAt: '2024-05-01T12:00:00+02:00',
        updatedAt: '2024-05-01T10:30:00Z',
        messages: [{ id: 'm1', role: 'user', content: 'x', createdAt: '2024-05-01T10:00:00.5-01:00' }],
      }),
    });
    expect(reply.json.createdAt).toBe('2024-05-01T10:00:00.000Z');
    expect(reply.json.updatedAt).toBe('2024-05-01T10:30:00.000Z');
    expect(reply.json.messages[0].createdAt).toBe('2024-05-01T11:00:00.500Z');
  });

  it('5. stores support_ticket conversations: any role, null content, no messagesOpenAIFormat', async () => {
    const reply = await call(base(), 'POST', '/conversations', {
      body: {
        type: 'support_ticket',
        id: 't1',
        messages: [
          { id: 's1', role: 'customer', content: 'Help' },
          { id: 's2', role: 'agent', tool_calls: [] },
        ],
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).not.toHaveProperty('messagesOpenAIFormat');
    expect(reply.json.messages[0]).toMatchObject({ role: 'customer', content: 'Help', type: 'support_ticket' });
    expect(reply.json.messages[1].content).toBeNull();
    expect(reply.json.messages[1]).not.toHaveProperty('tool_calls');
    const copilot = await call(base(), 'POST', '/conversations', {
      body: { type: 'support_copilot', messages: [{ role: 'x', content: 'y' }] },
    });
    expect(copilot.json.type).toBe('support_copilot');
  });

  it.each([
    ['a tool role in openai', { messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].role'],
    ['no messages', { messages: [] }, 'messages'],
    ['array content on a support ticket', { type: 'support_ticket', messages: [{ role: 'a', content: [] }] }, 'messages[0].content'],
    ['an unknown type', { type: 'chat' }, 'type'],
    ['a timestamp without timezone', { createdAt: '2024-05-01T10:00:00' }, 'createdAt'],
    ['an empty id', { id: '' }, 'id'],
    ['a null id', { id: null }, 'id'],
    ['content that is neither text nor parts', { messages: [{ role: 'user', content: 5 }] }, 'messages[0].content'],
  ])('6. 422 for %s, naming the field', async (_name, overrides, field) => {
    const reply = await call(base(), 'POST', '/conversations', { body: openaiConversation(overrides) });
    expectProblem(reply, 422, 'unprocessable_entity', 'Unprocessable Entity', '/api/analytics/conversations');
    expect(reply.json.detail).toContain(`${field}:`);
  });

  it('7. 422 for duplicate message ids in one history', async () => {
    const reply = await call(base(), 'POST', '/conversations', {
      body: openaiConversation({ messages: [{ id: 'd', role: 'user', content: 'a' }, { id: 'd', role: 'assistant', content: 'b' }] }),
    });
    expectProblem(reply, 422, 'unprocessable_entity', 'Unprocessable Entity', '/api/analytics/conversations');
    expect(reply.json.detail).toContain('messages[1].id: duplicates messages[0].id');
  });

  // Issue 11 (fidelity): the official model types userProperties.userId as string | number.
  it('7a. takes userProperties.userId as a number, and null for its known keys, on a conversation and on feedback', async () => {
    const userProperties = { id: 7, userId: 42, identificationType: null, userType: null };
    const conversation = await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'c-user', userProperties }) });
    expect(conversation.status).toBe(200);
    expect(conversation.json.userProperties).toEqual(userProperties);
    const feedback = await call(base(), 'POST', '/feedback', { body: { type: 'positive', messageId: 'm2', userProperties } });
    expect(feedback.status).toBe(200);
    expect(feedback.json.userProperties).toEqual(userProperties);
  });
});

describe('GET /conversations/{id}, /conversations/external/{externalId}, DELETE', () => {
  it('8. gets a conversation with the web key, and 404s an unknown one', async () => {
    await call(base(), 'POST', '/conversations', { key: WEB_KEY, body: openaiConversation({ id: 'c/1 é' }) });
    const reply = await call(base(), 'GET', `/conversations/${encodeURIComponent('c/1 é')}`, { key: WEB_KEY });
    expect(reply.status).toBe(200);
    expect(reply.json.id).toBe('c/1 é');
    expect(reply.json.messagesOpenAIFormat).toHaveLength(2);
    const missing = await call(base(), 'GET', '/conversations/nope', { key: WEB_KEY });
    expectProblem(missing, 404, 'not_found', 'Not Found', '/api/analytics/conversations/nope');
    expect(missing.json.detail).toBe('Conversation nope not found');
  });

  it('9. finds the most recently updated conversation by externalId', async () => {
    await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'old', externalId: 'x-1' }) });
    await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'new', externalId: 'x-1' }) });
    const reply = await call(base(), 'GET', '/conversations/external/x-1');
    expect(reply.status).toBe(200);
    expect(reply.json.id).toBe('new');
    const missing = await call(base(), 'GET', '/conversations/external/x-2');
    expectProblem(missing, 404, 'not_found', 'Not Found', '/api/analytics/conversations/external/x-2');
  });

  it('10. deletes a conversation, then 404s it and a second delete', async () => {
    await call(base(), 'POST', '/conversations', { key: WEB_KEY, body: openaiConversation({ id: 'gone' }) });
    const reply = await call(base(), 'DELETE', '/conversations/gone', { key: WEB_KEY });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ success: true, message: 'Conversation gone deleted' });
    const after = await call(base(), 'GET', '/conversations/gone', { key: WEB_KEY });
    expect(after.status).toBe(404);
    const again = await call(base(), 'DELETE', '/conversations/gone', { key: WEB_KEY });
    expectProblem(again, 404, 'not_found', 'Not Found', '/api/analytics/conversations/gone');
    expect(backend().analytics.state.deleted.map((d) => d.id)).toEqual(['gone']);
  });
});

describe('GET /conversations (list)', () => {
  async function seed(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: `c${i}` }) });
    }
  }

  it('11. lists most recently updated first with total, pageSize and count (default limit 20)', async () => {
    await seed(25);
    const reply = await call(base(), 'GET', '/conversations', { key: API_KEY });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json).sort()).toEqual(['conversations', 'count', 'pageSize', 'total']);
    expect(reply.json.total).toBe(25);
    expect(reply.json.pageSize).toBe(20);
    expect(reply.json.count).toBe(20);
    expect(reply.json.conversations[0].id).toBe('c24');
    expect(reply.json.conversations[19].id).toBe('c5');
    expect(reply.json.conversations[0].messagesOpenAIFormat).toHaveLength(2);
  });

  it('12. pages with limit and offset; an upsert moves a conversation to the front', async () => {
    await seed(5);
    await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'c1' }) });
    const page = await call(base(), 'GET', '/conversations?limit=2&offset=1');
    expect(page.json.conversations.map((c: { id: string }) => c.id)).toEqual(['c4', 'c3']);
    expect(page.json).toMatchObject({ total: 5, pageSize: 2, count: 2 });
    const tail = await call(base(), 'GET', '/conversations?limit=3&offset=4');
    expect(tail.json.conversations.map((c: { id: string }) => c.id)).toEqual(['c0']);
    expect(tail.json).toMatchObject({ total: 5, pageSize: 3, count: 1 });
    const beyond = await call(base(), 'GET', '/conversations?offset=50');
    expect(beyond.json).toMatchObject({ conversations: [], total: 5, pageSize: 20, count: 0 });
    const first = await call(base(), 'GET', '/conversations?limit=1');
    expect(first.json.conversations[0].id).toBe('c1');
  });

  it.each([
    ['limit=0', 200, 0],
    ['limit=100', 200, 100],
    ['limit=101', 400, null],
    ['limit=-1', 400, null],
    ['limit=1.5', 400, null],
    ['limit=abc', 400, null],
    ['limit=', 400, null],
    ['offset=-1', 400, null],
    ['offset=0.5', 400, null],
  ])('13. bounds: %s → %i', async (query, status, pageSize) => {
    await seed(3);
    const reply = await call(base(), 'GET', `/conversations?${query}`);
    if (status === 200) {
      expect(reply.status).toBe(200);
      expect(reply.json.pageSize).toBe(pageSize);
      expect(reply.json.count).toBe(Math.min(3, pageSize ?? 0));
      expect(reply.json.total).toBe(3);
    } else {
      expectProblem(reply, 400, 'bad_request', 'Bad Request', '/api/analytics/conversations');
      expect(reply.json.detail).toMatch(/^Query parameter (limit|offset) must be an integer/);
    }
  });
});
