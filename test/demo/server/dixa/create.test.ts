import { describe, expect, it } from 'vitest';
import { IDS, api, createConversation, emailBody, endpointBody, expectData, expectMessage, startDixa, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;
const B = 'Invalid value for: body';
const NOT_FOUND = 'An entity in this request could not be found';
const UNKNOWN = '00000000-0000-4000-8000-000000000003';

const create = (body: unknown) => api(base(), 'POST', '/v1/conversations', { body });
const get = async (id: number) => expectData(await api(base(), 'GET', `/v1/conversations/${id}`), 200);

describe('3.10 create conversation: the Email variant', () => {
  it('1. the sample: 201 {"data":{"id":100}}; ids count up', async () => {
    expect((await create(emailBody())).json).toEqual({ data: { id: 100 } });
    expect(expectData(await create(emailBody()), 201)).toEqual({ id: 101 });
  });

  it('2. an EmailConversation: Open, Email channel, from the requester, to the integration, in the default queue', async () => {
    const id = await createConversation(base());
    expect(await get(id)).toEqual({
      id,
      requesterId: IDS.requesterId,
      channel: 'Email',
      createdAt: '2026-01-01T00:00:00Z',
      direction: 'Inbound',
      state: 'Open',
      stateUpdatedAt: '2026-01-01T00:00:00Z',
      queue: { id: IDS.defaultQueueId, queuedAt: '2026-01-01T00:00:00Z' },
      toEmail: IDS.emailIntegrationId,
      fromEmail: 'visitor@example.com',
      integrationEmail: IDS.emailIntegrationId,
      language: 'en',
      subject: 'Chat handoff: where is my order?',
      customAttributes: [],
      _type: 'EmailConversation',
    });
  });

  it('3. the nested message is the first message; inbound is authored by the requester', async () => {
    const id = await createConversation(base());
    const messages = expectData(await api(base(), 'GET', `/v1/conversations/${id}/messages`), 200);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ authorId: IDS.requesterId, attributes: { direction: 'Inbound', content: { value: "My order hasn't shipped", _type: 'Text' } } });
  });

  it('4. an Outbound message with agentId makes an Outbound conversation authored by the agent', async () => {
    const message = { content: { value: 'We noticed a problem with your order', _type: 'Text' }, attachments: [], _type: 'Outbound', agentId: IDS.agentId };
    const id = await createConversation(base(), emailBody({ message }));
    expect((await get(id)).direction).toBe('Outbound');
    const [first] = expectData(await api(base(), 'GET', `/v1/conversations/${id}/messages`), 200);
    expect(first.authorId).toBe(IDS.agentId);
  });

  it('5. only requesterId and message are required (GAP 1): no integration, subject or language', async () => {
    const id = await createConversation(base(), { _type: 'Email', requesterId: IDS.requesterId, message: { content: { value: 'hi', _type: 'Text' }, _type: 'Inbound' } });
    const conversation = await get(id);
    expect(conversation).toMatchObject({ _type: 'EmailConversation', channel: 'Email', fromEmail: 'visitor@example.com' });
    for (const key of ['subject', 'language', 'toEmail', 'integrationEmail']) expect(conversation).not.toHaveProperty(key);
  });
});

describe('3.10 create conversation: the shown ("endpoint") variant', () => {
  it('6. all four fields: a ChatConversation on the flow\'s channel, queued in queueId, with the given direction and no message', async () => {
    const id = await createConversation(base(), endpointBody({ direction: 'Outbound' }));
    expect(await get(id)).toEqual({
      id,
      requesterId: IDS.requesterId,
      channel: 'WidgetChat',
      createdAt: '2026-01-01T00:00:00Z',
      direction: 'Outbound',
      state: 'Open',
      stateUpdatedAt: '2026-01-01T00:00:00Z',
      queue: { id: IDS.queueId, queuedAt: '2026-01-01T00:00:00Z' },
      customAttributes: [],
      _type: 'ChatConversation',
    });
    expect(expectData(await api(base(), 'GET', `/v1/conversations/${id}/messages`), 200)).toEqual([]);
  });

  it('7. the channel is the flow\'s for that contactEndpointId, else WidgetChat', async () => {
    expect((await get(await createConversation(base(), endpointBody({ contactEndpointId: IDS.phoneEndpointId })))).channel).toBe('PstnPhone');
    expect((await get(await createConversation(base(), endpointBody({ contactEndpointId: '+4599999999' })))).channel).toBe('WidgetChat');
  });

  it('8. any other `_type` (or none) with the four fields is the endpoint shape', async () => {
    const id = await createConversation(base(), endpointBody({ _type: 'WidgetChat' }));
    expect((await get(id))._type).toBe('ChatConversation');
  });
});

