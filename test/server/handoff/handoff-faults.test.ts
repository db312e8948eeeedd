// The fault table of the handoff (issue 16, "Failures"): the helpdesk down (5xx), the key
// refused (401), timeouts, dropped connections, a helpdesk restart mid-conversation, a
// confab server restart on the same store, refusals for good. Nothing the visitor wrote is
// lost, the widget is told what waits and why, and no agent message is shown twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../../src/server';
import { HandoffError } from '../../../src/server/handoff/handoff-error';
import type { Harness } from '../../demo/server/dixa/harness';
import { startDixa, startRestartableDixa } from './dixa-support';
import { handoffBody, startHandoffServer, T0, type HandoffServer } from './handoff-support';

let dixa: Harness & { rewind(): void };
let confab: HandoffServer;
let counter = 0;
let conv = '';
beforeAll(async () => {
  dixa = await startDixa();
  // Short enough for case 5's late answer, long enough that a loaded 2-core machine never
  // times out an ordinary call (300 ms did, under a full run).
  confab = await startHandoffServer(dixa.base, { dixa: { timeoutMs: 1_500 } });
});
afterAll(async () => {
  await confab?.close();
  await dixa?.close();
});
beforeEach(() => {
  conv = `conv_f${++counter}`;
  confab.errors.length = 0;
  dixa.dixa.faults.reset();
});

const dixaConversation = (ticketId: string) => dixa.dixa.state.conversations.get(Number(ticketId))!;
const texts = (ticketId: string) => dixaConversation(ticketId).messages.map((message) => message.content.value);
const types = (list: Array<{ type: string }>) => list.map((event) => event.type);

/** Lets the retry time of the waiting deliveries pass, then polls as the widget does. */
async function retryByPolling(server = confab, ms = 400_000) {
  server.advance(ms);
  const { body } = await server.json(`/handoff/${conv}/events?after=0`);
  return body;
}

async function handOff(server = confab): Promise<string> {
  const { status, body } = await server.json('/handoff', { body: handoffBody(conv) });
  expect(status, JSON.stringify(body)).toBe(201);
  return body.handoff.ticketId as string;
}

