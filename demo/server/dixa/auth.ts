/**
 * Auth of the Dixa reference server (contracts/dixa.md §1.2, GAP 5): the API token in
 * `Authorization`, bare or as `Bearer <token>`. Each token belongs to a Dixa user, the
 * "token user", who authors notes by default and requests anonymizations.
 */
import type { IncomingMessage } from 'node:http';
import { DixaError, REASONS } from './dixa-error';

/** The demo's token when neither `CONFAB_DIXA_TOKEN` nor an option gives one. */
export const DEFAULT_DIXA_TOKEN = 'confab-demo-dixa-token';

/** Maps each of `tokens` to `userId`: the shape of the server's `tokens` option. */
export function tokensFor(tokens: readonly string[], userId: string): Record<string, string> {
  return Object.fromEntries(tokens.map((token) => [token, userId]));
}

/** The token user of the request, or a 401 `{"message":"Unauthorized"}` (GAP 5). */
export function authenticate(req: IncomingMessage, tokens: ReadonlyMap<string, string>): string {
  const value = (req.headers.authorization ?? '').trim();
  const bearer = /^bearer\s+(\S+)$/i.exec(value);
  const token = bearer?.[1] ?? value;
  const userId = tokens.get(token);
  if (token === '' || userId === undefined) throw new DixaError(401, REASONS.unauthorized);
  return userId;
}
