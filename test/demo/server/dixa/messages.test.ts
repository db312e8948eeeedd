import { describe, expect, it } from 'vitest';
import { IDS, MILLIS_Z, UUID, ZONED, api, createConversation, emailBody, endpointBody, expectData, expectMessage, inboundMessage, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;
const B = 'Invalid value for: body';
const INVALID = 'Invalid input for Message';

const addMessage = (id: number | string, body: unknown) => api(base(), 'POST', `/v1/conversations/${id}/messages`, { body });
const listMessages = async (id: number | string) => expectData(await api(base(), 'GET', `/v1/conversations/${id}/messages`), 200);

describe('3.4 add message', () => {
  it('1. the inbound sample: 200 {content, direction, authorId = requester, messageId, createdAt (millis Z)}, no externalId echo', async () => {
    const id = await createConversation(base());
    const message = expectData(await addMessage(id, { content: { value: 'I need some help!', _type: 'Html' }, attachments: [], _type: 'Inbound', externalId: 'm-1' }), 200);
    expect(message).toEqual({
      content: { value: 'I need some help!', _type: 'Html' },
      direction: 'Inbound',
      authorId: IDS.requesterId,
      messageId: expect.stringMatching(UUID),
      createdAt: '2026-01-01T00:00:00.123Z',
    });
    expect(message.createdAt).toMatch(MILLIS_Z);
  });

  it('2. outbound: the author is the agentId', async () => {
    const id = await createConversation(base());
    const message = expectData(await addMessage(id, { _type: 'Outbound', agentId: IDS.agentId, content: { value: 'Hi, Dale here', _type: 'Text' } }), 200);
    expect(message).toMatchObject({ direction: 'Outbound', authorId: IDS.agentId });
  });

  it.each([
    ['content _type neither Html nor Text', { _type: 'Inbound', content: { value: 'x', _type: 'Markdown' } }],
    ['content without value', { _type: 'Inbound', content: { _type: 'Text' } }],
    ['content value not a string', { _type: 'Inbound', content: { value: 7, _type: 'Text' } }],
    ['outbound without agentId', { _type: 'Outbound', content: { value: 'x', _type: 'Text' } }],
    ['outbound with an unknown agent', { _type: 'Outbound', agentId: '00000000-0000-4000-8000-000000000002', content: { value: 'x', _type: 'Text' } }],
    ['outbound authored by an end user', { _type: 'Outbound', agentId: IDS.requesterId, content: { value: 'x', _type: 'Text' } }],
  ])('3. 400 Invalid input for Message: %s', async (_name, body) => {
    const id = await createConversation(base());
    expectMessage(await addMessage(id, body), 400, INVALID);
  });

  it('4. 400 Failure to download attachment: any non-empty attachments (GAP 3); a missing attachments is [] (GAP 4)', async () => {
    const id = await createConversation(base());
    expectMessage(await addMessage(id, { ...inboundMessage('see file'), attachments: [{ url: 'https://example.com/a.png' }] }), 400, 'Failure to download attachment');
    expectData(await addMessage(id, { _type: 'Inbound', content: { value: 'no attachments key', _type: 'Text' } }), 200);
  });

  it('5. 400 Duplicate externalId: a reused externalId, in this conversation or any other of the org', async () => {
    const first = await createConversation(base());
    const second = await createConversation(base());
    expectData(await addMessage(first, inboundMessage('hello', 'confab-msg-1')), 200);
    expectMessage(await addMessage(first, inboundMessage('hello', 'confab-msg-1')), 400, 'Duplicate externalId');
    expectMessage(await addMessage(second, inboundMessage('hello again', 'confab-msg-1')), 400, 'Duplicate externalId');
    expect(await listMessages(first)).toHaveLength(2);
    expect(await listMessages(second)).toHaveLength(1);
  });

  it('6. an externalId sent with the create message counts too', async () => {
    const message = { content: { value: 'first', _type: 'Text' }, attachments: [], _type: 'Inbound', externalId: 'confab-msg-0' };
    const id = await createConversation(base(), emailBody({ message }));
    expectMessage(await addMessage(id, inboundMessage('again', 'confab-msg-0')), 400, 'Duplicate externalId');
  });

  it.each([
    ['PstnPhone', () => endpointBody({ contactEndpointId: IDS.phoneEndpointId })],
    ['ContactForm', () => endpointBody({ contactEndpointId: 'contact-form@confab.example' })],
  ])('7. 400 Unsupported ConversationChannel: a %s conversation', async (_channel, body) => {
    const id = await createConversation(base(), body());
    expectMessage(await addMessage(id, inboundMessage('hello')), 400, 'Unsupported ConversationChannel');
  });

  it('8. Email and WidgetChat conversations accept messages', async () => {
    expectData(await addMessage(await createConversation(base()), inboundMessage('email')), 200);
    expectData(await addMessage(await createConversation(base(), endpointBody()), inboundMessage('chat')), 200);
  });

  it.each([
    ['bad JSON', '{"_type":"Inbound",'],
    ['no body', ''],
    ['_type missing', '{"content":{"value":"x","_type":"Text"}}'],
    ['_type not Inbound/Outbound', '{"_type":"Sideways","content":{"value":"x","_type":"Text"}}'],
    ['content missing', '{"_type":"Inbound"}'],
    ['content not an object', '{"_type":"Inbound","content":"x"}'],
    ['attachments not an array', '{"_type":"Inbound","content":{"value":"x","_type":"Text"},"attachments":"none"}'],
    ['externalId not a string', '{"_type":"Inbound","content":{"value":"x","_type":"Text"},"externalId":42}'],
    ['agentId not a uuid', '{"_type":"Outbound","content":{"value":"x","_type":"Text"},"agentId":"dale"}'],
  ])('9. 400 B: %s', async (_name, raw) => {
    const id = await createConversation(base());
    expectMessage(await api(base(), 'POST', `/v1/conversations/${id}/messages`, { raw, headers: { 'Content-Type': 'application/json' } }), 400, B);
  });

  it('10. a message on a Closed conversation succeeds and keeps the state (GAP 10)', async () => {
    const id = await createConversation(base());
    await api(base(), 'PUT', `/v1/conversations/${id}/close`);
    expectData(await addMessage(id, inboundMessage('one more thing')), 200);
    expect(expectData(await api(base(), 'GET', `/v1/conversations/${id}`), 200).state).toBe('Closed');
  });
});

describe('3.5 list messages', () => {
  it('11. oldest to newest, the create message first; items {id, authorId, externalId?, createdAt …Z[GMT], attributes}', async () => {
    const id = await createConversation(base());
    server().advance(1_000);
    const added = expectData(await addMessage(id, inboundMessage('where is it?', 'confab-msg-2')), 200);
    server().advance(1_000);
    const reply = expectData(await addMessage(id, { _type: 'Outbound', agentId: IDS.agentId, content: { value: '<p>On its way</p>', _type: 'Html' } }), 200);
    const items = await listMessages(id);
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      id: expect.stringMatching(UUID),
      authorId: IDS.requesterId,
      createdAt: '2026-01-01T00:00:00.123Z[GMT]',
      attributes: { direction: 'Inbound', content: { value: "My order hasn't shipped", _type: 'Text' } },
    });
    expect(items[1]).toEqual({
      id: added.messageId,
      authorId: IDS.requesterId,
      externalId: 'confab-msg-2',
      createdAt: '2026-01-01T00:00:01.123Z[GMT]',
      attributes: { direction: 'Inbound', content: { value: 'where is it?', _type: 'Text' } },
    });
    expect(items[2]).toEqual({
      id: reply.messageId,
      authorId: IDS.agentId,
      createdAt: '2026-01-01T00:00:02.123Z[GMT]',
      attributes: { direction: 'Outbound', content: { value: '<p>On its way</p>', _type: 'Html' } },
    });
    for (const item of items) expect(item.createdAt).toMatch(ZONED);
  });

  it('12. ContactForm messages carry attributes._type "ContactFormAttributes"; other channels no _type (GAP 2)', async () => {
    const [contactForm] = await listMessages(3);
    expect(contactForm.attributes).toEqual({ _type: 'ContactFormAttributes', direction: 'Inbound', content: { value: 'Please call me back about my invoice.', _type: 'Text' } });
    const [email] = await listMessages(1);
    expect(email).toEqual({
      id: 'dadcaea0-4135-4e8a-a5bf-05d4658facba',
      authorId: IDS.otherRequesterId,
      externalId: '13244',
      createdAt: '2021-12-01T12:40:00.000Z[GMT]',
      attributes: { direction: 'Inbound', content: { value: 'I want to cancel my order as soon as possible', _type: 'Text' } },
    });
  });

  it('13. a conversation without messages lists {"data":[]}', async () => {
    expect(await listMessages(await createConversation(base(), endpointBody()))).toEqual([]);
  });
});
