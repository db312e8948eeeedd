import { describe, expect, it } from 'vitest';
import { WEB_KEY, call, expectProblem, useBackend } from './fixtures';

const backend = useBackend();
const base = (): string => backend().analytics.baseUrl;

describe('POST /events', () => {
  it.each([
    ['message', { messageId: 'm1' }],
    ['conversation', { conversationId: 'c1' }],
    ['search', { searchQuery: 'install' }],
  ])('1. logs a %s event as a SelectEvent', async (entityType, entity) => {
    const body = { type: 'assistant_message_copied', entityType, ...entity, properties: { a: 1 }, extra: 'x' };
    const reply = await call(base(), 'POST', '/events', { key: WEB_KEY, body });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ type: 'assistant_message_copied', entityType, ...entity, properties: { a: 1 } });
    expect(reply.json.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(reply.json.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(reply.json.projectId).toBeNull();
    expect(reply.json.integrationId).toBeNull();
    expect(reply.json).not.toHaveProperty('extra');
  });

  it('2. keeps a client id, createdAt, projectId and integrationId', async () => {
    const body = {
      id: 'e1',
      type: 'chat_share_button_clicked',
      entityType: 'conversation',
      conversationId: 'c1',
      createdAt: '2024-01-01T00:00:00Z',
      projectId: 'p',
      integrationId: 'i',
    };
    const reply = await call(base(), 'POST', '/events', { key: WEB_KEY, body });
    expect(reply.json).toEqual({ ...body, createdAt: '2024-01-01T00:00:00.000Z' });
  });

  it('3. is idempotent on id: a re-send returns the stored event unchanged', async () => {
    const body = { id: 'dup', type: 'user_message_submitted', entityType: 'message', messageId: 'm1' };
    const first = await call(base(), 'POST', '/events', { key: WEB_KEY, body });
    const again = await call(base(), 'POST', '/events', {
      key: WEB_KEY,
      body: { ...body, type: 'changed', messageId: 'm2' },
    });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(backend().analytics.state.events.size).toBe(1);
  });

  it.each([
    ['the entity field of another type', { type: 't', entityType: 'message', conversationId: 'c1' }, 'messageId'],
    ['an unknown entityType', { type: 't', entityType: 'page' }, 'entityType'],
    ['no type', { entityType: 'search', searchQuery: 'q' }, 'type'],
    ['an empty id', { id: '', type: 't', entityType: 'search', searchQuery: 'q' }, 'id'],
  ])('4. 422 for %s', async (_name, body, field) => {
    const reply = await call(base(), 'POST', '/events', { key: WEB_KEY, body });
    expectProblem(reply, 422, 'unprocessable_entity', 'Unprocessable Entity', '/api/analytics/events');
    expect(reply.json.detail).toContain(`${field}:`);
  });
});
