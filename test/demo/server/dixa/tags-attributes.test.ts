import { describe, expect, it } from 'vitest';
import { IDS, api, createConversation, expectData, expectMessage, expectNoContent, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;
const B = 'Invalid value for: body';
const NOT_FOUND = 'An entity in this request could not be found';
const TAG_ID = 'Invalid value for: path parameter tagId';
const UNKNOWN = '00000000-0000-4000-8000-000000000005';

const tags = async (id: number) => expectData(await api(base(), 'GET', `/v1/conversations/${id}/tags`), 200);
const patch = (id: number, body: unknown) => api(base(), 'PATCH', `/v1/conversations/${id}/custom-attributes`, { body });

describe('3.18 tag and 3.19 untag', () => {
  it('1. tag: 204, then listed as {id, name, state}; tagging twice is a 204 without a duplicate (GAP 10)', async () => {
    const id = await createConversation(base());
    expectNoContent(await api(base(), 'PUT', `/v1/conversations/${id}/tags/${IDS.handoffTagId}`));
    expectNoContent(await api(base(), 'PUT', `/v1/conversations/${id}/tags/${IDS.handoffTagId}`));
    expect(await tags(id)).toEqual([{ id: IDS.handoffTagId, name: 'confab-handoff', state: 'Active' }]);
  });

  it('2. an Inactive tag cannot be put on: 400 {"message":"Invalid value in request"}', async () => {
    const id = await createConversation(base());
    expectMessage(await api(base(), 'PUT', `/v1/conversations/${id}/tags/${IDS.inactiveTagId}`), 400, 'Invalid value in request');
    expect(await tags(id)).toEqual([]);
  });

  it('3. untag: 204 and gone; untagging a tag that is not set, or an inactive one, is a 204', async () => {
    const id = await createConversation(base());
    await api(base(), 'PUT', `/v1/conversations/${id}/tags/${IDS.handoffTagId}`);
    expectNoContent(await api(base(), 'DELETE', `/v1/conversations/${id}/tags/${IDS.handoffTagId}`));
    expect(await tags(id)).toEqual([]);
    expectNoContent(await api(base(), 'DELETE', `/v1/conversations/${id}/tags/${IDS.handoffTagId}`));
    expectNoContent(await api(base(), 'DELETE', `/v1/conversations/${id}/tags/${IDS.inactiveTagId}`));
  });

  it.each(['PUT', 'DELETE'])('4. %s: a tagId that is not a uuid is a 400 tagId; an unknown tag is a 404', async (method) => {
    const id = await createConversation(base());
    expectMessage(await api(base(), method, `/v1/conversations/${id}/tags/confab-handoff`), 400, TAG_ID);
    expectMessage(await api(base(), method, `/v1/conversations/${id}/tags/${UNKNOWN}`), 404, NOT_FOUND);
  });

  it('5. the conversationId is checked before the tagId', async () => {
    expectMessage(await api(base(), 'PUT', '/v1/conversations/x/tags/y'), 400, 'Invalid value for: path parameter conversationId');
  });
});

describe('3.20 patch custom attributes', () => {
  it('6. the sample: 200 with the patched {id, name, identifier, value}; the values show in §3.11 customAttributes', async () => {
    const id = await createConversation(base());
    const data = expectData(await patch(id, { [IDS.sessionAttributeId]: '012345', [IDS.topicsAttributeId]: ['str1', 'str2'] }), 200);
    expect(data).toEqual([
      { id: IDS.sessionAttributeId, name: 'confab session', identifier: 'confab_session_id', value: '012345' },
      { id: IDS.topicsAttributeId, name: 'Topics', identifier: 'topics', value: ['str1', 'str2'] },
    ]);
    const conversation = expectData(await api(base(), 'GET', `/v1/conversations/${id}`), 200);
    expect(conversation.customAttributes).toEqual(data);
  });

  it('7. only the patched attributes are returned; null unsets a value', async () => {
    const id = await createConversation(base());
    await patch(id, { [IDS.sessionAttributeId]: 'session-1', [IDS.topicsAttributeId]: ['billing'] });
    const data = expectData(await patch(id, { [IDS.sessionAttributeId]: null }), 200);
    expect(data).toEqual([{ id: IDS.sessionAttributeId, name: 'confab session', identifier: 'confab_session_id', value: null }]);
    const conversation = expectData(await api(base(), 'GET', `/v1/conversations/${id}`), 200);
    expect(conversation.customAttributes).toEqual([{ id: IDS.topicsAttributeId, name: 'Topics', identifier: 'topics', value: ['billing'] }]);
  });

  it('8. an empty map patches nothing: {"data":[]}', async () => {
    expect(expectData(await patch(await createConversation(base()), {}), 200)).toEqual([]);
  });

  it.each([
    ['an id that is no attribute definition', { [UNKNOWN]: 'x' }],
    ['a Text attribute given a string[]', { [IDS.sessionAttributeId]: ['x'] }],
    ['a Select attribute given a string', { [IDS.topicsAttributeId]: 'billing' }],
    ['a Select attribute given numbers', { [IDS.topicsAttributeId]: [1, 2] }],
    ['a number', { [IDS.sessionAttributeId]: 12345 }],
  ])('9. 400 Invalid input for patching: %s (nothing changes)', async (_name, body) => {
    const id = await createConversation(base());
    expectMessage(await patch(id, { [IDS.sessionAttributeId]: 'kept', ...body }), 400, 'Invalid input for patching');
    expect(expectData(await api(base(), 'GET', `/v1/conversations/${id}`), 200).customAttributes).toEqual([]);
  });

  it.each([
    ['bad JSON', '{"a":'],
    ['no body', ''],
    ['an array', '[]'],
    ['a key that is not a uuid', '{"confab_session_id":"x"}'],
  ])('10. 400 B: %s', async (_name, raw) => {
    const id = await createConversation(base());
    expectMessage(await api(base(), 'PATCH', `/v1/conversations/${id}/custom-attributes`, { raw, headers: { 'Content-Type': 'application/json' } }), 400, B);
  });
});
