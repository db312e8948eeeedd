import { describe, expect, it } from 'vitest';
import { WEB_KEY, call, expectProblem, openaiConversation, useBackend } from './fixtures';

const backend = useBackend();
const base = (): string => backend().analytics.baseUrl;

async function logConversation(id: string, messageIds: string[]): Promise<void> {
  const messages = messageIds.map((m, i) => ({ id: m, role: i % 2 === 0 ? 'user' : 'assistant', content: `text ${m}` }));
  const reply = await call(base(), 'POST', '/conversations', { key: WEB_KEY, body: openaiConversation({ id, messages }) });
  expect(reply.status).toBe(200);
}

describe('POST /feedback', () => {
  it('1. logs feedback with the web key; absent id → generated, every field kept', async () => {
    await logConversation('c1', ['u1', 'a1']);
    const body = {
      type: 'negative',
      messageId: 'a1',
      reasons: [{ label: 'inaccurate_statement', details: 'wrong version' }],
      details: 'It said v2',
      userProperties: { userId: 'u-7', extra: true },
      properties: { page: '/x' },
      sources: [{ type: 'doc', title: 'Install', url: 'https://d' }],
      junk: 'stripped',
    };
    const reply = await call(base(), 'POST', '/feedback', { key: WEB_KEY, body });
    expect(reply.status).toBe(200);
    const { junk: _junk, ...expected } = body;
    expect(reply.json).toMatchObject(expected);
    expect(reply.json).not.toHaveProperty('junk');
    expect(reply.json.id).toMatch(/^fb_[0-9a-f]{32}$/);
    expect(reply.json.createdAt).toBe(reply.json.updatedAt);
  });

  it('2. upserts by id: a changed vote replaces the feedback and keeps createdAt', async () => {
    await logConversation('c1', ['u1', 'a1']);
    const first = await call(base(), 'POST', '/feedback', {
      key: WEB_KEY,
      body: { id: 'fb-1', type: 'positive', messageId: 'a1', details: 'great' },
    });
    await new Promise((r) => setTimeout(r, 5));
    const second = await call(base(), 'POST', '/feedback', {
      key: WEB_KEY,
      body: { id: 'fb-1', type: 'negative', messageId: 'a1', reasons: [{ label: 'unrelated_response', details: '' }] },
    });
    expect(second.status).toBe(200);
    expect(second.json.id).toBe('fb-1');
    expect(second.json.type).toBe('negative');
    expect(second.json).not.toHaveProperty('details');
    expect(second.json.createdAt).toBe(first.json.createdAt);
    expect(second.json.updatedAt > first.json.updatedAt).toBe(true);
    expect(backend().analytics.state.feedback.size).toBe(1);
  });

  it('3. accepts feedback for an unknown message, but leaves it out of lists and 404s its context', async () => {
    const reply = await call(base(), 'POST', '/feedback', { key: WEB_KEY, body: { id: 'orphan', type: 'positive', messageId: 'ghost' } });
    expect(reply.status).toBe(200);
    const list = await call(base(), 'GET', '/feedback');
    expect(list.json).toEqual({ positiveFeedbackCount: 0, negativeFeedbackCount: 0, positiveFeedback: [], negativeFeedback: [] });
    const one = await call(base(), 'GET', '/feedback/orphan');
    expectProblem(one, 404, 'not_found', 'Not Found', '/api/analytics/feedback/orphan');
    expect(one.json.detail).toBe('Feedback orphan refers to message ghost, which is not logged');
  });

  it.each([
    ['no type', { messageId: 'a1' }, 'type'],
    ['a neutral type', { type: 'neutral', messageId: 'a1' }, 'type'],
    ['no messageId', { type: 'positive' }, 'messageId'],
    ['a reason without details', { type: 'positive', messageId: 'a1', reasons: [{ label: 'x' }] }, 'reasons[0].details'],
  ])('4. 422 for %s', async (_name, body, field) => {
    const reply = await call(base(), 'POST', '/feedback', { key: WEB_KEY, body });
    expectProblem(reply, 422, 'unprocessable_entity', 'Unprocessable Entity', '/api/analytics/feedback');
    expect(reply.json.detail).toContain(`${field}:`);
  });
});