describe('the helpdesk is down or refuses the key: kept, told, retried', () => {
  it('1. 5xx when starting: 202, status starting, one pending, the notice "saved, will be delivered" with its retry time; the next due poll opens the ticket', async () => {
    dixa.dixa.faults.failNext(1, { status: 503 });
    const before = dixa.dixa.state.conversations.size;
    const { status, body } = await confab.json('/handoff', { body: handoffBody(conv) });
    expect(status).toBe(202);
    expect(body.handoff).toMatchObject({ status: 'starting', ticketId: null, pending: 1, notice: { code: 'helpdesk_unavailable', message: expect.stringMatching(/saved and will be delivered/), retryAt: expect.any(String) } });
    expect(Date.parse(body.handoff.notice.retryAt)).toBeGreaterThan(T0);
    expect(dixa.dixa.state.conversations.size).toBe(before);
    expect(confab.errors).toEqual([expect.objectContaining({ name: 'HandoffError', kind: 'unavailable', status: 503 })]);
    const read = await retryByPolling();
    expect(read.handoff).toMatchObject({ status: 'open', pending: 0, notice: null, ticketId: expect.stringMatching(/^\d+$/) });
    expect(types(read.events)).toEqual(['ticket_created', 'message_delivered']);
  });

  it('2. 5xx while writing: each message is saved (202 queued, pending counts them); once Dixa is back they arrive once each, in the order written', async () => {
    const ticketId = await handOff();
    dixa.dixa.faults.failNext(2, { status: 500 });
    const first = await confab.json(`/handoff/${conv}/messages`, { body: { id: 'm1', text: 'first' } });
    expect(first).toMatchObject({ status: 202, body: { message: { id: 'm1', status: 'queued' }, handoff: { pending: 1, notice: { code: 'helpdesk_unavailable' } } } });
    const second = await confab.json(`/handoff/${conv}/messages`, { body: { id: 'm2', text: 'second' } });
    expect(second).toMatchObject({ status: 202, body: { message: { status: 'queued' }, handoff: { pending: 2 } } });
    const read = await retryByPolling();
    expect(read.handoff).toMatchObject({ pending: 0, notice: null });
    expect(texts(ticketId).slice(-2)).toEqual(['first', 'second']);
    expect(read.events.filter((event: { type: string }) => event.type === 'message_delivered').map((event: { messageId: string }) => event.messageId)).toEqual(['msg_h1', 'm1', 'm2']);
  });

  it('3. the key refused (401): saved with the notice helpdesk_config_error, the operator told which setting, retried no sooner than a minute; delivered once the key works', async () => {
    const ticketId = await handOff();
    dixa.dixa.faults.failNext(1, { status: 401 });
    const sent = await confab.json(`/handoff/${conv}/messages`, { body: { id: 'm1', text: 'are you there?' } });
    expect(sent).toMatchObject({ status: 202, body: { handoff: { notice: { code: 'helpdesk_config_error', message: expect.stringMatching(/saved and will be delivered once the site fixes/) } } } });
    expect(Date.parse(sent.body.handoff.notice.retryAt) - T0).toBeGreaterThanOrEqual(60_000 - 1_000);
    expect(confab.errors[0]).toMatchObject({ kind: 'config', setting: 'handoff.dixa.apiToken' });
    const early = await retryByPolling(confab, 10_000);
    expect(early.handoff.pending, 'not retried before its time').toBe(1);
    const late = await retryByPolling();
    expect(late.handoff).toMatchObject({ pending: 0, notice: null });
    expect(texts(ticketId).at(-1)).toBe('are you there?');
  });

  it('4. a failure the helpdesk names a retry time for (429 Retry-After): not retried before it', async () => {
    await handOff();
    dixa.dixa.faults.failNext(1, { status: 429, retryAfter: 120 });
    const sent = await confab.json(`/handoff/${conv}/messages`, { body: { id: 'm1', text: 'x' } });
    expect(Date.parse(sent.body.handoff.notice.retryAt) - Date.parse(new Date(T0).toISOString())).toBeGreaterThanOrEqual(120_000);
  });
});

describe('timeouts and lost answers: delivered exactly once', () => {
  it('5. a message whose answer comes after timeoutMs (Dixa applied it late): queued, then the retry\'s Duplicate externalId counts as delivered; Dixa holds it once', async () => {
    const ticketId = await handOff();
    dixa.dixa.faults.holdNext(1, 3_000);
    const sent = await confab.json(`/handoff/${conv}/messages`, { body: { id: 'm1', text: 'slow one' } });
    expect(sent).toMatchObject({ status: 202, body: { handoff: { notice: { code: 'helpdesk_unavailable' } } } });
    expect(confab.errors[0]).toMatchObject({ message: expect.stringMatching(/did not answer "add the visitor's message" within 1500 ms/) });
    await vi.waitFor(() => expect(texts(ticketId)).toContain('slow one'), { timeout: 8_000 });
    const read = await retryByPolling();
    expect(read.handoff.pending).toBe(0);
    expect(texts(ticketId).filter((text) => text === 'slow one')).toHaveLength(1);
  });

  it('6. a create whose answer is lost (the connection reset after Dixa made it): the retry finds that conversation instead of making a second', async () => {
    const before = dixa.dixa.state.conversations.size;
    dixa.dixa.faults.resetAfterNext(1);
    const { status } = await confab.json('/handoff', { body: handoffBody(conv) });
    expect(status).toBe(202);
    const read = await retryByPolling();
    expect(read.handoff.status).toBe('open');
    expect(dixa.dixa.state.conversations.size).toBe(before + 1);
    expect(dixaConversation(read.handoff.ticketId).notes.length, 'the transcript is there once').toBe(3);
  });

  it('7. a dropped connection on close: the close is queued, then delivered', async () => {
    const ticketId = await handOff();
    dixa.dixa.faults.dropNext(1);
    const closed = await confab.json(`/handoff/${conv}/close`, { method: 'POST' });
    expect(closed).toMatchObject({ status: 202, body: { handoff: { status: 'closed', pending: 1 } } });
    expect(dixaConversation(ticketId).state).toBe('Open');
    await retryByPolling();
    expect(dixaConversation(ticketId).state).toBe('Closed');
  });
});

