// The handoff routes of createConfabHandler through the Node adapter, against the reference
// Dixa server (docs/handoff-api.md): start, events, messages, close, rating, delete; who may
// reach a handoff; what the widget is told; the analytics link (ticket id, agent name).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../demo/server/dixa/harness';
import { DIXA_IDS, startDixa } from './dixa-support';
import { handoffBody, OTHER_VISITOR, startHandoffServer, T0, VISITOR, type HandoffServer } from './handoff-support';
import { startConfab, type ConfabServer } from '../support/confab-server';

let dixa: Harness & { rewind(): void };
let confab: HandoffServer;
let conversationCounter = 0;
/** A conversation id of its own for each test: handoffs live per visitor and conversation. */
let conv = '';
beforeAll(async () => {
  dixa = await startDixa();
  confab = await startHandoffServer(dixa.base, { confab: { rateLimit: { visitor: { requestsPerMinute: 1_000 }, ip: { requestsPerMinute: false } } } });
});
afterAll(async () => {
  await confab?.close();
  await dixa?.close();
});
beforeEach(() => {
  conv = `conv_${++conversationCounter}`;
  confab.errors.length = 0;
});

const dixaConversation = (ticketId: string) => dixa.dixa.state.conversations.get(Number(ticketId))!;
/** Starts a handoff of `conv`; returns the ticket id. */
async function handOff(extra: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await confab.json('/handoff', { body: handoffBody(conv, extra) });
  expect(status, JSON.stringify(body)).toBe(201);
  return body.handoff.ticketId as string;
}
/** Polls the events after `after`, the poll interval having passed. */
async function events(after = 0, visitor?: string) {
  confab.advance(3_000);
  const { status, body } = await confab.json(`/handoff/${conv}/events?after=${after}`, visitor === undefined ? {} : { visitor });
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}
const types = (list: Array<{ type: string }>) => list.map((event) => event.type);

describe('availability', () => {
  it('1. GET /handoff says whether a person can be reached, with which helpdesk and how often to poll; without `handoff` it is off and its routes say so', async () => {
    expect(await confab.json('/handoff')).toEqual({ status: 200, body: { enabled: true, helpdesk: 'dixa', pollIntervalMs: { active: 3_000, idle: 30_000 } } });
    const off: ConfabServer = await startConfab();
    try {
      const answer = await off.call('/handoff');
      expect(await answer.json()).toEqual({ enabled: false });
      const start = await off.call('/handoff', { body: handoffBody(), headers: { Authorization: `Bearer ${OTHER_VISITOR}` } });
      expect(start.status).toBe(404);
      expect(start.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await start.json()).code).toBe('handoff_off');
      expect((await (await off.call('/health', { headers: { Origin: '' } })).json()).handoff).toBe('off');
    } finally {
      await off.close();
    }
    expect((await (await confab.call('/health', { headers: { Origin: '' } })).json()).handoff).toBe('dixa');
  });
});