describe('3.10 create conversation: errors', () => {
  it.each([
    ['bad JSON', '{"_type":"Email"'],
    ['no body', ''],
    ['an empty object', '{}'],
    ['Email without requesterId', JSON.stringify(emailBody({ requesterId: undefined }))],
    ['Email without message', JSON.stringify(emailBody({ message: undefined }))],
    ['Email with a message without content', JSON.stringify(emailBody({ message: { _type: 'Inbound' } }))],
    ['Email with a requesterId that is no uuid', JSON.stringify(emailBody({ requesterId: 'visitor' }))],
    ['endpoint shape without queueId', JSON.stringify(endpointBody({ queueId: undefined }))],
    ['endpoint shape with direction "Sideways"', JSON.stringify(endpointBody({ direction: 'Sideways' }))],
    ['endpoint shape with a contactEndpointId number', JSON.stringify(endpointBody({ contactEndpointId: 5 }))],
  ])('9. 400 B: %s', async (_name, raw) => {
    expectMessage(await api(base(), 'POST', '/v1/conversations', { raw, headers: { 'Content-Type': 'application/json' } }), 400, B);
  });

  it.each([
    ['an unknown requesterId (Email)', () => emailBody({ requesterId: UNKNOWN })],
    ['an unknown emailIntegrationId', () => emailBody({ emailIntegrationId: 'other@email.dixa.io' })],
    ['an unknown requesterId (endpoint)', () => endpointBody({ requesterId: UNKNOWN })],
    ['an unknown queueId', () => endpointBody({ queueId: UNKNOWN })],
  ])('10. 404: %s', async (_name, body) => {
    expectMessage(await create(body()), 404, NOT_FOUND);
  });

  it('11. the nested message: 400 Invalid input for Message, Failure to download attachment, Duplicate externalId', async () => {
    const message = (extra: Record<string, unknown>) => ({ content: { value: 'hi', _type: 'Text' }, attachments: [], _type: 'Inbound', ...extra });
    expectMessage(await create(emailBody({ message: message({ content: { value: 'hi', _type: 'Rtf' } }) })), 400, 'Invalid input for Message');
    expectMessage(await create(emailBody({ message: message({ _type: 'Outbound' }) })), 400, 'Invalid input for Message');
    expectMessage(await create(emailBody({ message: message({ attachments: [{ name: 'a.pdf' }] }) })), 400, 'Failure to download attachment');
    expectData(await create(emailBody({ message: message({ externalId: 'ext-1' }) })), 201);
    expectMessage(await create(emailBody({ message: message({ externalId: 'ext-1' }) })), 400, 'Duplicate externalId');
    expect(expectData(await create(emailBody()), 201).id).toBe(101);
  });

  it('12. a `_type` configured as unsupported is a 400 Unsupported ConversationChannel (GAP 1)', async () => {
    const custom = await startDixa({ unsupportedCreateTypes: ['Sms'] });
    try {
      expectMessage(await api(custom.base, 'POST', '/v1/conversations', { body: endpointBody({ _type: 'Sms' }) }), 400, 'Unsupported ConversationChannel');
      expectData(await api(custom.base, 'POST', '/v1/conversations', { body: endpointBody({ _type: 'Chat' }) }), 201);
    } finally {
      await custom.close();
    }
  });
});
