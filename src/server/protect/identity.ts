/**
 * Who is asking. The widget sends one credential, `Authorization: Bearer …`: the signed-in
 * user's token (its `getToken`), or, for an anonymous visitor, the visitor id it keeps in
 * the browser. A user token is checked with the site's identity setting: an Intercom-style
 * signed user id, or the site's own `verify` (a JWT, a session). A user id is trusted only
 * once its credential checks out; a visitor id is trusted for nothing but keeping one
 * visitor's limits and conversations together.
 */
import type { IdentityOptions } from '../options/handler-options';
import { RequestError } from '../http/request-error';
import { constantTimeEqual, hmacHex } from './hmac';

/** The caller of a request. */
export type Caller = { kind: 'user'; id: string } | { kind: 'visitor'; id: string } | { kind: 'anonymous' };

/**
 * The id the widget keeps, `randomId('visitor_')`: a UUID, or 32 hex digits where
 * `randomUUID` is missing. `visitor-` is accepted too, the form earlier clients sent.
 */
const VISITOR_ID = /^visitor[-_][0-9a-f-]{32,36}$/i;
const SIGNED_ID = /^(.+)\.([0-9a-f]{64})$/;

const unauthorized = (code: string, message: string) => new RequestError(401, code, message, { headers: { 'WWW-Authenticate': 'Bearer' } });

/**
 * The credential for `userId` that `identity: { secret }` accepts: `{userId}.{hex HMAC-SHA256(secret, userId)}`.
 * Compute it on your own server when a user signs in and hand it to the widget's `getToken`;
 * the hex part is the `user_hash` of Intercom's identity verification for the same secret.
 */
export async function signUserId(secret: string, userId: string): Promise<string> {
  return `${userId}.${await hmacHex(secret, userId)}`;
}

/** Resolves callers with `identity` (undefined: every credential but a visitor id is ignored). */
export function createIdentity(identity: IdentityOptions | undefined): (request: Request) => Promise<Caller> {
  async function verified(token: string, request: Request): Promise<string | undefined> {
    if (!identity) return undefined;
    if (identity.secret !== undefined) {
      const match = SIGNED_ID.exec(token);
      const userId = match?.[1];
      if (!userId || !constantTimeEqual(match[2] ?? '', await hmacHex(identity.secret, userId))) throw unauthorized('invalid_identity', 'The user credential is not valid: its signature does not match the user id.');
      return userId;
    }
    let userId: string | null | undefined;
    try {
      userId = await identity.verify(token, request);
    } catch (error) {
      throw new RequestError(401, 'invalid_identity', 'The user credential is not valid.', { headers: { 'WWW-Authenticate': 'Bearer' }, cause: error });
    }
    if (typeof userId !== 'string' || userId === '') throw unauthorized('invalid_identity', 'The user credential is not valid.');
    return userId;
  }

  return async (request) => {
    const header = request.headers.get('authorization');
    const token = header === null ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    let caller: Caller = { kind: 'anonymous' };
    if (token !== undefined && VISITOR_ID.test(token)) caller = { kind: 'visitor', id: token };
    else if (token !== undefined) {
      const userId = await verified(token, request);
      if (userId !== undefined) caller = { kind: 'user', id: userId };
    }
    if (identity?.required && caller.kind !== 'user') {
      throw unauthorized('identity_required', 'Sign in to use this chat: the server only answers signed-in users.');
    }
    return caller;
  };
}
