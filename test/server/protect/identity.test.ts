// Identity verification (issue 15, "Protection"): a user id is trusted only when its
// credential checks out, Intercom-style (a signed user id) or by the site's own check.
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUserId } from '../../../src/server';
import { ask, startConfab, type ConfabServer } from '../support/confab-server';

const SECRET = 'identity-secret-of-the-site-0123456789';
const VISITOR = 'visitor-3f0c8a52-5f0e-4a8e-9b1e-2d3c4b5a6978';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('signed user ids (identity: { secret })', () => {
  let open: ConfabServer;
  let closed: ConfabServer;
  beforeAll(async () => {
    [open, closed] = await Promise.all([startConfab({ identity: { secret: SECRET } }), startConfab({ identity: { secret: SECRET, required: true } })]);
  });
  afterAll(async () => Promise.all([open?.close(), closed?.close()]));
  afterEach(() => {
    open.logs.length = 0;
  });

  it('1. the credential is the user id and the hex HMAC-SHA256 of it: Intercom\'s user_hash for the same secret', async () => {
    const hash = createHmac('sha256', SECRET).update('user-42').digest('hex');
    expect(await signUserId(SECRET, 'user-42')).toBe(`user-42.${hash}`);
  });

  it('2. no credential, a visitor id, a valid signed id: anonymous, visitor, user; each is answered', async () => {
    for (const headers of [{}, bearer(VISITOR), bearer(await signUserId(SECRET, 'ada@example.com'))]) {
      const response = await open.call('/chat/completions', { body: ask('retries'), headers });
      expect(response.status).toBe(200);
      await response.text();
    }
    expect(open.logs.map((entry) => entry.visitor)).toEqual(['anonymous', 'visitor', 'user']);
  });

  it.each([
    ['3', 'a forged signature', `ada@example.com.${'0'.repeat(64)}`],
    ['4', 'another user\'s id with this one\'s signature', 'mallory@example.com.' + createHmac('sha256', SECRET).update('ada@example.com').digest('hex')],
    ['5', 'a signature made with another secret', `ada@example.com.${createHmac('sha256', 'other-secret-0000000000').update('ada@example.com').digest('hex')}`],
    ['6', 'a credential with no signature', 'ada@example.com'],
  ])('%s. %s → 401 invalid_identity, with WWW-Authenticate', async (_n, _what, token) => {
    const response = await open.call('/chat/completions', { body: ask('retries'), headers: bearer(token) });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect((await response.json()).error.code).toBe('invalid_identity');
  });

  it('7. required: anonymous callers and visitor ids are refused; signed-in users are answered', async () => {
    expect((await closed.call('/chat/completions', { body: ask('retries') })).status).toBe(401);
    const visitor = await closed.call('/chat/completions', { body: ask('retries'), headers: bearer(VISITOR) });
    expect(visitor.status).toBe(401);
    expect((await visitor.json()).error.code).toBe('identity_required');
    const user = await closed.call('/chat/completions', { body: ask('retries'), headers: bearer(await signUserId(SECRET, 'ada')) });
    expect(user.status).toBe(200);
    await user.text();
  });
});

describe('the site\'s own check (identity: { verify })', () => {
  let confab: ConfabServer;
  const seen: string[] = [];
  beforeAll(async () => {
    confab = await startConfab({
      identity: {
        verify: (token) => {
          seen.push(token);
          if (token === 'throws') throw new Error('jwt malformed');
          return token === 'good-jwt' ? 'user-7' : null;
        },
      },
    });
  });
  afterAll(() => confab?.close());

  it('8. a token the check accepts is that user; null, an empty id or a throw are 401s; a visitor id never reaches the check', async () => {
    const good = await confab.call('/chat/completions', { body: ask('retries'), headers: bearer('good-jwt') });
    expect(good.status).toBe(200);
    await good.text();
    expect(confab.logs.at(-1)?.visitor).toBe('user');
    for (const token of ['bad-jwt', 'throws']) expect((await confab.call('/chat/completions', { body: ask('retries'), headers: bearer(token) })).status).toBe(401);
    const visitor = await confab.call('/chat/completions', { body: ask('retries'), headers: bearer(VISITOR) });
    await visitor.text();
    expect(seen).toEqual(['good-jwt', 'bad-jwt', 'throws']);
  });
});

describe('the widget\'s visitor id', () => {
  let confab: ConfabServer;
  beforeAll(async () => {
    confab = await startConfab();
  });
  afterAll(() => confab?.close());

  it('9. the id the widget keeps (`visitor_` and a uuid, src/widget/create-runtime.ts) is a visitor, as the `visitor-` form is; other look-alikes stay anonymous', async () => {
    for (const token of ['visitor_3f0c8a52-5f0e-4a8e-9b1e-2d3c4b5a6978', 'visitor_3f0c8a525f0e4a8e9b1e2d3c4b5a6978', VISITOR, 'visitor_short', 'visitor:3f0c8a52-5f0e-4a8e-9b1e-2d3c4b5a6978']) {
      const response = await confab.call('/chat/completions', { body: ask('retries'), headers: bearer(token) });
      await response.text();
    }
    expect(confab.logs.map((entry) => entry.visitor)).toEqual(['visitor', 'visitor', 'visitor', 'anonymous', 'anonymous']);
  });
});
