// The SDK's handoff client against the real routes: createConfabHandler with handoff on, in
// front of the reference Dixa server (as test/server/handoff does), called as the widget
// calls it (its origin, its visitor id), every answer read and checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/sdk/http/errors';
import { createHandoffClient, type HandoffClient, type HandoffRequest } from '../../../src/sdk/handoff/handoff-client';
import { startDixa } from '../../server/handoff/dixa-support';
import { handoffBody, startHandoffServer, VISITOR, type HandoffServer } from '../../server/handoff/handoff-support';
import { SITE } from '../../server/support/confab-server';
import type { Harness } from '../../demo/server/dixa/harness';

let dixa: Harness;
let confab: HandoffServer;
let client: HandoffClient;
let counter = 0;
/** The server tests' start request, typed as the client takes it. */
const request = (conversationId: string) => handoffBody(conversationId) as HandoffRequest;
/** A fetch as a page of the allowed site makes it. */
const fromSite: typeof fetch = (input, init = {}) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), Origin: SITE } });

beforeAll(async () => {
  dixa = await startDixa();
  confab = await startHandoffServer(dixa.base, { confab: { rateLimit: false } });
  client = createHandoffClient({ baseUrl: confab.base, getToken: () => VISITOR, fetch: fromSite });
});
afterAll(async () => {
  await confab?.close();
  await dixa?.close();
});

const newConversation = () => `conv_sdk_${++counter}`;
async function handedOff() {
  const conversationId = newConversation();
  const { status, body } = await client.start(request(conversationId));
  expect(status).toBe(201);
  return { conversationId, ticketId: body.handoff.ticketId! };
}

describe('createHandoffClient', () => {
  it('1. enabled(): the server says a person can be reached', async () => {
    expect(await client.enabled()).toBe(true);
  });

  it('2. start: 201 open with the ticket id; again: 200, the same handoff', async () => {
    const conversationId = newConversation();
    const first = await client.start(request(conversationId));
    expect(first.status).toBe(201);
    expect(first.body.handoff).toMatchObject({ conversationId, status: 'open', ticketId: expect.stringMatching(/^\d+$/), pending: 0 });
    const again = await client.start(request(conversationId));
    expect(again.status).toBe(200);
    expect(again.body.handoff.ticketId).toBe(first.body.handoff.ticketId);
  });

  it('3. events: the ticket, the first words delivered, the agent joining and the reply, with a cursor to read after', async () => {
    const { conversationId, ticketId } = await handedOff();
    dixa.dixa.agent.assign({ conversationId: Number(ticketId) });
    dixa.dixa.agent.reply({ conversationId: Number(ticketId), text: 'Hi, I am **Dale**.' });
    confab.advance(3_000);
    const all = await client.events(conversationId, '0');
    expect(all.events.map((event) => event.type)).toEqual(['ticket_created', 'message_delivered', 'agent_joined', 'agent_message']);
    const reply = all.events.find((event) => event.type === 'agent_message');
    expect(reply?.type === 'agent_message' && reply.message).toMatchObject({ text: 'Hi, I am **Dale**.', agent: { name: expect.any(String) } });
    expect(all.pollAfterMs).toBe(3_000);
    confab.advance(3_000);
    const after = await client.events(conversationId, all.cursor);
    expect(after.events).toEqual([]);
    expect(after.cursor).toBe(all.cursor);
  });

  it('4. send: delivered once, however often the same id is sent', async () => {
    const { conversationId, ticketId } = await handedOff();
    const message = { id: 'msg_once', text: 'It was on the 3rd.' };
    expect((await client.send(conversationId, message)).body.message).toEqual({ id: 'msg_once', status: 'delivered' });
    expect((await client.send(conversationId, message)).body.message.status).toBe('delivered');
    const texts = dixa.dixa.state.conversations.get(Number(ticketId))!.messages.map((stored) => stored.content?.value);
    expect(texts.filter((text) => text === 'It was on the 3rd.')).toHaveLength(1);
  });

  it('5. close, rate, remove: closed by the visitor, the rating kept, the ticket anonymized', async () => {
    const { conversationId } = await handedOff();
    expect((await client.close(conversationId)).body.handoff).toMatchObject({ status: 'closed', closedBy: 'visitor' });
    expect((await client.rate(conversationId, 4, 'Quick')).body.handoff.rating).toEqual({ score: 4, comment: 'Quick' });
    const removed = await client.remove(conversationId);
    expect(removed.status).toBe(200);
    expect(removed.body.handoff).toMatchObject({ status: 'deleted', anonymization: 'requested' });
  });

  it('6. a refusal is an HttpError with the problem code; an answer of another shape is a ValidationError naming the field', async () => {
    await expect(client.get('conv_never')).rejects.toMatchObject({ status: 404, code: 'handoff_not_found' });
    const odd = createHandoffClient({ baseUrl: confab.base, getToken: () => VISITOR, fetch: async () => Response.json({ handoff: { conversationId: 'c', status: 'maybe', pending: 0 } }) });
    const refused = await odd.get('c').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(String((refused as Error).message)).toContain('handoff.status');
  });

  it('7. pollAfterMs null (deleted, failed: stop polling) stays null; absent reads as undefined', async () => {
    const answer = (pollAfterMs: unknown) =>
      createHandoffClient({
        baseUrl: confab.base,
        getToken: () => VISITOR,
        fetch: async () => Response.json({ handoff: { conversationId: 'c', status: 'deleted', pending: 0 }, events: [], cursor: '3', ...(pollAfterMs === undefined ? {} : { pollAfterMs }) }),
      }).events('c', '3');
    expect((await answer(null)).pollAfterMs).toBeNull();
    expect((await answer(undefined)).pollAfterMs).toBeUndefined();
    expect((await answer(3_000)).pollAfterMs).toBe(3_000);
  });
});