describe('start', () => {
  it('2. POST /handoff: 201 with the handoff open at the helpdesk; its ticket id is the Dixa conversation (supportTicketConversationId)', async () => {
    const { status, body } = await confab.json('/handoff', { body: handoffBody(conv) });
    expect(status).toBe(201);
    expect(body.handoff).toEqual({
      conversationId: conv,
      helpdesk: 'dixa',
      status: 'open',
      ticketId: expect.stringMatching(/^\d+$/),
      agent: null,
      closedBy: null,
      pending: 0,
      notice: null,
      rating: null,
      helpdeskRating: null,
      anonymization: null,
      startedAt: new Date(T0).toISOString(),
    });
    const created = dixaConversation(body.handoff.ticketId);
    expect(created.messages[0]!.content.value).toBe('Can a person check my invoice?');
    expect(created.notes.map((note) => note.message.split('\n')[0])).toEqual([expect.stringMatching(/^confab: the visitor asked/), 'Visitor: Why was I charged twice?', 'AI assistant: I could not find that in the docs.']);
    expect(created.customAttributes[DIXA_IDS.sessionAttributeId]).toBe(conv);
  });

  it('3. the events so far: the ticket created and the first message delivered, numbered; the cursor reads on from there', async () => {
    const ticketId = await handOff();
    const first = await events(0);
    expect(first.events).toEqual([
      { seq: 1, id: `ticket:${ticketId}`, type: 'ticket_created', ticketId, helpdesk: 'dixa', at: expect.any(String) },
      { seq: 2, id: 'delivered:msg_h1', type: 'message_delivered', messageId: 'msg_h1', at: expect.any(String) },
    ]);
    expect(first.cursor).toBe('2');
    expect(first.pollAfterMs).toBe(3_000);
    const next = await events(2);
    expect(next).toMatchObject({ events: [], cursor: '2' });
  });

  it('4. the same start again (a retry, another tab): 200 with the same handoff, no second Dixa conversation; a different first message is sent to the person', async () => {
    const ticketId = await handOff();
    const count = dixa.dixa.state.conversations.size;
    const again = await confab.json('/handoff', { body: handoffBody(conv) });
    expect(again.status).toBe(200);
    expect(again.body.handoff.ticketId).toBe(ticketId);
    const other = await confab.json('/handoff', { body: handoffBody(conv, { message: { id: 'msg_h2', text: 'Hello?' } }) });
    expect(other.body.handoff.ticketId).toBe(ticketId);
    expect(dixa.dixa.state.conversations.size).toBe(count);
    expect(dixaConversation(ticketId).messages.map((message) => message.content.value)).toEqual(['Can a person check my invoice?', 'Hello?']);
  });

  it('5. without a message, the visitor\'s last question of the transcript is what the person reads first; with neither, a 400', async () => {
    const ticketId = await handOff({ message: undefined });
    expect(dixaConversation(ticketId).messages[0]!.content.value).toBe('Why was I charged twice?');
    const none = await confab.json('/handoff', { body: { conversationId: `${conv}-b`, transcript: [{ role: 'assistant', text: 'Hi!' }] } });
    expect(none).toMatchObject({ status: 400, body: { code: 'invalid_request', detail: expect.stringMatching(/^message is required/) } });
  });
});