describe('GET /feedback, GET and DELETE /feedback/{id}', () => {
  it('5. lists positive and negative feedback with context and total counts', async () => {
    await logConversation('c1', ['u1', 'a1', 'u2', 'a2']);
    await call(base(), 'POST', '/feedback', { body: { id: 'p1', type: 'positive', messageId: 'a1' } });
    await call(base(), 'POST', '/feedback', { body: { id: 'n1', type: 'negative', messageId: 'a2' } });
    await call(base(), 'POST', '/feedback', { body: { id: 'p2', type: 'positive', messageId: 'a2' } });
    const reply = await call(base(), 'GET', '/feedback');
    expect(reply.status).toBe(200);
    expect(reply.json.positiveFeedbackCount).toBe(2);
    expect(reply.json.negativeFeedbackCount).toBe(1);
    expect(reply.json.positiveFeedback.map((f: { id: string }) => f.id)).toEqual(['p2', 'p1']);
    const n1 = reply.json.negativeFeedback[0];
    expect(n1).toMatchObject({ id: 'n1', type: 'negative', messageId: 'a2' });
    expect(n1.conversation.id).toBe('c1');
    expect(n1.conversation.messagesOpenAIFormat).toHaveLength(4);
    expect(n1.message).toMatchObject({ id: 'a2', conversationId: 'c1', role: 'assistant', content: 'text a2' });
  });

  it('6. pages each list with limit (default 10) and offset; counts stay totals', async () => {
    await logConversation('c1', ['u1', 'a1']);
    for (let i = 0; i < 12; i += 1) {
      await call(base(), 'POST', '/feedback', { body: { id: `p${i}`, type: 'positive', messageId: 'a1' } });
    }
    const first = await call(base(), 'GET', '/feedback');
    expect(first.json.positiveFeedback).toHaveLength(10);
    expect(first.json.positiveFeedbackCount).toBe(12);
    const page = await call(base(), 'GET', '/feedback?limit=5&offset=10');
    expect(page.json.positiveFeedback.map((f: { id: string }) => f.id)).toEqual(['p1', 'p0']);
    expect(page.json.positiveFeedbackCount).toBe(12);
    const bad = await call(base(), 'GET', '/feedback?limit=101');
    expectProblem(bad, 400, 'bad_request', 'Bad Request', '/api/analytics/feedback');
  });

  it('7. gets one feedback with context', async () => {
    await logConversation('c1', ['u1', 'a1']);
    await call(base(), 'POST', '/feedback', { key: WEB_KEY, body: { id: 'f1', type: 'positive', messageId: 'a1' } });
    const reply = await call(base(), 'GET', '/feedback/f1');
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ id: 'f1', type: 'positive', messageId: 'a1' });
    expect(reply.json.conversation.id).toBe('c1');
    expect(reply.json.message.id).toBe('a1');
    const missing = await call(base(), 'GET', '/feedback/f2');
    expectProblem(missing, 404, 'not_found', 'Not Found', '/api/analytics/feedback/f2');
    expect(missing.json.detail).toBe('Feedback f2 not found');
  });

  it('8. deletes one feedback, then 404s it', async () => {
    await call(base(), 'POST', '/feedback', { key: WEB_KEY, body: { id: 'f1', type: 'positive', messageId: 'a1' } });
    const reply = await call(base(), 'DELETE', '/feedback/f1');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ success: true, message: 'Feedback f1 deleted' });
    expect(backend().analytics.state.feedback.has('f1')).toBe(false);
    const again = await call(base(), 'DELETE', '/feedback/f1');
    expectProblem(again, 404, 'not_found', 'Not Found', '/api/analytics/feedback/f1');
  });

  it('9. deleting a conversation removes the feedback on its messages, and only that', async () => {
    await logConversation('c1', ['u1', 'a1']);
    await logConversation('c2', ['u2', 'a2']);
    await call(base(), 'POST', '/feedback', { key: WEB_KEY, body: { id: 'on-c1', type: 'positive', messageId: 'a1' } });
    await call(base(), 'POST', '/feedback', { key: WEB_KEY, body: { id: 'on-c2', type: 'negative', messageId: 'a2' } });
    await call(base(), 'POST', '/feedback', { key: WEB_KEY, body: { id: 'orphan', type: 'negative', messageId: 'ghost' } });
    const reply = await call(base(), 'DELETE', '/conversations/c1', { key: WEB_KEY });
    expect(reply.status).toBe(200);
    expect([...backend().analytics.state.feedback.keys()].sort()).toEqual(['on-c2', 'orphan']);
    const list = await call(base(), 'GET', '/feedback');
    expect(list.json.positiveFeedbackCount).toBe(0);
    expect(list.json.negativeFeedback.map((f: { id: string }) => f.id)).toEqual(['on-c2']);
  });
});