describe('refusals for good', () => {
  it('8. a message the helpdesk refuses (400): 502 helpdesk_refused, a message_failed event, the operator told; later messages still go', async () => {
    const ticketId = await handOff();
    dixa.dixa.faults.failNext(1, { status: 400, body: { message: 'Invalid input for Message' } });
    const refused = await confab.json(`/handoff/${conv}/messages`, { body: { id: 'm1', text: 'refused' } });
    expect(refused).toMatchObject({ status: 502, body: { code: 'helpdesk_refused' } });
    expect(confab.errors).toEqual([expect.any(HandoffError)]);
    expect((await confab.json(`/handoff/${conv}/messages`, { body: { id: 'm2', text: 'next' } })).status).toBe(200);
    const read = await retryByPolling(confab, 3_000);
    expect(read.events.filter((event: { type: string }) => event.type.startsWith('message_'))).toEqual([
      expect.objectContaining({ type: 'message_delivered', messageId: 'msg_h1' }),
      expect.objectContaining({ type: 'message_failed', messageId: 'm1', code: 'helpdesk_refused' }),
      expect.objectContaining({ type: 'message_delivered', messageId: 'm2' }),
    ]);
    expect(texts(ticketId)).not.toContain('refused');
  });

  it('9. anonymization refused (400): 502 anonymization_refused saying why, for the widget\'s confab-error; confab\'s own copy is gone', async () => {
    await handOff();
    dixa.dixa.faults.failNext(1, { status: 400, body: { message: 'Invalid value for: query parameter force' } });
    const removed = await confab.json(`/handoff/${conv}`, { method: 'DELETE' });
    expect(removed).toMatchObject({ status: 502, body: { code: 'anonymization_refused', detail: expect.stringMatching(/Invalid value for: query parameter force/) } });
    const view = await confab.json(`/handoff/${conv}`);
    expect(view.body.handoff).toMatchObject({ status: 'deleted', anonymization: 'refused' });
    expect((await confab.json(`/handoff/${conv}/events?after=0`)).body.events).toEqual([]);
  });

  it('10. anonymization while Dixa is down: 202 pending (no new handoff of the conversation meanwhile: 409), then requested on a later attempt', async () => {
    const ticketId = await handOff();
    dixa.dixa.faults.failNext(1, { status: 500 });
    expect(await confab.json(`/handoff/${conv}`, { method: 'DELETE' })).toMatchObject({ status: 202, body: { handoff: { anonymization: 'pending', notice: { code: 'helpdesk_unavailable' } } } });
    expect(await confab.json('/handoff', { body: handoffBody(conv) })).toMatchObject({ status: 409, body: { code: 'handoff_deleted' } });
    const read = await retryByPolling();
    expect(read.handoff.anonymization).toBe('requested');
    expect(dixaConversation(ticketId).anonymizations).toHaveLength(1);
    const again = await confab.json('/handoff', { body: handoffBody(conv) });
    expect(again.status, 'once erased, the conversation may be handed over anew').toBe(201);
    expect(again.body.handoff.ticketId).not.toBe(ticketId);
  });

  it('11. the ticket gone at the helpdesk (404): the handoff fails with an event; the visitor may start a new one', async () => {
    const ticketId = await handOff();
    dixa.dixa.state.conversations.delete(Number(ticketId));
    const read = await retryByPolling(confab, 3_000);
    expect(read).toMatchObject({ handoff: { status: 'failed' }, pollAfterMs: null });
    expect(read.events.at(-1)).toMatchObject({ type: 'failed', code: 'helpdesk_not_found' });
    expect((await confab.json(`/handoff/${conv}/messages`, { body: { id: 'm', text: 'x' } })).body.code).toBe('handoff_failed');
    const again = await confab.json('/handoff', { body: handoffBody(conv) });
    expect(again.status).toBe(201);
    expect(again.body.handoff.ticketId).not.toBe(ticketId);
  });
});

