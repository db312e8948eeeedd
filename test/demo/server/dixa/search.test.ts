import { describe, expect, it } from 'vitest';
import { api, createConversation, emailBody, expectData, expectMessage, inboundMessage, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;
const search = (query: string) => api(base(), 'GET', `/v1/search/conversations?${query}`);
const hitIds = async (query: string) => expectData(await search(query), 200).map((hit: { id: number }) => hit.id);
const em = (text: string) => `<em class="highlight">${text}</em>`;

describe('3.22 search conversations', () => {
  it('1. exactMatch=true: the whole phrase, case-insensitive, as the sample hit', async () => {
    expect(expectData(await search('query=cancel%20my%20order&exactMatch=true'), 200)).toEqual([
      {
        id: 1,
        highlights: { subject: [em('Cancel my order')] },
        innerHits: [{ id: 'dadcaea0-4135-4e8a-a5bf-05d4658facba', highlight: { text: `I want to ${em('cancel my order')} as soon as possible` } }],
        _type: 'ConversationSearchHit',
      },
    ]);
  });

  it('2. by default any word matches; each matching word is highlighted; one innerHit per matching message', async () => {
    const hits = expectData(await search('query=cancel%20refund'), 200);
    expect(hits.map((hit: { id: number }) => hit.id)).toEqual([1, 2]);
    expect(hits[0].highlights).toEqual({ subject: [`${em('Cancel')} my order`] });
    expect(hits[0].innerHits).toEqual([{ id: 'dadcaea0-4135-4e8a-a5bf-05d4658facba', highlight: { text: `I want to ${em('cancel')} my order as soon as possible` } }]);
    expect(hits[1]).toEqual({
      id: 2,
      highlights: {},
      innerHits: [{ id: 'd8bd180d-40c8-410c-9756-0c261ece1025', highlight: { text: `Is my ${em('refund')} on its way?` } }],
      _type: 'ConversationSearchHit',
    });
  });

  it('3. whole words only, and exactMatch=false is the default behaviour', async () => {
    expect(await hitIds('query=ord')).toEqual([]);
    expect(await hitIds('query=REFUND&exactMatch=false')).toEqual([2]);
  });

  it('4. new conversations and messages are found', async () => {
    const id = await createConversation(base(), emailBody({ subject: 'Chat handoff: broken zipper' }));
    await api(base(), 'POST', `/v1/conversations/${id}/messages`, { body: inboundMessage('The zipper broke twice') });
    const [hit] = expectData(await search('query=zipper'), 200);
    expect(hit.id).toBe(id);
    expect(hit.highlights.subject).toEqual([`Chat handoff: broken ${em('zipper')}`]);
    expect(hit.innerHits).toHaveLength(1);
    expect(hit.innerHits[0].highlight.text).toBe(`The ${em('zipper')} broke twice`);
  });

  it('5. no match: {"data":[]}', async () => {
    expect(expectData(await search('query=xylophone'), 200)).toEqual([]);
  });

  it('6. pageLimit truncates; a base64 pageKey is accepted', async () => {
    expect(await hitIds('query=my&pageLimit=2')).toEqual([1, 2]);
    expect(await hitIds(`query=my&pageKey=${Buffer.from('k').toString('base64')}`)).toEqual([1, 2, 3]);
  });

  it.each([
    ['query', ''],
    ['query', 'query='],
    ['query', 'query=%20%20'],
    ['exactMatch', 'query=order&exactMatch=maybe'],
    ['pageLimit', 'query=order&pageLimit=0'],
    ['pageKey', 'query=order&pageKey=%25%25'],
  ])('7. 400 Invalid value for: query parameter %s (%j)', async (name, query) => {
    expectMessage(await search(query), 400, `Invalid value for: query parameter ${name}`);
  });
});
