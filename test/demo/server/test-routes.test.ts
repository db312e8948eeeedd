import { describe, expect, it } from 'vitest';
import { WEB_KEY, call, expectProblem, openaiConversation, useBackend } from './fixtures';

const backend = useBackend();
const base = (): string => backend().analytics.baseUrl;

describe('test routes', () => {
  it('1. __stats counts requests by route and status, faulted ones under their status, drops as "dropped"', async () => {
    await call(base(), 'POST', '/conversations', { key: WEB_KEY, body: openaiConversation({ id: 'c1' }) });
    await call(base(), 'GET', '/conversations/c1', { key: WEB_KEY });
    await call(base(), 'GET', '/conversations/c2', { key: WEB_KEY });
    await call(base(), 'GET', '/conversations', { key: WEB_KEY });
    await call(base(), 'GET', '/whatever', { key: null });
    await call(base(), 'POST', '/__faults', { key: null, body: { failNext: { count: 1, status: 503 } } });
    await call(base(), 'POST', '/events', { body: { type: 't', entityType: 'search', searchQuery: 'q' } });
    await call(base(), 'POST', '/__faults', { key: null, body: { dropNext: 1 } });
    await expect(call(base(), 'DELETE', '/feedback/f1')).rejects.toThrow(TypeError);
    const stats = await call(base(), 'GET', '/__stats', { key: null });
    expect(stats.status).toBe(200);
    expect(stats.json).toEqual({
      requests: 7,
      byRoute: {
        'POST /conversations': 1,
        'GET /conversations/{id}': 2,
        'GET /conversations': 1,
        'GET (unknown route)': 1,
        'POST /events': 1,
        'DELETE /feedback/{id}': 1,
      },
      byStatus: { '200': 2, '404': 2, '403': 1, '503': 1, dropped: 1 },
    });
  });

  it('2. __state returns conversations (response shape), feedback, events and deleted ids', async () => {
    await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'keep' }) });
    await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'drop' }) });
    await call(base(), 'POST', '/feedback', { body: { id: 'f1', type: 'positive', messageId: 'm2' } });
    await call(base(), 'POST', '/events', { body: { id: 'e1', type: 't', entityType: 'conversation', conversationId: 'keep' } });
    await call(base(), 'DELETE', '/conversations/drop');
    const state = await call(base(), 'GET', '/__state', { key: null });
    expect(state.status).toBe(200);
    expect(Object.keys(state.json).sort()).toEqual(['conversations', 'deleted', 'events', 'feedback']);
    expect(state.json.conversations.map((c: { id: string }) => c.id)).toEqual(['keep']);
    expect(state.json.conversations[0].messagesOpenAIFormat).toHaveLength(2);
    expect(state.json.feedback.map((f: { id: string }) => f.id)).toEqual(['f1']);
    expect(state.json.events.map((e: { id: string }) => e.id)).toEqual(['e1']);
    expect(state.json.deleted).toHaveLength(1);
    expect(state.json.deleted[0].id).toBe('drop');
    expect(Date.parse(state.json.deleted[0].deletedAt)).not.toBeNaN();
  });

  it('3. __reset clears state, stats and faults', async () => {
    await call(base(), 'POST', '/conversations', { body: openaiConversation({ id: 'c1' }) });
    await call(base(), 'POST', '/__faults', { key: null, body: { delayMs: 5 } });
    const reply = await call(base(), 'POST', '/__reset', { key: null });
    expect(reply.json).toEqual({ success: true, message: 'State, stats and faults cleared' });
    expect((await call(base(), 'GET', '/__stats', { key: null })).json).toEqual({ requests: 0, byRoute: {}, byStatus: {} });
    expect((await call(base(), 'GET', '/__faults', { key: null })).json.delayMs).toBe(0);
    const state = await call(base(), 'GET', '/__state', { key: null });
    expect(state.json).toEqual({ conversations: [], feedback: [], events: [], deleted: [] });
  });

  it.each([
    ['GET', '/__reset', 'POST'],
    ['POST', '/__stats', 'GET'],
    ['DELETE', '/__state', 'GET'],
  ])('4. %s %s → 405 (Allow: %s)', async (method, path, allow) => {
    const reply = await call(base(), method, path, { key: null });
    expectProblem(reply, 405, 'method_not_allowed', 'Method Not Allowed', `/api/analytics${path}`);
    expect(reply.headers.get('allow')).toBe(allow);
  });
});
