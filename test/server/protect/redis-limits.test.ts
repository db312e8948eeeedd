// Rate limits shared through a real Redis (issue 15, "Scale"): two handler instances, as two
// servers behind a load balancer, one redis-server; concurrent bursts split across both
// are admitted exactly up to the limit, never one more.
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, type ConfabStore } from '../../../src/server';
import { ask, startConfab, type ConfabServer } from '../support/confab-server';
import { startFakeUpstream, type FakeUpstream } from '../support/fake-upstream';
import { startRedis, type RedisServer } from '../support/redis-server';

const visitor = (n: number) => ({ Authorization: `Bearer visitor-00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });
// Mid-minute, mid-day: a burst never straddles a window.
const NOW = Date.UTC(2026, 0, 1, 12, 0, 20);

let redis: RedisServer;
let raw: ReturnType<typeof createClient>;
const stores: ConfabStore[] = [];
const servers: ConfabServer[] = [];
let upstream: FakeUpstream;

/** Two instances sharing one Redis (each with its own connection), with `options`. */
async function pair(prefix: string, options: Parameters<typeof startConfab>[0]): Promise<[ConfabServer, ConfabServer]> {
  const made = await Promise.all(
    [0, 1].map(async () => {
      const store = await createRedisStore({ url: redis.url, keyPrefix: prefix });
      stores.push(store);
      const server = await startConfab({ store, now: () => NOW, ...options });
      servers.push(server);
      return server;
    }),
  );
  return made as [ConfabServer, ConfabServer];
}

beforeAll(async () => {
  redis = await startRedis();
  raw = createClient({ url: redis.url });
  await raw.connect();
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await Promise.all(stores.map((store) => store.close()));
  await raw?.close();
  await upstream?.close();
  await redis?.stop();
});

/** Sends `count` questions at once, alternating between the instances; resolves with the statuses. */
async function burst(instances: readonly ConfabServer[], count: number, headers: (i: number) => Record<string, string>, body = ask('retries', { stream: false })) {
  const responses = await Promise.all(Array.from({ length: count }, (_, i) => instances[i % instances.length]!.call('/chat/completions', { body, headers: headers(i) })));
  await Promise.all(responses.map((response) => response.text()));
  return responses.map((response) => response.status);
}

const count = (statuses: number[], status: number) => statuses.filter((value) => value === status).length;

describe('limits across two instances sharing Redis', () => {
  it('1. one visitor, 60 questions at once across both instances, 10 a minute allowed: exactly 10 answered, 50 refused; the counter holds 10', async () => {
    const [a, b] = await pair('burst1:', { rateLimit: { visitor: { requestsPerMinute: 10 }, ip: { requestsPerMinute: false } } });
    const statuses = await burst([a, b], 60, () => visitor(1));
    expect(count(statuses, 200)).toBe(10);
    expect(count(statuses, 429)).toBe(50);
    const keys = await raw.keys('burst1:rl:q:v:*');
    expect(keys).toHaveLength(1);
    expect(await raw.get(keys[0]!), 'refused questions gave their count back').toBe('10');
  });

  it('2. 40 visitors on one IP, 80 questions at once, 25 a minute per IP: exactly 25 answered', async () => {
    const [a, b] = await pair('burst2:', { rateLimit: { visitor: { requestsPerMinute: 5 }, ip: { requestsPerMinute: 25 } } });
    const statuses = await burst([a, b], 80, (i) => visitor(100 + (i % 40)));
    expect(count(statuses, 200)).toBe(25);
    expect(count(statuses, 429)).toBe(55);
  });

  it('3. tokens a day, with answers still streaming (nothing settled yet): exactly as many questions as their reservations fit', async () => {
    // Each question reserves ceil(("Be brief." + "q").length / 4) = 3 prompt tokens + 100 for the answer = 103.
    const [a, b] = await pair('burst3:', {
      upstream: { baseUrl: upstream.baseUrl, model: 'm' },
      docs: undefined,
      systemPrompt: 'Be brief.',
      limits: { maxTokens: 100 },
      rateLimit: { visitor: { tokensPerDay: 350, requestsPerMinute: false }, ip: { requestsPerMinute: false, tokensPerDay: false } },
    });
    for (let i = 0; i < 20; i++) upstream.chat.script({ mode: 'stall', afterChunks: 1 });
    const controller = new AbortController();
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => [a, b][i % 2]!.call('/chat/completions', { body: ask('q'), headers: visitor(7), signal: controller.signal })));
    const statuses = responses.map((response) => response.status);
    expect(count(statuses, 200)).toBe(3);
    expect(count(statuses, 429)).toBe(17);
    const keys = await raw.keys('burst3:rl:tok:v:*');
    expect(await raw.get(keys[0]!)).toBe(String(3 * 103));
    controller.abort();
    upstream.chat.reset();
  });
});
