/**
 * The Dixa organisation the reference server starts with (and returns to on reset): the
 * users, queues, tags, custom attributes, flows and email integrations an operator would
 * look up in Dixa's admin and put in confab's configuration (contracts/dixa.md §4: the API
 * cannot list or create them), plus three past conversations for the read-only endpoints
 * (linked conversations, ratings, search, the org activity log; the third has no queue, so a
 * reopen falls back to the default one). Ids are the contract's
 * sample ids where it has one.
 */
import type { ConversationRecord, CustomAttributeDef, FlowRecord, QueueRecord, TagRecord, UserRecord } from './records';

/** Everything the server is seeded from. */
export interface DixaFixture {
  /** The user the default token belongs to (§1.2): default note author, `requestedBy` of anonymizations. */
  tokenUserId: string;
  /** The id of the first conversation created through the API (the create sample answers 100). */
  firstConversationId: number;
  users: UserRecord[];
  queues: QueueRecord[];
  tags: TagRecord[];
  customAttributes: CustomAttributeDef[];
  flows: FlowRecord[];
  /** Addresses accepted as `emailIntegrationId` when creating an Email conversation. */
  emailIntegrations: string[];
  conversations: ConversationRecord[];
}

/** The ids of the fixture by role, for configuration, the demo and the tests. */
export const DIXA_IDS = {
  /** Admin "confab integration": owner of the default token. */
  tokenUserId: '5e8a300e-787e-47cd-af53-fc1ccc37933d',
  /** Agent Dale Cooper (the activity-log sample's author). */
  agentId: 'a53b25da-f676-4c52-acac-58c9280aa23d',
  /** Agent Audrey Horne (the claim sample's agent). */
  secondAgentId: '5a556159-9c21-4f3e-a44f-d323deb80d16',
  /** End user "Demo Visitor": the requester confab creates handoff conversations for (§4.1). */
  requesterId: '9c2a2cce-699f-4a72-89d9-fda5bc8dec8b',
  /** End user Laura Palmer, requester of the seeded conversations. */
  otherRequesterId: 'd58c8b1c-85ad-4678-a6c8-7442945f3836',
  /** Queue "Chat handoff": where confab routes handoffs (the transfer sample's queue). */
  queueId: '92f8d193-b26f-4a62-86a3-bb03ee0915e9',
  /** Queue "General", the organisation's default queue. */
  defaultQueueId: 'cd87b232-64c8-4ad5-b81a-6f9233352d97',
  /** Active tag "confab-handoff". */
  handoffTagId: 'b794a74a-625b-4303-8237-9b11668a9605',
  /** Inactive tag "legacy": tagging with it is refused (§3.18). */
  inactiveTagId: '7adc1c11-aff2-4de6-b57c-e0fd8024f93e',
  /** Text attribute "confab session" (`confab_session_id`): links a conversation to confab's. */
  sessionAttributeId: '2f5515b6-7e98-4f4d-9010-bfd2a27d4f35',
  /** Select attribute "Topics" (`topics`). */
  topicsAttributeId: 'e14708a6-eed9-495c-9d88-c72331e9e247',
  /** The email integration of the create sample. */
  emailIntegrationId: 'my-integration@email.dixa.io',
  /** Contact endpoint of the "Website chat" flow (channel WidgetChat). */
  widgetEndpointId: 'confab-demo-widget',
  /** Contact endpoint of the "Default call flow" (channel PstnPhone, the flows sample). */
  phoneEndpointId: '+559912443333',
} as const;

const user = (id: string, name: string, email: string, phoneNumber: string, role: UserRecord['role']): UserRecord => ({ id, name, email, phoneNumber, role });

/** Fields every seeded conversation starts with. */
function seeded(fields: Omit<ConversationRecord, 'customAttributes' | 'tags' | 'messages' | 'notes' | 'activity' | 'ratings' | 'anonymizations'> & Partial<ConversationRecord>): ConversationRecord {
  return { customAttributes: {}, tags: [], messages: [], notes: [], activity: [], ratings: [], anonymizations: [], ...fields };
}

const DALE = user(DIXA_IDS.agentId, 'Dale Cooper', 'dc@dixa.com', '+4534343434', 'Agent');

