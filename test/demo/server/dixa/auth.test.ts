import { describe, expect, it } from 'vitest';
import { IDS, TOKEN, api, createConversation, endpointBody, expectData, expectMessage, startDixa, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;

describe('authentication (§1.2, GAP 5)', () => {
  it('1. the bare token is accepted: `Authorization: <token>`', async () => {
    expectData(await api(base(), 'GET', '/v1/conversations/flows', { auth: TOKEN }), 200);
  });

  it('2. `Authorization: Bearer <token>` is accepted too', async () => {
    expectData(await api(base(), 'GET', '/v1/conversations/flows', { auth: `Bearer ${TOKEN}` }), 200);
  });

  it('3. a missing Authorization header is a 401 {"message":"Unauthorized"}', async () => {
    expectMessage(await api(base(), 'GET', '/v1/conversations/flows', { auth: null }), 401, 'Unauthorized');
  });

  it.each([
    ['an unknown bare token', 'not-the-token'],
    ['an unknown Bearer token', 'Bearer not-the-token'],
    ['the scheme without a token', 'Bearer'],
    ['an empty value', ''],
    ['another scheme', `Basic ${TOKEN}`],
  ])('4. %s is a 401 {"message":"Unauthorized"}', async (_name, auth) => {
    expectMessage(await api(base(), 'GET', '/v1/conversations/flows', { auth }), 401, 'Unauthorized');
  });

  it('5. auth runs first on every route: a bad path parameter or body without a token is a 401, not a 400', async () => {
    expectMessage(await api(base(), 'GET', '/v1/conversations/abc', { auth: null }), 401, 'Unauthorized');
    expectMessage(await api(base(), 'POST', '/v1/conversations', { auth: 'wrong', raw: '{not json' }), 401, 'Unauthorized');
    expectMessage(await api(base(), 'GET', '/v1/conversations/424242', { auth: null }), 401, 'Unauthorized');
    expectMessage(await api(base(), 'GET', '/v1/search/conversations?query=order', { auth: null }), 401, 'Unauthorized');
  });

  it('6. the token belongs to its token user: the default note author and the requestedBy of anonymizations', async () => {
    const id = await createConversation(base());
    const note = expectData(await api(base(), 'POST', `/v1/conversations/${id}/notes`, { body: { message: 'transcript' } }), 200);
    expect(note.authorId).toBe(IDS.tokenUserId);
    const request = expectData(await api(base(), 'PATCH', `/v1/conversations/${id}/anonymize?force=true`), 202);
    expect(request.requestedBy).toBe(IDS.tokenUserId);
  });
});

describe('the tokens option', () => {
  it('7. maps each accepted token to its user; tokens not listed are refused', async () => {
    const custom = await startDixa({ tokens: { 'agent-token': IDS.secondAgentId, 'admin-token': IDS.tokenUserId } });
    try {
      expectMessage(await api(custom.base, 'GET', '/v1/conversations/flows'), 401, 'Unauthorized');
      const created = expectData(await api(custom.base, 'POST', '/v1/conversations', { auth: 'admin-token', body: endpointBody() }), 201);
      const note = expectData(await api(custom.base, 'POST', `/v1/conversations/${created.id}/notes`, { auth: 'Bearer agent-token', body: { message: 'hi' } }), 200);
      expect(note.authorId).toBe(IDS.secondAgentId);
    } finally {
      await custom.close();
    }
  });

  it('8. a token mapped to a user the fixture lacks is a RangeError at creation', async () => {
    await expect(startDixa({ tokens: { t: '00000000-0000-4000-8000-000000000000' } })).rejects.toThrow(RangeError);
  });
});
