import { describe, expect, it } from 'vitest';
import { IDS, ZONED, api, createConversation, expectData, expectMessage, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;
const log = (query = '') => api(base(), 'GET', `/v1/conversations/activitylog${query}`);
const flows = (query = '') => api(base(), 'GET', `/v1/conversations/flows${query}`);

describe('3.14 list flows', () => {
  it('1. without channel the default is PstnPhone: the sample flow', async () => {
    expect(expectData(await flows(), 200)).toEqual([{ id: 'd546e9a8-82c2-409f-b688-e9199ea69f83', name: 'Default call flow', channel: 'PstnPhone', contactEndpointId: '+559912443333' }]);
  });

  it('2. channel picks the flows of that channel; a channel without flows gives {"data":[]}', async () => {
    expect(expectData(await flows('?channel=WidgetChat'), 200)).toEqual([
      { id: '7ad758ae-8e07-42b9-8791-9c83ffac3bf6', name: 'Website chat', channel: 'WidgetChat', contactEndpointId: IDS.widgetEndpointId },
    ]);
    expect(expectData(await flows('?channel=Voicemail'), 200)).toEqual([]);
  });

  it.each(['Chat', 'widgetchat', '', 'SMS'])('3. channel=%j is a 400 Invalid value for: query parameter channel', async (channel) => {
    expectMessage(await flows(`?channel=${channel}`), 400, 'Invalid value for: query parameter channel');
  });

  it.each(['WhatsApp', 'Voicemail', 'WidgetChat', 'FacebookMessenger', 'Email', 'ContactForm', 'Callback', 'PstnPhone', 'Messenger'])('4. channel=%s is accepted', async (channel) => {
    for (const flow of expectData(await flows(`?channel=${channel}`), 200)) expect(flow.channel).toBe(channel);
  });
});

describe('3.13 organization activity log', () => {
  it('5. every conversation\'s entries, oldest first, shaped as §3.12', async () => {
    const id = await createConversation(base());
    await api(base(), 'PUT', `/v1/conversations/${id}/claim`, { body: { agentId: IDS.secondAgentId } });
    const entries = expectData(await log(), 200);
    expect(entries.map((e: { conversationId: number }) => e.conversationId)).toEqual([1, id]);
    expect(entries[1]).toMatchObject({ activityType: 'ConversationAssignedActivityType', _type: 'ConversationAssigned', author: { id: IDS.secondAgentId } });
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['_type', 'activityTimestamp', 'activityType', 'author', 'conversationId', 'id']);
      expect(entry.activityTimestamp).toMatch(ZONED);
    }
  });

  it('6. fromDatetime/toDatetime keep the entries within [from, to], in the documented form and with a [Zone] suffix', async () => {
    await api(base(), 'PUT', `/v1/conversations/${await createConversation(base())}/claim`, { body: { agentId: IDS.agentId } });
    const ids = async (query: string) => expectData(await log(query), 200).map((e: { conversationId: number }) => e.conversationId);
    expect(await ids('?fromDatetime=2021-12-01T12:46:36Z')).toEqual([1, 100]);
    expect(await ids('?fromDatetime=2021-12-01T12:46:37Z')).toEqual([100]);
    expect(await ids('?toDatetime=2021-12-01T12:46:36.581Z[GMT]')).toEqual([1]);
    expect(await ids('?fromDatetime=2021-12-01T12:46:36.581Z[GMT]&toDatetime=2021-12-01T12:46:36.581Z')).toEqual([1]);
    expect(await ids('?fromDatetime=2022-01-01T00:00:00Z&toDatetime=2025-12-31T23:59:59Z')).toEqual([]);
  });

  it.each([
    ['fromDatetime', '?fromDatetime=yesterday'],
    ['fromDatetime', '?fromDatetime=2021-12-01'],
    ['toDatetime', '?toDatetime=2021-12-01T25:00:00Z'],
    ['pageLimit', '?pageLimit=0'],
    ['pageLimit', '?pageLimit=-1'],
    ['pageLimit', '?pageLimit=ten'],
    ['pageLimit', '?pageLimit=2147483648'],
    ['pageKey', '?pageKey=not%20base64!'],
  ])('7. a bad %s is a 400 Invalid value for: query parameter <name> (%s)', async (name, query) => {
    expectMessage(await log(query), 400, `Invalid value for: query parameter ${name}`);
  });

  it('8. fromDatetime after toDatetime is a 400 Validation failure when retrieving data', async () => {
    expectMessage(await log('?fromDatetime=2022-01-01T00:00:00Z&toDatetime=2021-01-01T00:00:00Z'), 400, 'Validation failure when retrieving data');
  });

  it('9. pageLimit truncates; a base64 pageKey is accepted; no next-page key is given (GAP 6)', async () => {
    await api(base(), 'PUT', `/v1/conversations/${await createConversation(base())}/claim`, { body: { agentId: IDS.agentId } });
    const reply = await log(`?pageLimit=1&pageKey=${encodeURIComponent(Buffer.from('{"page":2}').toString('base64'))}`);
    expect(Object.keys(reply.json)).toEqual(['data']);
    expect(reply.json.data.map((e: { conversationId: number }) => e.conversationId)).toEqual([1]);
    expect(expectData(await log('?pageLimit=2147483647'), 200)).toHaveLength(2);
  });
});
