// The `handoff` option of createConfabHandler: each setting checked at start with an error
// naming it (never quoting the token), and another helpdesk plugged in through the same
// HandoffAdapter interface as Dixa's.
import { afterAll, describe, expect, it } from 'vitest';
import { createConfabHandler, HandoffError, type ConfabHandlerOptions, type HandoffAdapter, type HelpdeskActivity } from '../../../src/server';
import { parseDixaTime, toDixaTime } from '../../../src/server/handoff/dixa/dixa-time';
import { pollAfterMs } from '../../../src/server/handoff/poll-interval';
import type { HandoffRecord } from '../../../src/server/handoff/handoff-record';
import { SITE } from '../support/confab-server';
import { dixaSettings } from './dixa-support';
import { handoffBody, startHandoffServer } from './handoff-support';

const SECRET_TOKEN = 'secret-dixa-token with-a-space';

describe('handoff settings are checked at start', () => {
  const base = (handoff: unknown) => ({ allowedOrigins: [SITE], handoff }) as ConfabHandlerOptions;
  it.each([
    ['1', {}, 'handoff.dixa', /^handoff\.dixa is required: the helpdesk to hand visitors to \(or your own `adapter`\)/],
    ['2', { dixa: { ...dixaSettings('https://dev.dixa.io'), apiToken: undefined } }, 'handoff.dixa.apiToken', /is required: the API token of a Dixa user/],
    ['3', { dixa: { ...dixaSettings('https://dev.dixa.io'), apiToken: SECRET_TOKEN } }, 'handoff.dixa.apiToken', /without spaces \(got a hidden value\)\.$/],
    ['4', { dixa: { ...dixaSettings('https://dev.dixa.io'), requesterId: 'visitor@example.com' } }, 'handoff.dixa.requesterId', /must be the uuid of the Dixa end user handoffs are created for/],
    ['5', { dixa: { ...dixaSettings('dev.dixa.io') } }, 'handoff.dixa.baseUrl', /must be an absolute http\(s\) URL/],
    ['6', { dixa: { ...dixaSettings('https://dev.dixa.io'), createShape: 'chat' } }, 'handoff.dixa.createShape', /must be "email" or "endpoint"/],
    ['7', { dixa: { ...dixaSettings('https://dev.dixa.io'), queue: 'x' } }, 'handoff.dixa.queue', /^handoff\.dixa\.queue is not an option of createConfabHandler/],
    ['8', { dixa: dixaSettings('https://dev.dixa.io'), activePollMs: 10_000, idlePollMs: 5_000 }, 'handoff.idlePollMs', /must be at least activePollMs/],
    ['9', { dixa: dixaSettings('https://dev.dixa.io'), adapter: { start() {}, readActivity() {} } }, 'handoff.dixa', /and adapter cannot both be set/],
    ['10', { adapter: {} }, 'handoff.adapter', /must implement HandoffAdapter/],
    ['11', { dixa: { ...dixaSettings('https://dev.dixa.io'), timeoutMs: 50 } }, 'handoff.dixa.timeoutMs', /must be at least 100/],
  ])('%s. a bad setting is a ConfigError naming it', (_n, handoff, option, message) => {
    let error: unknown;
    try {
      createConfabHandler(base(handoff));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject({ name: 'ConfigError', option });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('secret-dixa-token');
  });
});

describe('another helpdesk behind the same interface', () => {
  /** A helpdesk kept in memory: what a Zendesk or Chatwoot adapter would do over HTTP. */
  function memoryHelpdesk() {
    const tickets = new Map<string, { messages: string[]; notes: string[]; state: 'open' | 'closed'; replies: Array<{ id: string; text: string }> }>();
    const adapter: HandoffAdapter = {
      helpdesk: 'memorydesk',
      async start(request, progress) {
        const ticketId = progress.saved.ticket ?? `T-${tickets.size + 1}`;
        if (!tickets.has(ticketId)) tickets.set(ticketId, { messages: [request.firstMessage.text], notes: request.transcript.map((turn) => `${turn.role}: ${turn.text}`), state: 'open', replies: [] });
        await progress.save({ ticket: ticketId });
        await progress.created(ticketId);
        return { ticketId };
      },
      async sendMessage(ticketId, _handoffId, message) {
        tickets.get(ticketId)?.messages.push(message.text);
      },
      async readActivity(ticketId, cursor): Promise<HelpdeskActivity> {
        const ticket = tickets.get(ticketId);
        if (!ticket) throw new HandoffError('not_found', 'no such ticket');
        const from = Number(cursor ?? 0);
        return { messages: ticket.replies.slice(from).map((reply) => ({ ...reply, format: 'text', agent: { id: 'a1', name: 'Sam' }, createdAt: undefined })), state: ticket.state, agent: { id: 'a1', name: 'Sam' }, cursor: String(ticket.replies.length) };
      },
      async close(ticketId) {
        tickets.get(ticketId)!.state = 'closed';
      },
      async reopen(ticketId) {
        tickets.get(ticketId)!.state = 'open';
      },
      async readRating() {
        return undefined;
      },
      async recordRating(ticketId, rating) {
        tickets.get(ticketId)?.notes.push(`rated ${rating.score}`);
      },
      async anonymize(ticketId) {
        return tickets.delete(ticketId) ? 'requested' : 'not_found';
      },
    };
    return { adapter, tickets };
  }

  const helpdesk = memoryHelpdesk();
  let server: Awaited<ReturnType<typeof startHandoffServer>>;
  afterAll(() => server?.close());

  it('12. handoff: { adapter } serves the same routes: start, agent replies as events, messages, delete', async () => {
    server = await startHandoffServer('http://unused.example', { confab: { handoff: { adapter: helpdesk.adapter, retryIntervalMs: 60_000 } } });
    expect((await server.json('/handoff')).body).toMatchObject({ enabled: true, helpdesk: 'memorydesk' });
    const started = await server.json('/handoff', { body: handoffBody('conv_m') });
    expect(started.body.handoff).toMatchObject({ status: 'open', ticketId: 'T-1', helpdesk: 'memorydesk' });
    helpdesk.tickets.get('T-1')!.replies.push({ id: 'r1', text: 'Sam here' });
    server.advance(3_000);
    const read = await server.json('/handoff/conv_m/events?after=0');
    expect(read.body.events.map((event: { type: string }) => event.type)).toEqual(['ticket_created', 'message_delivered', 'agent_joined', 'agent_message']);
    expect((await server.json('/handoff/conv_m/messages', { body: { id: 'm2', text: 'thanks' } })).status).toBe(200);
    expect(helpdesk.tickets.get('T-1')!.messages).toEqual(['Can a person check my invoice?', 'thanks']);
    expect((await server.json('/handoff/conv_m', { method: 'DELETE' })).body.handoff.anonymization).toBe('requested');
    expect(helpdesk.tickets.has('T-1')).toBe(false);
  });
});

describe('small parts', () => {
  it.each([
    ['13', '2021-12-01T12:46:36.581Z[GMT]', '2021-12-01T12:46:36.581Z'],
    ['14', '2021-06-09T08:18:37.284Z', '2021-06-09T08:18:37.284Z'],
    ['15', '2020-12-16T09:41:43Z', '2020-12-16T09:41:43.000Z'],
    ['16', '2020-12-16T10:41:43+01:00[Europe/Copenhagen]', '2020-12-16T09:41:43.000Z'],
    ['17', 'yesterday', undefined],
    ['18', 42, undefined],
  ])('%s. Dixa time %j reads as %j (§1.5: the [Zone] suffix stripped)', (_n, input, expected) => {
    expect(parseDixaTime(input)).toBe(expected);
  });

  it('19. times sent to Dixa are plain ISO-8601 with Z; a bad one is left out', () => {
    expect(toDixaTime('2026-01-01T12:00:00+02:00')).toBe('2026-01-01T10:00:00.000Z');
    expect(toDixaTime('soon')).toBeUndefined();
    expect(toDixaTime(undefined)).toBeUndefined();
  });

  it('20. the poll interval: 3 s while active, doubling per quiet minute to 30 s; 30 s closed; none once deleted or failed', () => {
    const record = (status: HandoffRecord['status'], lastActivityAt: number) => ({ status, lastActivityAt }) as HandoffRecord;
    const settings = { activeMs: 3_000, idleMs: 30_000 };
    expect([0, 59_999, 60_000, 120_000, 180_000, 240_000, 3_600_000].map((quiet) => pollAfterMs(record('open', 0), quiet, settings))).toEqual([3_000, 3_000, 6_000, 12_000, 24_000, 30_000, 30_000]);
    expect(pollAfterMs(record('starting', 0), 0, settings)).toBe(3_000);
    expect(pollAfterMs(record('closed', 0), 0, settings)).toBe(30_000);
    expect(pollAfterMs(record('deleted', 0), 0, settings)).toBeNull();
    expect(pollAfterMs(record('failed', 0), 0, settings)).toBeNull();
  });
});
