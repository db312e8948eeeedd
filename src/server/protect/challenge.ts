/**
 * The optional challenge (Cloudflare Turnstile, hCaptcha, …) before a visitor's questions.
 * The page solves it once and sends the token in a header; the site's `verify` checks it,
 * and a pass covers the visitor (or, for an anonymous caller, the IP) for `ttlMs`, so the
 * single-use tokens these services issue are not needed on every question.
 */
import type { ResolvedOptions } from '../options/resolve-options';
import { RequestError } from '../http/request-error';
import type { ConfabStore } from '../store/store';
import type { Caller } from './identity';

/** Throws a 403 RequestError unless the caller passed the challenge (now or within its TTL). */
export type ChallengeCheck = (request: Request, caller: Caller, ip: string) => Promise<void>;

/** The check of `challenge` (none configured: everyone passes). */
export function createChallenge(challenge: ResolvedOptions['challenge'], store: ConfabStore): ChallengeCheck {
  if (!challenge) return async () => undefined;
  return async (request, caller, ip) => {
    const key = `ch:${caller.kind === 'anonymous' ? `ip:${ip}` : `${caller.kind}:${caller.id}`}`;
    if ((await store.get(key)) !== undefined) return;
    const token = request.headers.get(challenge.header)?.trim();
    if (!token) throw new RequestError(403, 'challenge_required', `Solve the challenge first: send its token in the ${challenge.header} header.`);
    let passed = false;
    try {
      passed = await challenge.verify(token, request);
    } catch (error) {
      throw new RequestError(403, 'challenge_failed', 'The challenge token could not be checked; solve the challenge again.', { cause: error });
    }
    if (passed !== true) throw new RequestError(403, 'challenge_failed', 'The challenge token is not valid; solve the challenge again.');
    await store.set(key, '1', { ttlMs: challenge.ttlMs });
  };
}
