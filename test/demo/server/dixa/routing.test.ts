import { describe, expect, it } from 'vitest';
import { IDS, api, expectData, expectMessage, inboundMessage, useDixa } from './harness';

const server = useDixa();
const base = () => server().base;

const MESSAGE_ID = 'dadcaea0-4135-4e8a-a5bf-05d4658facba';
const P = 'Invalid value for: path parameter conversationId';
const NOT_FOUND = 'An entity in this request could not be found';

/** The 19 operations with a `{conversationId}` path parameter, each with a valid body (§2). */
const CONVERSATION_ROUTES: Array<[string, (id: string) => string, unknown?]> = [
  ['POST', (id) => `/v1/conversations/${id}/notes`, { message: 'note' }],
  ['POST', (id) => `/v1/conversations/${id}/notes/bulk`, { data: [{ message: 'note' }] }],
  ['GET', (id) => `/v1/conversations/${id}/notes`],
  ['POST', (id) => `/v1/conversations/${id}/messages`, inboundMessage('hello')],
  ['GET', (id) => `/v1/conversations/${id}/messages`],
  ['PATCH', (id) => `/v1/conversations/${id}/anonymize`],
  ['PATCH', (id) => `/v1/conversations/${id}/messages/${MESSAGE_ID}/anonymize`],
  ['PUT', (id) => `/v1/conversations/${id}/claim`, { agentId: IDS.agentId }],
  ['PUT', (id) => `/v1/conversations/${id}/close`],
  ['GET', (id) => `/v1/conversations/${id}`],
  ['GET', (id) => `/v1/conversations/${id}/activitylog`],
  ['GET', (id) => `/v1/conversations/${id}/linked`],
  ['GET', (id) => `/v1/conversations/${id}/rating`],
  ['GET', (id) => `/v1/conversations/${id}/tags`],
  ['PUT', (id) => `/v1/conversations/${id}/tags/${IDS.handoffTagId}`],
  ['DELETE', (id) => `/v1/conversations/${id}/tags/${IDS.handoffTagId}`],
  ['PATCH', (id) => `/v1/conversations/${id}/custom-attributes`, { [IDS.sessionAttributeId]: 'session-1' }],
  ['PUT', (id) => `/v1/conversations/${id}/reopen`],
  ['PUT', (id) => `/v1/conversations/${id}/transfer/queue`, { queueId: IDS.queueId }],
];
const label = (method: string, path: (id: string) => string) => `${method} ${path('{conversationId}')}`;

describe('route order (§1.1)', () => {
  it('1. GET /v1/conversations/flows is the flows list, not a conversation with a bad id', async () => {
    const flows = expectData(await api(base(), 'GET', '/v1/conversations/flows'), 200);
    expect(flows).toEqual([{ id: 'd546e9a8-82c2-409f-b688-e9199ea69f83', name: 'Default call flow', channel: 'PstnPhone', contactEndpointId: '+559912443333' }]);
  });

  it('2. GET /v1/conversations/activitylog is the organization log, not a conversation with a bad id', async () => {
    const entries = expectData(await api(base(), 'GET', '/v1/conversations/activitylog'), 200);
    expect(entries[0]).toMatchObject({ conversationId: 1, _type: 'ConversationAssigned' });
  });

  it('3. the literals are not conversation ids under other paths: /flows/notes is a 400 P', async () => {
    expectMessage(await api(base(), 'GET', '/v1/conversations/flows/notes'), 400, P);
    expectMessage(await api(base(), 'GET', '/v1/conversations/activitylog/tags'), 400, P);
  });
});

describe('conversationId (§1.4, §6.2)', () => {
  it.each(CONVERSATION_ROUTES.map(([method, path, body]) => [label(method, path), method, path, body] as const))(
    '4. %s with a conversationId that is not an integer is a 400 P',
    async (_label, method, path, body) => {
      for (const bad of ['abc', '1.5', '-1', '1e3', '%20']) {
        expectMessage(await api(base(), method, path(bad), { body }), 400, P);
      }
    },
  );

  it.each(CONVERSATION_ROUTES.filter(([, path]) => !path('x').endsWith('/activitylog')).map(([method, path, body]) => [label(method, path), method, path, body] as const))(
    '5. %s on an unknown conversation is a 404 with the entity text',
    async (_label, method, path, body) => {
      expectMessage(await api(base(), method, path('424242'), { body }), 404, NOT_FOUND);
    },
  );

  it('6. the conversation activity log lists no 404: an unknown conversation gives {"data":[]}', async () => {
    expect(expectData(await api(base(), 'GET', '/v1/conversations/424242/activitylog'), 200)).toEqual([]);
  });

  it('7. int64 bounds: 9223372036854775807 is a valid id (404), one more is a 400 P', async () => {
    expectMessage(await api(base(), 'GET', '/v1/conversations/9223372036854775807'), 404, NOT_FOUND);
    expectMessage(await api(base(), 'GET', '/v1/conversations/9223372036854775808'), 400, P);
  });
});

describe('unknown routes (§6.1)', () => {
  it.each([
    ['GET', '/v1/nothing'],
    ['GET', '/v1/conversations/1/unknown'],
    ['DELETE', '/v1/conversations/1'],
    ['POST', '/v1/conversations/flows'],
    ['GET', '/v2/conversations/1'],
  ])('8. %s %s is a 404 {"message": …}', async (method, path) => {
    const reply = await api(base(), method, path);
    expect(reply.status).toBe(404);
    expect(Object.keys(reply.json)).toEqual(['message']);
    expect(typeof reply.json.message).toBe('string');
  });
});

describe('CORS', () => {
  it('9. a preflight is a 204 that allows the methods and headers the API uses', async () => {
    const reply = await fetch(`${base()}/v1/conversations/1/claim`, { method: 'OPTIONS' });
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    expect(reply.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE,OPTIONS');
    expect(reply.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, X-Fake-Fault');
  });
});
