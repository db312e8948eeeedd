// The ConfabStore contract, run against both implementations: the memory store (with a fake
// clock) and the Redis store on a real redis-server. Expiry is checked through each one's own
// view of time: the memory store's clock, Redis's PTTL.
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/server/store/memory-store';
import { createRedisStore, type RedisCommandClient } from '../../../src/server/store/redis-store';
import type { ConfabStore } from '../../../src/server/store/store';
import { startRedis, type RedisServer } from '../support/redis-server';

interface Subject {
  store: ConfabStore;
  /** Whether `key` now expires within (0, ms], as the implementation sees it; `read` tells whether it still exists. */
  expiresWithin(key: string, ms: number, read: () => Promise<boolean>): Promise<boolean>;
  /** Lets `ms` pass (memory) or removes the key as its expiry would (Redis: forces it with PEXPIRE 1 and waits). */
  expire(key: string, ms: number): Promise<void>;
}

let redis: RedisServer;
let raw: ReturnType<typeof createClient>;
let clock = 1_000_000;
const subjects: Record<string, () => Promise<Subject>> = {
  memory: async () => {
    const store = createMemoryStore({ now: () => clock });
    return {
      store,
      async expiresWithin(_key, ms, read) {
        // The memory store has no TTL query: the key must live at ms - 1 and be gone at ms
        // (reading it then removes it, so this check comes last in a case).
        const start = clock;
        clock = start + ms - 1;
        const aliveBefore = await read();
        clock = start + ms;
        const aliveAt = await read();
        clock = start;
        return aliveBefore && !aliveAt;
      },
      async expire(_key, ms) {
        clock += ms;
      },
    };
  },
  redis: async () => {
    const store = await createRedisStore({ url: redis.url, keyPrefix: `t${Math.random().toString(36).slice(2)}:` });
    return {
      store,
      async expiresWithin(key, ms) {
        const keys = (await raw.sendCommand(['KEYS', `*:${key}`])) as string[];
        const ttl = Number(await raw.sendCommand(['PTTL', keys[0] ?? 'missing']));
        return ttl > 0 && ttl <= ms;
      },
      async expire(key) {
        const keys = (await raw.sendCommand(['KEYS', `*:${key}`])) as string[];
        for (const full of keys) await raw.sendCommand(['PEXPIRE', full, '1']);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    };
  },
};

beforeAll(async () => {
  redis = await startRedis();
  raw = createClient({ url: redis.url });
  await raw.connect();
});
afterAll(async () => {
  await raw?.close();
  await redis?.stop();
});

describe.each(Object.keys(subjects))('the %s store', (name) => {
  let subject: Subject;
  let store: ConfabStore;
  beforeAll(async () => {
    subject = await subjects[name]!();
    store = subject.store;
  });
  afterAll(() => store.close());

  it('1. get, set, delete; a missing key reads undefined', async () => {
    expect(await store.get('a')).toBeUndefined();
    await store.set('a', 'one');
    expect(await store.get('a')).toBe('one');
    await store.set('a', 'two');
    expect(await store.get('a')).toBe('two');
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });

  it('2. set with a TTL expires', async () => {
    await store.set('b', 'x', { ttlMs: 10_000 });
    expect(await subject.expiresWithin('b', 10_000, async () => (await store.get('b')) !== undefined)).toBe(true);
    await subject.expire('b', 10_000);
    expect(await store.get('b')).toBeUndefined();
  });

  it('3. increment: starts at 0, adds (also negative amounts), returns the new value; the first increment sets the window and later ones keep it', async () => {
    expect(await store.increment('c', 5, 60_000)).toBe(5);
    expect(await store.increment('c', 3, 1)).toBe(8);
    expect(await store.increment('c', -2, 1)).toBe(6);
    expect(await subject.expiresWithin('c', 60_000, async () => (await store.get('c')) !== undefined)).toBe(true);
    await subject.expire('c', 60_000);
    expect(await store.increment('c', 1, 60_000)).toBe(1);
  });

  it('4. concurrent increments are atomic: 200 at once add up exactly', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, () => store.increment('d', 1, 60_000)));
    expect(new Set(results).size).toBe(200);
    expect(Math.max(...results)).toBe(200);
  });

  it('5. hashes: fields set, merged, read and deleted; a TTL covers the hash', async () => {
    expect(await store.hashGetAll('h')).toEqual({});
    await store.hashSet('h', { session: 's1', cursor: '4' });
    await store.hashSet('h', { cursor: '5' }, { ttlMs: 30_000 });
    expect(await store.hashGetAll('h')).toEqual({ session: 's1', cursor: '5' });
    await store.hashDelete('h', ['session']);
    expect(await store.hashGetAll('h')).toEqual({ cursor: '5' });
    expect(await subject.expiresWithin('h', 30_000, async () => Object.keys(await store.hashGetAll('h')).length > 0)).toBe(true);
  });

  it('6. lists: appended in order, read by range (negative from the end), capped to the newest items, with a TTL', async () => {
    expect(await store.listPush('l', ['a', 'b'])).toBe(2);
    expect(await store.listPush('l', ['c', 'd', 'e'], { maxLength: 4, ttlMs: 30_000 })).toBe(4);
    expect(await store.listRange('l', 0, -1)).toEqual(['b', 'c', 'd', 'e']);
    expect(await store.listRange('l', -2, -1)).toEqual(['d', 'e']);
    expect(await store.listRange('l', 1, 2)).toEqual(['c', 'd']);
    expect(await store.listRange('missing', 0, -1)).toEqual([]);
    expect(await subject.expiresWithin('l', 30_000, async () => (await store.listRange('l', 0, -1)).length > 0)).toBe(true);
  });

  it('7. ping answers; the kind names the implementation', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    expect(store.kind).toBe(name);
  });
});

describe('createRedisStore', () => {
  it('8. shares a client passed in, and prefixes every key', async () => {
    const store = await createRedisStore({ client: raw as unknown as RedisCommandClient, keyPrefix: 'site-a:' });
    await store.set('shared', 'yes');
    expect(await raw.get('site-a:shared')).toBe('yes');
    await store.close();
    expect(await raw.get('site-a:shared'), 'closing does not close a client it was given').toBe('yes');
  });

  it('9. a store on a Redis that is not there fails to start, saying so', async () => {
    await expect(createRedisStore({ url: 'redis://127.0.0.1:1' })).rejects.toMatchObject({ name: 'ConfigError', message: expect.stringContaining('did not accept a connection') });
  });

  it('10. without url or client it is a ConfigError naming the fix', async () => {
    await expect(createRedisStore({})).rejects.toMatchObject({ name: 'ConfigError', message: expect.stringContaining('redis://') });
  });
});
