// The challenge-token hook (issue 15, "Protection"): a Turnstile-style token is checked by
// the site's verify() once, then covers the visitor for its TTL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, startConfab, type ConfabServer } from '../support/confab-server';

const VISITOR = { Authorization: 'Bearer visitor-0a1b2c3d-0000-4000-8000-00000000000a' };
let confab: ConfabServer;
const checked: string[] = [];
beforeAll(async () => {
  confab = await startConfab({
    challenge: {
      verify: async (token) => {
        checked.push(token);
        return token === 'solved';
      },
    },
  });
});
afterAll(() => confab?.close());

describe('challenge', () => {
  it('1. no token → 403 challenge_required naming the header; a bad token → 403 challenge_failed', async () => {
    const none = await confab.call('/chat/completions', { body: ask('retries'), headers: VISITOR });
    expect(none.status).toBe(403);
    expect((await none.json()).error).toMatchObject({ code: 'challenge_required', message: expect.stringContaining('X-Confab-Challenge') });
    const bad = await confab.call('/chat/completions', { body: ask('retries'), headers: { ...VISITOR, 'X-Confab-Challenge': 'forged' } });
    expect(bad.status).toBe(403);
    expect((await bad.json()).error.code).toBe('challenge_failed');
  });

  it('2. a valid token passes, and the pass covers the visitor\'s next questions without a token', async () => {
    const first = await confab.call('/chat/completions', { body: ask('retries'), headers: { ...VISITOR, 'X-Confab-Challenge': 'solved' } });
    expect(first.status).toBe(200);
    await first.text();
    const next = await confab.call('/chat/completions', { body: ask('retries'), headers: VISITOR });
    expect(next.status).toBe(200);
    await next.text();
    expect(checked).toEqual(['forged', 'solved']);
  });

  it('3. the pass is the visitor\'s: another visitor still has to solve it', async () => {
    const other = await confab.call('/chat/completions', { body: ask('retries'), headers: { Authorization: 'Bearer visitor-0a1b2c3d-0000-4000-8000-00000000000b' } });
    expect(other.status).toBe(403);
  });
});