/** The default seed. Treat it as read-only: the state deep-copies it. */
export const DIXA_FIXTURE: DixaFixture = {
  tokenUserId: DIXA_IDS.tokenUserId,
  firstConversationId: 100,
  users: [
    user(DIXA_IDS.tokenUserId, 'confab integration', 'integration@confab.example', '+4500000000', 'Admin'),
    DALE,
    user(DIXA_IDS.secondAgentId, 'Audrey Horne', 'audrey@confab.example', '+4511111111', 'Agent'),
    user(DIXA_IDS.requesterId, 'Demo Visitor', 'visitor@example.com', '+4522222222', 'EndUser'),
    user(DIXA_IDS.otherRequesterId, 'Laura Palmer', 'laura@example.com', '+4533333333', 'EndUser'),
  ],
  queues: [
    { id: DIXA_IDS.defaultQueueId, name: 'General', isDefault: true },
    { id: DIXA_IDS.queueId, name: 'Chat handoff', isDefault: false },
  ],
  tags: [
    { id: DIXA_IDS.handoffTagId, name: 'confab-handoff', state: 'Active' },
    { id: DIXA_IDS.inactiveTagId, name: 'legacy', state: 'Inactive' },
  ],
  customAttributes: [
    { id: DIXA_IDS.sessionAttributeId, name: 'confab session', identifier: 'confab_session_id', type: 'Text' },
    { id: DIXA_IDS.topicsAttributeId, name: 'Topics', identifier: 'topics', type: 'Select' },
  ],
  flows: [
    { id: 'd546e9a8-82c2-409f-b688-e9199ea69f83', name: 'Default call flow', channel: 'PstnPhone', contactEndpointId: DIXA_IDS.phoneEndpointId },
    { id: '7ad758ae-8e07-42b9-8791-9c83ffac3bf6', name: 'Website chat', channel: 'WidgetChat', contactEndpointId: DIXA_IDS.widgetEndpointId },
    { id: '9d11188c-7ace-402d-8c34-da7216d0c30f', name: 'Support email', channel: 'Email', contactEndpointId: DIXA_IDS.emailIntegrationId },
    { id: '729111df-6f7e-4f24-8ae8-4f750b4e7347', name: 'Contact form', channel: 'ContactForm', contactEndpointId: 'contact-form@confab.example' },
  ],
  emailIntegrations: [DIXA_IDS.emailIntegrationId],
  conversations: [
    seeded({
      id: 1,
      _type: 'EmailConversation',
      channel: 'Email',
      requesterId: DIXA_IDS.otherRequesterId,
      direction: 'Inbound',
      state: 'Closed',
      createdAt: '2021-12-01T12:40:00.000Z',
      stateUpdatedAt: '2021-12-01T13:10:00.000Z',
      assignment: { agentId: DIXA_IDS.agentId, assignedAt: '2021-12-01T12:46:36.581Z' },
      queue: { id: DIXA_IDS.defaultQueueId, queuedAt: '2021-12-01T12:40:05.000Z' },
      language: 'en',
      subject: 'Cancel my order',
      toEmail: DIXA_IDS.emailIntegrationId,
      fromEmail: 'laura@example.com',
      integrationEmail: DIXA_IDS.emailIntegrationId,
      tags: [DIXA_IDS.handoffTagId],
      messages: [
        {
          id: 'dadcaea0-4135-4e8a-a5bf-05d4658facba',
          authorId: DIXA_IDS.otherRequesterId,
          direction: 'Inbound',
          content: { value: 'I want to cancel my order as soon as possible', _type: 'Text' },
          externalId: '13244',
          createdAt: '2021-12-01T12:40:00.000Z',
        },
        {
          id: '11b95893-0514-4606-a5d8-1880172b3a55',
          authorId: DIXA_IDS.agentId,
          direction: 'Outbound',
          content: { value: 'Your order is cancelled. Anything else?', _type: 'Text' },
          createdAt: '2021-12-01T12:50:00.000Z',
        },
      ],
      notes: [{ id: '3346b99c-8128-4276-ac40-5f30c959e5e7', authorId: DIXA_IDS.agentId, createdAt: '2021-12-01T12:45:00.000Z', message: 'A note to remember' }],
      activity: [
        {
          id: 'fca291e5-8670-41bd-b502-842fd9542e27',
          conversationId: 1,
          activityTimestamp: '2021-12-01T12:46:36.581Z',
          activityType: 'ConversationAssignedActivityType',
          _type: 'ConversationAssigned',
          author: { id: DALE.id, name: DALE.name, email: DALE.email, phoneNumber: DALE.phoneNumber },
        },
      ],
      ratings: [
        {
          id: '33cf4e5e-9ce9-461c-b668-be9b712b717c',
          ratingScore: 4,
          ratingType: 'Csat',
          ratingComment: 'Super good!',
          conversationChannel: 'Email',
          agentId: DIXA_IDS.agentId,
          userId: DIXA_IDS.otherRequesterId,
          ratingStatus: 'Offered',
          language: 'English',
          timestamps: {},
        },
      ],
    }),
    seeded({
      id: 2,
      _type: 'ChatConversation',
      channel: 'WidgetChat',
      requesterId: DIXA_IDS.otherRequesterId,
      direction: 'Inbound',
      state: 'Open',
      createdAt: '2021-12-02T09:00:00.000Z',
      stateUpdatedAt: '2021-12-02T09:00:00.000Z',
      queue: { id: DIXA_IDS.defaultQueueId, queuedAt: '2021-12-02T09:00:00.000Z' },
      language: 'en',
      link: { parentId: 1, _type: 'SideConversation' },
      messages: [
        {
          id: 'd8bd180d-40c8-410c-9756-0c261ece1025',
          authorId: DIXA_IDS.otherRequesterId,
          direction: 'Inbound',
          content: { value: 'Is my refund on its way?', _type: 'Text' },
          createdAt: '2021-12-02T09:00:00.000Z',
        },
      ],
    }),
    seeded({
      id: 3,
      _type: 'ChatConversation',
      channel: 'ContactForm',
      requesterId: DIXA_IDS.otherRequesterId,
      direction: 'Inbound',
      state: 'Open',
      createdAt: '2021-12-03T10:00:00.000Z',
      stateUpdatedAt: '2021-12-03T10:00:00.000Z',
      language: 'en',
      messages: [
        {
          id: 'dafcd743-6794-4bc1-bc04-3c77d10011c4',
          authorId: DIXA_IDS.otherRequesterId,
          direction: 'Inbound',
          content: { value: 'Please call me back about my invoice.', _type: 'Text' },
          createdAt: '2021-12-03T10:00:00.000Z',
        },
      ],
    }),
  ],
};
