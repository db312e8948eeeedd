// The handoff state on both stores: the memory store and the Redis store on a real
// redis-server. The same cases run on each, as the ConfabStore contract does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/server/store/memory-store';
import { createRedisStore } from '../../../src/server/store/redis-store';
import type { ConfabStore } from '../../../src/server/store/store';
import { createHandoffStore, type HandoffStore } from '../../../src/server/handoff/handoff-store';
import type { HandoffEvent } from '../../../src/server/handoff/handoff-events';
import { startRedis, type RedisServer } from '../support/redis-server';

let redis: RedisServer;
let clock = 1_000_000;
const stores: Record<string, () => Promise<ConfabStore>> = {
  memory: async () => createMemoryStore({ now: () => clock }),
  redis: async () => createRedisStore({ url: redis.url, keyPrefix: `h${Math.random().toString(36).slice(2)}:` }),
};

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.stop());

const event = (n: number): HandoffEvent => ({ type: 'message_delivered', messageId: `m${n}`, id: `delivered:m${n}`, at: '2026-01-01T00:00:00.000Z' });

describe.each(Object.keys(stores))('the handoff state on the %s store', (name) => {
  let store: ConfabStore;
  let handoffs: HandoffStore;
  beforeAll(async () => {
    store = await stores[name]!();
    handoffs = createHandoffStore(store, 86_400_000);
  });
  afterAll(() => store.close());

  it('1. a record: written field by field, read back decoded (JSON fields, numbers, the adapter\'s progress); null removes a field; nothing read as undefined', async () => {
    expect(await handoffs.load('h1')).toBeUndefined();
    await handoffs.update('h1', { ref: 'r1', owner: 'v:visitor_1', conversationId: 'conv_1', helpdesk: 'dixa', status: 'starting', startedAt: 5, lastActivityAt: 6, agent: null, attempts: 0, ratingChecks: 0, start: { conversationId: 'conv_1', firstMessage: { id: 'm', text: 'hi', createdAt: 'x' }, transcript: [] } });
    await handoffs.saveProgress('h1', { ticketId: '100', notes: '3' });
    await handoffs.update('h1', { status: 'open', ticketId: '100', agent: { id: 'a', name: 'Dale' }, start: null });
    const record = await handoffs.load('h1');
    expect(record).toMatchObject({ id: 'h1', ref: 'r1', owner: 'v:visitor_1', conversationId: 'conv_1', status: 'open', ticketId: '100', startedAt: 5, lastActivityAt: 6, agent: { id: 'a', name: 'Dale' }, start: undefined, progress: { ticketId: '100', notes: '3' } });
    await handoffs.update('h1', { agent: null });
    expect((await handoffs.load('h1'))?.agent).toBeNull();
  });

  it('2. operations: queued in order, one per id (queuing an id again keeps the first), dequeued by id', async () => {
    await handoffs.queue('h2', 'm:a', { kind: 'message', message: { id: 'a', text: 'one', createdAt: 't' } });
    await handoffs.queue('h2', 'c:1', { kind: 'close' });
    await handoffs.queue('h2', 'm:a', { kind: 'message', message: { id: 'a', text: 'changed', createdAt: 't' } });
    await handoffs.queue('h2', 'r:b', { kind: 'reopen' });
    const queued = await handoffs.operations('h2');
    expect(queued.map((operation) => [operation.opId, operation.seq])).toEqual([['m:a', 1], ['c:1', 2], ['r:b', 3]]);
    expect(queued[0]).toMatchObject({ kind: 'message', message: { text: 'one' } });
    await handoffs.dequeue('h2', 'c:1');
    expect((await handoffs.operations('h2')).map((operation) => operation.opId)).toEqual(['m:a', 'r:b']);
  });

  it('3. events: appended in order, numbered from 1, read after a cursor; a cursor past the end reads everything, marked reset', async () => {
    await handoffs.append('h3', [event(1), event(2)]);
    await handoffs.append('h3', [event(3)]);
    expect((await handoffs.events('h3', 0)).events.map((e) => [e.seq, e.id])).toEqual([[1, 'delivered:m1'], [2, 'delivered:m2'], [3, 'delivered:m3']]);
    expect(await handoffs.events('h3', 2)).toEqual({ events: [{ ...event(3), seq: 3 }], reset: false });
    expect(await handoffs.events('h3', 3)).toEqual({ events: [], reset: false });
    const past = await handoffs.events('h3', 9);
    expect(past.reset).toBe(true);
    expect(past.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await handoffs.events('none', 0)).toEqual({ events: [], reset: false });
  });

  it('4. seen helpdesk ids and sent outcomes', async () => {
    await handoffs.markSeen('h4', ['x', 'y']);
    await handoffs.markSeen('h4', ['y', 'z']);
    expect([...(await handoffs.seen('h4'))].sort()).toEqual(['x', 'y', 'z']);
    await handoffs.markSent('h4', 'msg_1', 'delivered');
    expect(await handoffs.sentOutcome('h4', 'msg_1')).toBe('delivered');
    expect(await handoffs.sentOutcome('h4', 'msg_2')).toBeUndefined();
  });

  it('5. the due index: set, moved, cleared; erase removes the handoff and its index entry; purgeContent keeps only the record', async () => {
    await handoffs.setDue('h5', 10);
    await handoffs.setDue('h6', 20);
    await handoffs.setDue('h5', 30);
    expect((await handoffs.due()).filter((entry) => entry.id === 'h5' || entry.id === 'h6').sort((a, b) => a.id.localeCompare(b.id))).toEqual([{ id: 'h5', at: 30 }, { id: 'h6', at: 20 }]);
    await handoffs.clearDue('h6');
    expect((await handoffs.due()).some((entry) => entry.id === 'h6')).toBe(false);
    await handoffs.update('h5', { ref: 'r5', owner: 'v:x', conversationId: 'c', status: 'open', start: { conversationId: 'c', firstMessage: { id: 'm', text: 't', createdAt: 'x' }, transcript: [] } });
    await handoffs.append('h5', [event(1)]);
    await handoffs.queue('h5', 'c:1', { kind: 'close' });
    await handoffs.purgeContent('h5');
    expect(await handoffs.events('h5', 0)).toEqual({ events: [], reset: false });
    expect(await handoffs.operations('h5')).toEqual([]);
    expect((await handoffs.load('h5'))?.start).toBeUndefined();
    await handoffs.erase('h5');
    expect(await handoffs.load('h5')).toBeUndefined();
    expect((await handoffs.due()).some((entry) => entry.id === 'h5')).toBe(false);
  });

  it('6. the lock: one holder at a time, of 20 concurrent takers; free again once released', async () => {
    const taken = await Promise.all(Array.from({ length: 20 }, () => handoffs.lock('h7', 60_000)));
    expect(taken.filter(Boolean)).toHaveLength(1);
    await handoffs.unlock('h7');
    expect(await handoffs.lock('h7', 60_000)).toBe(true);
    await handoffs.unlock('h7');
  });

  it('7. the poll throttle: once per interval, across 10 concurrent pollers', async () => {
    const allowed = await Promise.all(Array.from({ length: 10 }, () => handoffs.pollAllowed('h8', 3_000)));
    expect(allowed.filter(Boolean)).toHaveLength(1);
  });

  it('8. every key of a handoff lives retentionMs after its last write', async () => {
    const short = createHandoffStore(store, 60_000);
    await short.update('h9', { ref: 'r9', owner: 'v:x', conversationId: 'c', status: 'open' });
    await short.append('h9', [event(1)]);
    if (name === 'memory') {
      clock += 60_001;
      expect(await short.load('h9')).toBeUndefined();
      expect(await short.events('h9', 0)).toEqual({ events: [], reset: false });
    } else {
      const { createClient } = await import('redis');
      const raw = createClient({ url: redis.url });
      await raw.connect();
      try {
        const keys = await raw.keys('*ho:h9*');
        expect(keys.length).toBe(2);
        for (const key of keys) expect(Number(await raw.pTTL(key))).toBeGreaterThan(0);
        for (const key of keys) expect(Number(await raw.pTTL(key))).toBeLessThanOrEqual(60_000);
      } finally {
        await raw.close();
      }
    }
  });
});