describe('the agent\'s side, polled', () => {
  it('6. an agent joins and replies: agent_joined with the name, then agent_message with text and agent (userProperties.supportAgentName); the view names the agent', async () => {
    const ticketId = await handOff();
    dixa.dixa.agent.assign({ conversationId: Number(ticketId) });
    const reply = dixa.dixa.agent.reply({ conversationId: Number(ticketId), text: 'Hi, Dale here. Let me look.' });
    const read = await events(2);
    expect(read.events).toEqual([
      { seq: 3, id: expect.stringMatching(/^agent_joined:/), type: 'agent_joined', agent: { id: DIXA_IDS.agentId, name: 'Dale Cooper' }, at: expect.any(String) },
      {
        seq: 4,
        id: `agent-message:${reply.message.id}`,
        type: 'agent_message',
        message: { id: reply.message.id, text: 'Hi, Dale here. Let me look.', format: 'text', agent: { id: DIXA_IDS.agentId, name: 'Dale Cooper' }, createdAt: '2026-01-01T00:00:00.123Z' },
        at: expect.any(String),
      },
    ]);
    expect(read.handoff.agent).toEqual({ id: DIXA_IDS.agentId, name: 'Dale Cooper' });
  });

  it('7. polled again and again, from two tabs, from the start: the reply is in the events once, with one id', async () => {
    const ticketId = await handOff();
    dixa.dixa.agent.reply({ conversationId: Number(ticketId), text: 'Only once, please.' });
    for (let i = 0; i < 3; i++) {
      await events(0);
      await Promise.all([confab.json(`/handoff/${conv}/events?after=0`), confab.json(`/handoff/${conv}/events?after=2`)]);
    }
    const all = (await events(0)).events;
    expect(all.filter((event: { type: string }) => event.type === 'agent_message')).toHaveLength(1);
    expect(new Set(all.map((event: { id: string }) => event.id)).size).toBe(all.length);
  });

  it('8. the helpdesk is polled at most once per interval, however many tabs poll', async () => {
    await handOff();
    confab.advance(3_000);
    const before = dixa.dixa.stats.snapshot().byRoute['GET /v1/conversations/{conversationId}/messages'] ?? 0;
    await Promise.all(Array.from({ length: 6 }, () => confab.json(`/handoff/${conv}/events?after=0`)));
    await confab.json(`/handoff/${conv}/events?after=0`);
    expect((dixa.dixa.stats.snapshot().byRoute['GET /v1/conversations/{conversationId}/messages'] ?? 0) - before).toBe(1);
  });

  it('9. polling backs off when nothing happens: 3 s, then doubling each quiet minute, up to 30 s; activity brings it back to 3 s', async () => {
    const ticketId = await handOff();
    const after = async () => (await confab.json(`/handoff/${conv}/events?after=0`)).body.pollAfterMs;
    expect(await after()).toBe(3_000);
    confab.advance(60_000);
    expect(await after()).toBe(6_000);
    confab.advance(120_000);
    expect(await after()).toBe(24_000);
    confab.advance(600_000);
    expect(await after()).toBe(30_000);
    dixa.dixa.agent.reply({ conversationId: Number(ticketId), text: 'Back!' });
    confab.advance(30_000);
    expect(await after(), 'the next poll, 30 s on, sees the reply').toBe(3_000);
  });

  it('10. the agent closes: closed by the agent; a helpdesk rating, once it exists, is an event too', async () => {
    const ticketId = await handOff();
    dixa.dixa.agent.close({ conversationId: Number(ticketId) });
    const read = await events(2);
    expect(types(read.events)).toEqual(['closed']);
    expect(read.events[0].by).toBe('agent');
    expect(read.handoff).toMatchObject({ status: 'closed', closedBy: 'agent' });
    expect(read.pollAfterMs).toBe(30_000);
    dixa.dixa.agent.rate({ conversationId: Number(ticketId), score: 5, comment: 'Thanks Dale' });
    confab.advance(30_000);
    const rated = await events(Number(read.cursor));
    expect(rated.events).toEqual([expect.objectContaining({ type: 'helpdesk_rating', score: 5, comment: 'Thanks Dale' })]);
    expect(rated.handoff.helpdeskRating).toEqual({ score: 5, comment: 'Thanks Dale' });
  });
});

