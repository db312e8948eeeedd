import { describe, expect, it } from 'vitest';
import { IDS, UUID, ZONED, api, createConversation, expectData, expectMessage, inboundMessage, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;
const NOT_FOUND = 'An entity in this request could not be found';

const anonymize = (id: number | string, query = '') => api(base(), 'PATCH', `/v1/conversations/${id}/anonymize${query}`);
const anonymizeMessage = (id: number | string, messageId: string) => api(base(), 'PATCH', `/v1/conversations/${id}/messages/${messageId}/anonymize`);
const close = (id: number) => api(base(), 'PUT', `/v1/conversations/${id}/close`);

/** A conversation with a visitor message, an agent reply and a note; returns its id and message ids. */
async function conversationWithContent(): Promise<{ id: number; messageIds: string[] }> {
  const id = await createConversation(base());
  await api(base(), 'POST', `/v1/conversations/${id}/messages`, { body: inboundMessage('my card is 4111 1111 1111 1111', 'ext-1') });
  await api(base(), 'POST', `/v1/conversations/${id}/notes`, { body: { message: 'Visitor: my name is Laura' } });
  const messages = expectData(await api(base(), 'GET', `/v1/conversations/${id}/messages`), 200);
  return { id, messageIds: messages.map((m: { id: string }) => m.id) };
}

const texts = async (id: number) => ({
  messages: expectData(await api(base(), 'GET', `/v1/conversations/${id}/messages`), 200).map((m: { attributes: { content: { value: string } } }) => m.attributes.content.value),
  notes: expectData(await api(base(), 'GET', `/v1/conversations/${id}/notes`), 200).map((n: { message: string }) => n.message),
});

describe('3.6 anonymize conversation', () => {
  it('1. a Closed conversation: 202 with the request {id, entityType, _type, initiatedAt …Z[GMT], targetEntityId "<id>", requestedBy}', async () => {
    const { id } = await conversationWithContent();
    await close(id);
    const request = expectData(await anonymize(id), 202);
    expect(request).toEqual({
      id: expect.stringMatching(UUID),
      entityType: 'ConversationAnonymizationType',
      _type: 'Conversation',
      initiatedAt: '2026-01-01T00:00:00.123Z[GMT]',
      targetEntityId: String(id),
      requestedBy: IDS.tokenUserId,
    });
    expect(request.initiatedAt).toMatch(ZONED);
  });

  it('2. afterwards every message text and note reads "[anonymized]" (GAP 8)', async () => {
    const { id } = await conversationWithContent();
    await close(id);
    await anonymize(id);
    expect(await texts(id)).toEqual({ messages: ['[anonymized]', '[anonymized]'], notes: ['[anonymized]'] });
  });

  it('3. 409 on a conversation that is not Closed, without force or with force=false; nothing is anonymized', async () => {
    const { id } = await conversationWithContent();
    for (const query of ['', '?force=false']) {
      const reply = await anonymize(id, query);
      expect(reply.status).toBe(409);
      expect(Object.keys(reply.json)).toEqual(['message']);
    }
    expect((await texts(id)).notes).toEqual(['Visitor: my name is Laura']);
  });

  it('4. force=true closes an open conversation first (§4.9), then 202', async () => {
    const { id } = await conversationWithContent();
    server().advance(3_000);
    expectData(await anonymize(id, '?force=true'), 202);
    expect(expectData(await api(base(), 'GET', `/v1/conversations/${id}`), 200)).toMatchObject({ state: 'Closed', stateUpdatedAt: '2026-01-01T00:00:03Z' });
    expect((await texts(id)).messages).toEqual(['[anonymized]', '[anonymized]']);
  });

  it('5. 409 when the conversation was already requested, even with force=true', async () => {
    const { id } = await conversationWithContent();
    expectData(await anonymize(id, '?force=true'), 202);
    expect((await anonymize(id, '?force=true')).status).toBe(409);
    expect((await anonymize(id)).status).toBe(409);
  });

  it.each(['yes', '1', '', 'True '])('6. force=%j is a 400 Invalid value for: query parameter force', async (value) => {
    const { id } = await conversationWithContent();
    expectMessage(await anonymize(id, `?force=${encodeURIComponent(value)}`), 400, 'Invalid value for: query parameter force');
  });
});

describe('3.7 anonymize message', () => {
  it('7. a message of a Closed conversation: 202 with targetEntityId "<conversationId>_<messageId>"; only that message changes', async () => {
    const { id, messageIds } = await conversationWithContent();
    await close(id);
    const target = messageIds[1] ?? '';
    const request = expectData(await anonymizeMessage(id, target), 202);
    expect(request).toEqual({
      id: expect.stringMatching(UUID),
      entityType: 'MessageAnonymizationType',
      _type: 'Message',
      initiatedAt: '2026-01-01T00:00:00.123Z[GMT]',
      targetEntityId: `${id}_${target}`,
      requestedBy: IDS.tokenUserId,
    });
    expect(await texts(id)).toEqual({ messages: ["My order hasn't shipped", '[anonymized]'], notes: ['Visitor: my name is Laura'] });
  });

  it('8. 409 when the conversation is not Closed (the endpoint has no force, GAP 8) or the message was already requested', async () => {
    const { id, messageIds } = await conversationWithContent();
    const target = messageIds[0] ?? '';
    expect((await anonymizeMessage(id, target)).status).toBe(409);
    await close(id);
    expectData(await anonymizeMessage(id, target), 202);
    expect((await anonymizeMessage(id, target)).status).toBe(409);
  });

  it('9. an unknown message is a 404; a messageId that is not a uuid is a 400 messageId', async () => {
    const { id } = await conversationWithContent();
    await close(id);
    expectMessage(await anonymizeMessage(id, '00000000-0000-4000-8000-000000000006'), 404, NOT_FOUND);
    expectMessage(await anonymizeMessage(id, 'dadcaea0-4135-4e8a-a5bf-05d4658facba'), 404, NOT_FOUND);
    expectMessage(await anonymizeMessage(id, 'message-1'), 400, 'Invalid value for: path parameter messageId');
    expectMessage(await anonymizeMessage('x', 'message-1'), 400, 'Invalid value for: path parameter conversationId');
  });
});
