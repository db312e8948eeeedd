import { describe, expect, it } from 'vitest';
import { IDS, UUID, api, createConversation, endpointBody, expectData, expectMessage, expectNoContent, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;
const B = 'Invalid value for: body';
const NOT_FOUND = 'An entity in this request could not be found';
const UNKNOWN = '00000000-0000-4000-8000-000000000004';

const put = (path: string, body?: unknown, raw?: string) =>
  api(base(), 'PUT', path, raw === undefined ? (body === undefined ? {} : { body }) : { raw, headers: { 'Content-Type': 'application/json' } });
const get = async (id: number) => expectData(await api(base(), 'GET', `/v1/conversations/${id}`), 200);

describe('3.8 claim', () => {
  it('1. the sample {agentId, force:false} on an unassigned conversation: 204, assignment set, a ConversationAssigned entry', async () => {
    const id = await createConversation(base());
    expectNoContent(await put(`/v1/conversations/${id}/claim`, { agentId: IDS.secondAgentId, force: false }));
    expect((await get(id)).assignment).toEqual({ agentId: IDS.secondAgentId, assignedAt: '2026-01-01T00:00:00Z' });
    const [entry] = expectData(await api(base(), 'GET', `/v1/conversations/${id}/activitylog`), 200);
    expect(entry).toEqual({
      id: expect.stringMatching(UUID),
      conversationId: id,
      activityTimestamp: '2026-01-01T00:00:00.123Z[GMT]',
      activityType: 'ConversationAssignedActivityType',
      _type: 'ConversationAssigned',
      author: { id: IDS.secondAgentId, name: 'Audrey Horne', email: 'audrey@confab.example', phoneNumber: '+4511111111' },
    });
  });

  it('2. force:false on a conversation assigned to another agent: 204, assignment unchanged (GAP 9)', async () => {
    const id = await createConversation(base());
    await put(`/v1/conversations/${id}/claim`, { agentId: IDS.agentId });
    server().advance(60_000);
    expectNoContent(await put(`/v1/conversations/${id}/claim`, { agentId: IDS.secondAgentId, force: false }));
    expect((await get(id)).assignment).toEqual({ agentId: IDS.agentId, assignedAt: '2026-01-01T00:00:00Z' });
  });

  it('3. force:true, or force left out, takes the conversation over', async () => {
    const id = await createConversation(base());
    await put(`/v1/conversations/${id}/claim`, { agentId: IDS.agentId });
    expectNoContent(await put(`/v1/conversations/${id}/claim`, { agentId: IDS.secondAgentId, force: true }));
    expect((await get(id)).assignment.agentId).toBe(IDS.secondAgentId);
    expectNoContent(await put(`/v1/conversations/${id}/claim`, { agentId: IDS.agentId }));
    expect((await get(id)).assignment.agentId).toBe(IDS.agentId);
    expect(expectData(await api(base(), 'GET', `/v1/conversations/${id}/activitylog`), 200)).toHaveLength(3);
  });

  it.each([
    ['no body', ''],
    ['agentId missing', '{"force":true}'],
    ['agentId not a uuid', '{"agentId":"dale"}'],
    ['force not a boolean', `{"agentId":"${IDS.agentId}","force":"no"}`],
  ])('4. 400 B: %s', async (_name, raw) => {
    expectMessage(await put(`/v1/conversations/${await createConversation(base())}/claim`, undefined, raw), 400, B);
  });

  it('5. 404 for an agentId that is no agent of the org', async () => {
    const id = await createConversation(base());
    expectMessage(await put(`/v1/conversations/${id}/claim`, { agentId: UNKNOWN }), 404, NOT_FOUND);
    expectMessage(await put(`/v1/conversations/${id}/claim`, { agentId: IDS.requesterId }), 404, NOT_FOUND);
  });
});

describe('3.9 close', () => {
  it('6. no body and no content type: 204, state Closed, stateUpdatedAt now', async () => {
    const id = await createConversation(base());
    server().advance(90_000);
    const reply = await fetch(`${base()}/v1/conversations/${id}/close`, { method: 'PUT', headers: { Authorization: 'confab-demo-dixa-token' } });
    expect(reply.status).toBe(204);
    expect(await reply.text()).toBe('');
    expect(await get(id)).toMatchObject({ state: 'Closed', stateUpdatedAt: '2026-01-01T00:01:30Z' });
  });

  it('7. {} and {userId: <agent or admin>} close too', async () => {
    expectNoContent(await put(`/v1/conversations/${await createConversation(base())}/close`, {}));
    expectNoContent(await put(`/v1/conversations/${await createConversation(base())}/close`, { userId: IDS.agentId }));
    expectNoContent(await put(`/v1/conversations/${await createConversation(base())}/close`, { userId: IDS.tokenUserId }));
  });

  it('8. 400 User not found; 400 User is not agent/admin; 400 B', async () => {
    const id = await createConversation(base());
    expectMessage(await put(`/v1/conversations/${id}/close`, { userId: UNKNOWN }), 400, 'User not found');
    expectMessage(await put(`/v1/conversations/${id}/close`, { userId: IDS.requesterId }), 400, 'User is not agent/admin');
    expectMessage(await put(`/v1/conversations/${id}/close`, undefined, '{"userId":"dale"}'), 400, B);
    expectMessage(await put(`/v1/conversations/${id}/close`, undefined, '{"userId":'), 400, B);
    expect((await get(id)).state).toBe('Open');
  });

  it('9. closing a Closed conversation is a 204 no-op (GAP 10)', async () => {
    const id = await createConversation(base());
    await put(`/v1/conversations/${id}/close`);
    server().advance(5_000);
    expectNoContent(await put(`/v1/conversations/${id}/close`));
    expect((await get(id)).stateUpdatedAt).toBe('2026-01-01T00:00:00Z');
  });
});

describe('3.21 reopen', () => {
  it('10. Closed → Open, offered again in the same queue, assignment cleared', async () => {
    const id = await createConversation(base(), endpointBody());
    await put(`/v1/conversations/${id}/claim`, { agentId: IDS.agentId });
    await put(`/v1/conversations/${id}/close`);
    server().advance(60_000);
    expectNoContent(await put(`/v1/conversations/${id}/reopen`, { userId: IDS.agentId }));
    const conversation = await get(id);
    expect(conversation).toMatchObject({ state: 'Open', stateUpdatedAt: '2026-01-01T00:01:00Z', queue: { id: IDS.queueId, queuedAt: '2026-01-01T00:01:00Z' } });
    expect(conversation).not.toHaveProperty('assignment');
  });

  it('11. a conversation without a queue falls back to the default queue', async () => {
    await put('/v1/conversations/3/close');
    expectNoContent(await put('/v1/conversations/3/reopen'));
    expect((await get(3)).queue).toEqual({ id: IDS.defaultQueueId, queuedAt: '2026-01-01T00:00:00Z' });
  });

  it('12. reopening an Open conversation is a 204 no-op (GAP 10)', async () => {
    const id = await createConversation(base());
    await put(`/v1/conversations/${id}/claim`, { agentId: IDS.agentId });
    expectNoContent(await put(`/v1/conversations/${id}/reopen`));
    expect((await get(id)).assignment.agentId).toBe(IDS.agentId);
  });

  it('13. 400 User not found; 400 User is not agent/admin; 400 B', async () => {
    const id = await createConversation(base());
    await put(`/v1/conversations/${id}/close`);
    expectMessage(await put(`/v1/conversations/${id}/reopen`, { userId: UNKNOWN }), 400, 'User not found');
    expectMessage(await put(`/v1/conversations/${id}/reopen`, { userId: IDS.otherRequesterId }), 400, 'User is not agent/admin');
    expectMessage(await put(`/v1/conversations/${id}/reopen`, undefined, '[1]'), 400, B);
    expect((await get(id)).state).toBe('Closed');
  });
});

describe('3.23 transfer to queue', () => {
  it('14. the sample: 204, queue {id, queuedAt}, assignment cleared', async () => {
    const id = await createConversation(base());
    await put(`/v1/conversations/${id}/claim`, { agentId: IDS.agentId });
    server().advance(2_000);
    expectNoContent(await put(`/v1/conversations/${id}/transfer/queue`, { queueId: IDS.queueId, userId: IDS.agentId }));
    const conversation = await get(id);
    expect(conversation.queue).toEqual({ id: IDS.queueId, queuedAt: '2026-01-01T00:00:02Z' });
    expect(conversation).not.toHaveProperty('assignment');
  });

  it('15. 400 Queue does not exist; User not found; User is not agent/admin; B', async () => {
    const id = await createConversation(base());
    expectMessage(await put(`/v1/conversations/${id}/transfer/queue`, { queueId: UNKNOWN }), 400, 'Queue does not exist');
    expectMessage(await put(`/v1/conversations/${id}/transfer/queue`, { queueId: IDS.queueId, userId: UNKNOWN }), 400, 'User not found');
    expectMessage(await put(`/v1/conversations/${id}/transfer/queue`, { queueId: IDS.queueId, userId: IDS.requesterId }), 400, 'User is not agent/admin');
    expectMessage(await put(`/v1/conversations/${id}/transfer/queue`, {}), 400, B);
    expectMessage(await put(`/v1/conversations/${id}/transfer/queue`, { queueId: 'handoff' }), 400, B);
    expectMessage(await put(`/v1/conversations/${id}/transfer/queue`, undefined, ''), 400, B);
    expect((await get(id)).queue.id).toBe(IDS.defaultQueueId);
  });
});