describe('the visitor\'s side', () => {
  it('11. POST messages: 200 delivered, an Inbound Dixa message with externalId; the same message id again is 200 and still one message', async () => {
    const ticketId = await handOff();
    const sent = await confab.json(`/handoff/${conv}/messages`, { body: { id: 'msg_2', text: 'It was on the 3rd.' } });
    expect(sent).toMatchObject({ status: 200, body: { message: { id: 'msg_2', status: 'delivered' }, handoff: { pending: 0, notice: null } } });
    const again = await confab.json(`/handoff/${conv}/messages`, { body: { id: 'msg_2', text: 'It was on the 3rd.' } });
    expect(again.body.message.status).toBe('delivered');
    expect(dixaConversation(ticketId).messages.filter((message) => message.content.value === 'It was on the 3rd.')).toHaveLength(1);
    expect(types((await events(2)).events)).toEqual(['message_delivered']);
  });

  it('12. the visitor closes: 200, closed at Dixa, a closed event by the visitor; writing again reopens it (§4.7) and delivers, in that order', async () => {
    const ticketId = await handOff();
    const closed = await confab.json(`/handoff/${conv}/close`, { method: 'POST' });
    expect(closed).toMatchObject({ status: 200, body: { handoff: { status: 'closed', closedBy: 'visitor', pending: 0 } } });
    expect(dixaConversation(ticketId).state).toBe('Closed');
    const reopened = await confab.json(`/handoff/${conv}/messages`, { body: { id: 'msg_3', text: 'One more thing' } });
    expect(reopened).toMatchObject({ status: 200, body: { handoff: { status: 'open', closedBy: null } } });
    expect(dixaConversation(ticketId)).toMatchObject({ state: 'Open', queue: { id: DIXA_IDS.queueId } });
    expect(types((await events(2)).events)).toEqual(['closed', 'reopened', 'message_delivered']);
  });

  it('13. POST rating: the visitor\'s CSAT is recorded (view) and reaches Dixa as an internal note', async () => {
    const ticketId = await handOff();
    dixa.dixa.agent.close({ conversationId: Number(ticketId) });
    const rated = await confab.json(`/handoff/${conv}/rating`, { body: { score: 4, comment: 'Quick' } });
    expect(rated).toMatchObject({ status: 200, body: { rating: { score: 4, comment: 'Quick', status: 'delivered' }, handoff: { rating: { score: 4, comment: 'Quick' } } } });
    expect(dixaConversation(ticketId).notes.at(-1)!.message).toBe('Visitor rating, collected by the confab widget: 4 of 5.\nComment: Quick');
    expect((await confab.json(`/handoff/${conv}/rating`, { body: { score: 6 } })).body).toMatchObject({ code: 'invalid_request', detail: 'score: score must be from 1 to 5.' });
  });

  it('14. DELETE: the helpdesk anonymizes (forced close), confab forgets the words; again: the same answer, no second request', async () => {
    const ticketId = await handOff();
    await confab.json(`/handoff/${conv}/messages`, { body: { id: 'msg_2', text: 'my card is 4111…' } });
    const removed = await confab.json(`/handoff/${conv}`, { method: 'DELETE' });
    expect(removed).toMatchObject({ status: 200, body: { handoff: { status: 'deleted', anonymization: 'requested', ticketId } } });
    expect(dixaConversation(ticketId)).toMatchObject({ state: 'Closed', anonymizations: [expect.objectContaining({ targetEntityId: ticketId })] });
    expect(dixaConversation(ticketId).messages.every((message) => message.content.value === '[anonymized]')).toBe(true);
    const read = await events(0);
    expect(read).toMatchObject({ events: [], pollAfterMs: null, handoff: { status: 'deleted' } });
    expect((await confab.json(`/handoff/${conv}`, { method: 'DELETE' })).body.handoff.anonymization).toBe('requested');
    expect(dixa.dixa.stats.snapshot().byRoute['PATCH /v1/conversations/{conversationId}/anonymize']).toBeGreaterThanOrEqual(1);
    expect(dixaConversation(ticketId).anonymizations).toHaveLength(1);
    expect((await confab.json(`/handoff/${conv}/messages`, { body: { id: 'msg_9', text: 'hi' } })).body.code).toBe('handoff_deleted');
  });

  it('15. DELETE when the helpdesk already anonymized it (409): already_requested, asked once, never in a loop', async () => {
    const ticketId = await handOff();
    await fetch(`${dixa.base}/v1/conversations/${ticketId}/anonymize?force=true`, { method: 'PATCH', headers: { Authorization: 'confab-demo-dixa-token' } });
    const before = dixa.dixa.stats.snapshot().byRoute['PATCH /v1/conversations/{conversationId}/anonymize'] ?? 0;
    const removed = await confab.json(`/handoff/${conv}`, { method: 'DELETE' });
    expect(removed).toMatchObject({ status: 200, body: { handoff: { anonymization: 'already_requested' } } });
    for (let i = 0; i < 3; i++) {
      confab.advance(600_000);
      await events(0);
    }
    expect((dixa.dixa.stats.snapshot().byRoute['PATCH /v1/conversations/{conversationId}/anonymize'] ?? 0) - before).toBe(1);
  });
});