describe('restarts', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'confab-handoff-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('12. polling through a Dixa restart (its state kept in dataPath): while it is down the widget is told, nothing is lost; after it, no agent message twice, the next one once', async () => {
    const restartable = await startRestartableDixa(join(dir, 'dixa.json'));
    const server = await startHandoffServer(restartable.base);
    try {
      const ticketId = Number((await server.json('/handoff', { body: handoffBody(conv) })).body.handoff.ticketId);
      restartable.dixa.agent.reply({ conversationId: ticketId, text: 'Before the restart' });
      expect((await retryByPolling(server, 3_000)).events.filter((event: { type: string }) => event.type === 'agent_message')).toHaveLength(1);
      await restartable.stop();
      const down = await retryByPolling(server, 3_000);
      expect(down.handoff.notice).toMatchObject({ code: 'helpdesk_unavailable' });
      const queued = await server.json(`/handoff/${conv}/messages`, { body: { id: 'm1', text: 'typed while Dixa restarts' } });
      expect(queued.status).toBe(202);
      await restartable.start();
      restartable.dixa.agent.reply({ conversationId: ticketId, text: 'After the restart' });
      await retryByPolling(server);
      const read = await retryByPolling(server, 3_000);
      expect(read.events.filter((event: { type: string }) => event.type === 'agent_message').map((event: { message: { text: string } }) => event.message.text)).toEqual(['Before the restart', 'After the restart']);
      expect(read.handoff).toMatchObject({ notice: null, pending: 0 });
      expect(restartable.dixa.state.conversations.get(ticketId)!.messages.filter((message) => message.content.value === 'typed while Dixa restarts')).toHaveLength(1);
    } finally {
      await server.close();
      await restartable.close();
    }
  });

  it('13. a confab server restart on the same store: the new instance delivers what the old one kept, and polling shows no agent message twice', async () => {
    const clock = { now: T0 };
    const store = createMemoryStore({ now: () => clock.now });
    const first = await startHandoffServer(dixa.base, { clock, confab: { store } });
    const ticketId = await handOff(first);
    dixa.dixa.agent.reply({ conversationId: Number(ticketId), text: 'Seen by the first instance' });
    await retryByPolling(first, 3_000);
    dixa.dixa.faults.failNext(1, { status: 503 });
    expect((await first.json(`/handoff/${conv}/messages`, { body: { id: 'm1', text: 'kept across the restart' } })).status).toBe(202);
    await first.close();

    clock.now += 400_000;
    const second = await startHandoffServer(dixa.base, { clock, confab: { store }, handoff: { retryIntervalMs: 20 } });
    try {
      await vi.waitFor(async () => expect((await second.json(`/handoff/${conv}`)).body.handoff).toMatchObject({ pending: 0, notice: null }), { timeout: 5_000 });
      dixa.dixa.agent.reply({ conversationId: Number(ticketId), text: 'Seen by the second instance' });
      const read = await retryByPolling(second, 3_000);
      expect(read.events.filter((event: { type: string }) => event.type === 'agent_message').map((event: { message: { text: string } }) => event.message.text)).toEqual(['Seen by the first instance', 'Seen by the second instance']);
      expect(texts(ticketId).filter((text) => text === 'kept across the restart')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
