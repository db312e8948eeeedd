// Rate limits (issue 15, "Protection"), on the memory store with a fake clock: per visitor
// and per IP, on questions a minute and tokens a day, and on every request of an IP.
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/server';
import type { RateLimitOptions } from '../../../src/server';
import { ask, startConfab, type ConfabServer } from '../support/confab-server';

const visitor = (n: number) => ({ Authorization: `Bearer visitor-00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });
let clock = Date.UTC(2026, 0, 1, 12, 0, 0);
let confab: ConfabServer | undefined;
afterEach(async () => {
  await confab?.close();
  confab = undefined;
});

async function start(rateLimit: RateLimitOptions, extra = {}) {
  clock = Date.UTC(2026, 0, 1, 12, 0, 15);
  const store = createMemoryStore({ now: () => clock });
  confab = await startConfab({ rateLimit, store, now: () => clock, ...extra });
  return { confab, store };
}

async function statuses(server: ConfabServer, count: number, headers: Record<string, string>, body = ask('retries', { stream: false })): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await server.call('/chat/completions', { body, headers });
    out.push(response.status);
    await response.text();
  }
  return out;
}

describe('rate limits', () => {
  it('1. questions a minute per visitor: over it, a 429 with Retry-After to the end of the minute; another visitor is not affected; the next minute opens again', async () => {
    const { confab } = await start({ visitor: { requestsPerMinute: 3 }, ip: { requestsPerMinute: false } });
    expect(await statuses(confab, 4, visitor(1))).toEqual([200, 200, 200, 429]);
    const refused = await confab.call('/chat/completions', { body: ask('retries'), headers: visitor(1) });
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', type: 'rate_limit_error', message: expect.stringContaining('more than 3 questions a minute from this visitor') } });
    expect(await statuses(confab, 1, visitor(2))).toEqual([200]);
    clock += 45_000;
    expect(await statuses(confab, 1, visitor(1))).toEqual([200]);
  });

  it('2. questions a minute per IP, whoever asks; a visitor refused by its own limit gives back its IP count', async () => {
    const { confab } = await start({ visitor: { requestsPerMinute: 2 }, ip: { requestsPerMinute: 5 } });
    expect(await statuses(confab, 6, visitor(1))).toEqual([200, 200, 429, 429, 429, 429]);
    expect(await statuses(confab, 4, visitor(2))).toEqual([200, 200, 429, 429]);
    expect(await statuses(confab, 2, visitor(3))).toEqual([200, 429]);
    expect(await statuses(confab, 1, {})).toEqual([429]);
  });

  it('3. tokens a day: a question reserves its prompt and its answer cap, so one whose reservation alone is over the day is refused at once', async () => {
    const { confab } = await start({ visitor: { tokensPerDay: 500, requestsPerMinute: false }, ip: { requestsPerMinute: false, tokensPerDay: false } }, { limits: { maxTokens: 1_000 } });
    const refused = await confab.call('/chat/completions', { body: ask('retries'), headers: visitor(1) });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.message).toContain("this visitor's 500 tokens a day are used up");
    const small = await confab.call('/chat/completions', { body: ask('retries', { max_tokens: 100 }), headers: visitor(1) });
    expect(small.status).toBe(200);
    await small.text();
  });

  it('4. tokens a day: each answer is settled to what it used; the day fills up, and the next UTC day starts empty', async () => {
    const { confab, store } = await start({ visitor: { tokensPerDay: 1_500, requestsPerMinute: false }, ip: { requestsPerMinute: false, tokensPerDay: false } }, { limits: { maxTokens: 1_000 } });
    const day = Math.floor(clock / 86_400_000);
    const key = `rl:tok:v:v:visitor-00000000-0000-4000-8000-000000000001:${day}`;
    expect(await statuses(confab, 1, visitor(1))).toEqual([200]);
    const first = Number(await store.get(key));
    // The extractive answer used far less than the 1,000 reserved for it.
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(500);
    const codes = await statuses(confab, 15, visitor(1));
    const admitted = codes.indexOf(429);
    expect(admitted).toBeGreaterThan(0);
    const used = Number(await store.get(key));
    expect(used, 'the settled usage is what the admitted answers used').toBe(first * (admitted + 1));
    expect(used + 1_000, 'the refused question would have gone over').toBeGreaterThan(1_500);
    clock = (day + 1) * 86_400_000 + 1;
    expect(await statuses(confab, 1, visitor(1))).toEqual([200]);
  });

  it('5. every request of an IP counts against allRequestsPerMinute, questions or not', async () => {
    const { confab } = await start({ ip: { allRequestsPerMinute: 3, requestsPerMinute: false }, visitor: { requestsPerMinute: false } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await confab.call('/models')).status);
    expect(codes).toEqual([200, 200, 200, 429]);
  });

  it('6. rateLimit: false turns every limit off', async () => {
    const { confab } = await start(false as unknown as RateLimitOptions);
    expect(new Set(await statuses(confab, 30, visitor(1)))).toEqual(new Set([200]));
  });
});
