import { describe, expect, it } from 'vitest';
import { IDS, SECONDS_Z, ZONED, api, createConversation, expectData, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;
const read = async (path: string) => expectData(await api(base(), 'GET', path), 200);

/** Conversation 1 of the fixture, as §3.11 shows a conversation. */
const CONVERSATION_1 = {
  id: 1,
  requesterId: IDS.otherRequesterId,
  channel: 'Email',
  createdAt: '2021-12-01T12:40:00Z',
  direction: 'Inbound',
  state: 'Closed',
  stateUpdatedAt: '2021-12-01T13:10:00Z',
  assignment: { agentId: IDS.agentId, assignedAt: '2021-12-01T12:46:36Z' },
  queue: { id: IDS.defaultQueueId, queuedAt: '2021-12-01T12:40:05Z' },
  toEmail: IDS.emailIntegrationId,
  fromEmail: 'laura@example.com',
  integrationEmail: IDS.emailIntegrationId,
  language: 'en',
  subject: 'Cancel my order',
  customAttributes: [],
  _type: 'EmailConversation',
};

describe('3.11 get conversation', () => {
  it('1. the whole conversation, timestamps without millis', async () => {
    const conversation = await read('/v1/conversations/1');
    expect(conversation).toEqual(CONVERSATION_1);
    for (const value of [conversation.createdAt, conversation.stateUpdatedAt, conversation.assignment.assignedAt, conversation.queue.queuedAt]) expect(value).toMatch(SECONDS_Z);
  });

  it('2. a linked ChatConversation carries link {parentId, _type}', async () => {
    expect(await read('/v1/conversations/2')).toMatchObject({ id: 2, channel: 'WidgetChat', link: { parentId: 1, _type: 'SideConversation' }, _type: 'ChatConversation' });
  });

  it('3. assignment, queue and link are absent when not applicable', async () => {
    const conversation = await read('/v1/conversations/3');
    for (const key of ['assignment', 'queue', 'link', 'subject']) expect(conversation).not.toHaveProperty(key);
  });
});

describe('3.12 conversation activity log', () => {
  it('4. the entries {id, conversationId, activityTimestamp …Z[GMT], activityType, _type, author}', async () => {
    expect(await read('/v1/conversations/1/activitylog')).toEqual([
      {
        id: 'fca291e5-8670-41bd-b502-842fd9542e27',
        conversationId: 1,
        activityTimestamp: '2021-12-01T12:46:36.581Z[GMT]',
        activityType: 'ConversationAssignedActivityType',
        _type: 'ConversationAssigned',
        author: { id: IDS.agentId, name: 'Dale Cooper', email: 'dc@dixa.com', phoneNumber: '+4534343434' },
      },
    ]);
  });

  it('5. a conversation nobody claimed has an empty log', async () => {
    expect(await read(`/v1/conversations/${await createConversation(base())}/activitylog`)).toEqual([]);
  });
});

describe('3.15 linked conversations', () => {
  it('6. the conversations whose link.parentId is the id, as full conversations', async () => {
    const linked = await read('/v1/conversations/1/linked');
    expect(linked).toEqual([await read('/v1/conversations/2')]);
  });

  it('7. no children: {"data":[]}', async () => {
    expect(await read('/v1/conversations/2/linked')).toEqual([]);
  });
});

describe('3.16 rating', () => {
  it('8. the ratings {id, ratingScore, ratingType, ratingComment, conversationChannel, agentId, userId, ratingStatus, language, timestamps}', async () => {
    expect(await read('/v1/conversations/1/rating')).toEqual([
      {
        id: '33cf4e5e-9ce9-461c-b668-be9b712b717c',
        ratingScore: 4,
        ratingType: 'Csat',
        ratingComment: 'Super good!',
        conversationChannel: 'Email',
        agentId: IDS.agentId,
        userId: IDS.otherRequesterId,
        ratingStatus: 'Offered',
        language: 'English',
        timestamps: {},
      },
    ]);
  });

  it('9. none: {"data":[]}; no /v1 endpoint writes a rating (§4.8)', async () => {
    const id = await createConversation(base());
    expect(await read(`/v1/conversations/${id}/rating`)).toEqual([]);
    for (const method of ['POST', 'PUT', 'PATCH']) {
      expect((await api(base(), method, `/v1/conversations/${id}/rating`, { body: { ratingScore: 5 } })).status).toBe(404);
    }
  });
});

describe('3.17 list tags', () => {
  it('10. the tags {id, name, state}', async () => {
    expect(await read('/v1/conversations/1/tags')).toEqual([{ id: IDS.handoffTagId, name: 'confab-handoff', state: 'Active' }]);
    expect(await read(`/v1/conversations/${await createConversation(base())}/tags`)).toEqual([]);
  });
});

describe('timestamps in the activity log follow the zoned form', () => {
  it('11. a claim adds an entry stamped now as …Z[GMT]', async () => {
    const id = await createConversation(base());
    await api(base(), 'PUT', `/v1/conversations/${id}/claim`, { body: { agentId: IDS.agentId } });
    const [entry] = await read(`/v1/conversations/${id}/activitylog`);
    expect(entry.activityTimestamp).toBe('2026-01-01T00:00:00.123Z[GMT]');
    expect(entry.activityTimestamp).toMatch(ZONED);
  });
});
