// Handoffs across instances sharing a real Redis (issue 15's "Scale", issue 16's "two tabs"):
// two confab servers behind a load balancer serve one visitor's tabs, a restart brings up a
// third on the same Redis. The helpdesk is polled once per interval across them, no agent
// message is an event twice, and what one instance kept is delivered by another.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRedisStore, type ConfabStore } from '../../../src/server';
import type { Harness } from '../../demo/server/dixa/harness';
import { startRedis, type RedisServer } from '../support/redis-server';
import { startDixa } from './dixa-support';
import { handoffBody, startHandoffServer, T0, type HandoffServer } from './handoff-support';

let redis: RedisServer;
let dixa: Harness & { rewind(): void };
const stores: ConfabStore[] = [];
const servers: HandoffServer[] = [];
let conv = '';
let counter = 0;

/** An instance on the Redis at `prefix`, with the shared clock; the poll interval is the shortest (Redis expires throttles in real time). */
async function instance(prefix: string, clock: { now: number }, retryIntervalMs = 60_000): Promise<HandoffServer> {
  const store = await createRedisStore({ url: redis.url, keyPrefix: prefix });
  stores.push(store);
  const server = await startHandoffServer(dixa.base, { clock, confab: { store }, handoff: { activePollMs: 500, idlePollMs: 500, retryIntervalMs } });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  redis = await startRedis();
  dixa = await startDixa();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await Promise.all(stores.map((store) => store.close()));
  await dixa?.close();
  await redis?.stop();
});
beforeEach(() => {
  conv = `conv_r${++counter}`;
});

const agentTexts = (events: Array<{ type: string; message?: { text: string } }>) => events.filter((event) => event.type === 'agent_message').map((event) => event.message?.text);
const listCalls = () => dixa.dixa.stats.snapshot().byRoute['GET /v1/conversations/{conversationId}/messages'] ?? 0;

describe('two instances on one Redis', () => {
  it('1. a visitor\'s tabs polling both instances at once: Dixa is read once, the reply is one event with one id on both', async () => {
    const clock = { now: T0 };
    const [a, b] = [await instance('two1:', clock), await instance('two1:', clock)];
    const ticketId = Number((await a.json('/handoff', { body: handoffBody(conv) })).body.handoff.ticketId);
    dixa.dixa.agent.reply({ conversationId: ticketId, text: 'One reply' });
    const before = listCalls();
    const reads = await Promise.all(Array.from({ length: 10 }, (_, i) => [a, b][i % 2]!.json(`/handoff/${conv}/events?after=0`)));
    expect(listCalls() - before).toBe(1);
    const polled = reads.find((read) => agentTexts(read.body.events).length > 0)!;
    expect(agentTexts(polled.body.events)).toEqual(['One reply']);
    const onA = (await a.json(`/handoff/${conv}/events?after=0`)).body.events;
    const onB = (await b.json(`/handoff/${conv}/events?after=0`)).body.events;
    expect(onB).toEqual(onA);
    expect(agentTexts(onA)).toEqual(['One reply']);
  });

  it('2. a message kept by one instance while Dixa was down is delivered by the other\'s retry loop, once', async () => {
    const clock = { now: T0 };
    const a = await instance('two2:', clock);
    const b = await instance('two2:', clock, 20);
    const ticketId = Number((await a.json('/handoff', { body: handoffBody(conv) })).body.handoff.ticketId);
    dixa.dixa.faults.failNext(1, { status: 503 });
    expect((await a.json(`/handoff/${conv}/messages`, { body: { id: 'm1', text: 'kept in Redis' } })).status).toBe(202);
    clock.now += 400_000;
    const texts = () => dixa.dixa.state.conversations.get(ticketId)!.messages.map((message) => message.content.value);
    // Done once the store says so (the helpdesk has the message a moment before the queue is cleared).
    await vi.waitFor(async () => expect((await b.json(`/handoff/${conv}`)).body.handoff).toMatchObject({ pending: 0, notice: null }), { timeout: 5_000 });
    expect(texts().filter((text) => text === 'kept in Redis')).toHaveLength(1);
  });

  it('3. every instance stopped and a new one started on the same Redis: the handoff carries on, no agent message twice, the next one once', async () => {
    const clock = { now: T0 };
    const a = await instance('restart:', clock);
    const ticketId = Number((await a.json('/handoff', { body: handoffBody(conv) })).body.handoff.ticketId);
    dixa.dixa.agent.assign({ conversationId: ticketId });
    dixa.dixa.agent.reply({ conversationId: ticketId, text: 'Before the restart' });
    await vi.waitFor(async () => expect(agentTexts((await a.json(`/handoff/${conv}/events?after=0`)).body.events)).toEqual(['Before the restart']), { timeout: 5_000 });
    await a.close();

    const c = await instance('restart:', clock);
    dixa.dixa.agent.reply({ conversationId: ticketId, text: 'After the restart' });
    await vi.waitFor(async () => expect(agentTexts((await c.json(`/handoff/${conv}/events?after=0`)).body.events)).toEqual(['Before the restart', 'After the restart']), { timeout: 5_000 });
    const read = await c.json(`/handoff/${conv}/events?after=0`);
    expect(read.body.handoff.agent).toMatchObject({ name: 'Dale Cooper' });
    expect(read.body.events.filter((event: { type: string }) => event.type === 'agent_joined')).toHaveLength(1);
  });
});