describe('who may reach a handoff', () => {
  it('16. another visitor: 404 on every route of this handoff (it is not theirs, and they cannot tell it exists); anonymous callers: 401', async () => {
    await handOff();
    for (const [path, method, body] of [
      [`/handoff/${conv}`, 'GET', undefined],
      [`/handoff/${conv}/events?after=0`, 'GET', undefined],
      [`/handoff/${conv}/messages`, 'POST', { id: 'm', text: 'hi' }],
      [`/handoff/${conv}/close`, 'POST', {}],
      [`/handoff/${conv}/rating`, 'POST', { score: 1 }],
      [`/handoff/${conv}`, 'DELETE', undefined],
    ] as const) {
      const answer = await confab.json(path, { method, body, visitor: OTHER_VISITOR });
      expect(answer, `${method} ${path}`).toMatchObject({ status: 404, body: { code: 'handoff_not_found' } });
      expect((await confab.json(path, { method, body, visitor: null })).status).toBe(401);
    }
    expect((await confab.json('/handoff', { body: handoffBody(conv), visitor: null })).body.code).toBe('identity_required');
    const theirs = await confab.json('/handoff', { body: handoffBody(conv), visitor: OTHER_VISITOR });
    expect(theirs.status, 'the same conversation id of another visitor is another handoff').toBe(201);
  });

  it('17. a page of another site is refused before anything else (403)', async () => {
    const answer = await confab.call('/handoff', { body: handoffBody(conv), headers: { Origin: 'https://evil.example', Authorization: `Bearer ${OTHER_VISITOR}` } });
    expect(answer.status).toBe(403);
  });
});

describe('what a request may be', () => {
  it.each([
    ['18', '/handoff', 'POST', { conversationId: 'has space' }, 400, /^conversationId: conversationId must be 1 to 128 letters/],
    ['19', '/handoff', 'POST', { conversationId: 'c', message: { id: 'm', text: '   ' } }, 400, /^message\.text: text must not be empty\.$/],
    ['20', '/handoff', 'POST', { conversationId: 'c', message: { id: 'm', text: 'x'.repeat(8_001) } }, 400, /at most 8000 characters/],
    ['21', '/handoff', 'POST', { conversationId: 'c', message: { id: 'm', text: 'hi' }, transcript: [{ role: 'system', text: 'x' }] }, 400, /^transcript\.0\.role: role must be "user" or "assistant"\.$/],
    ['22', '/handoff', 'PUT', undefined, 405, /use GET, POST/],
    ['23', '/handoff/conv_x/events?after=abc', 'GET', undefined, 400, /after must be the cursor/],
    ['24', '/handoff/conv_x/messages', 'GET', undefined, 405, /use POST/],
    ['25', '/handoff/conv%20x/events', 'GET', undefined, 404, /not a handoff route/],
    ['26', '/handoff/conv_x/typing', 'POST', {}, 404, /not a handoff route/],
  ])('%s. %s %s → %s', async (_n, path, method, body, status, detail) => {
    const answer = await confab.json(path, { method, body });
    expect(answer.status).toBe(status);
    expect(answer.body.detail).toMatch(detail);
  });

  it('27. a body over limits.maxBodyBytes is a 413', async () => {
    const huge = await confab.json('/handoff', { body: handoffBody(conv, { transcript: [{ role: 'assistant', text: 'x'.repeat(600_000) }] }) });
    expect(huge).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('28. starting and writing count as questions against the rate limits (429 past them, with Retry-After)', async () => {
    const limited = await startHandoffServer(dixa.base, { confab: { rateLimit: { visitor: { requestsPerMinute: 2 }, ip: { requestsPerMinute: false } } } });
    try {
      expect((await limited.json('/handoff', { body: handoffBody(conv) })).status).toBe(201);
      expect((await limited.json(`/handoff/${conv}/messages`, { body: { id: 'a', text: 'one' } })).status).toBe(200);
      const third = await limited.as(VISITOR, `/handoff/${conv}/messages`, { body: { id: 'b', text: 'two' } });
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
      const polled = await limited.json(`/handoff/${conv}/events?after=0`);
      expect(polled.status, 'reading is not limited as a question').toBe(200);
    } finally {
      await limited.close();
    }
  });
});
