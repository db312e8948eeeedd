/**
 * Bearer-key checks of the analytics API: web integration keys (shipped in browsers,
 * write-mostly) and API integration keys (server-side, full access).
 */
import type { IncomingMessage } from 'node:http';
import { HttpProblem } from '../http-kit';

/** Which key kind a route needs: `web` accepts both kinds, `api` only API keys. */
export type Access = 'web' | 'api';

/** Accepted keys of each kind. */
export interface AnalyticsKeys {
  webKeys: readonly string[];
  apiKeys: readonly string[];
}

/** Default web integration key of the demo. */
export const DEFAULT_WEB_KEY = 'confab-demo-web-key';
/** Default API integration key of the demo. */
export const DEFAULT_API_KEY = 'confab-demo-api-key';

/** RFC 6750 asks a 401 to name the scheme it wants. */
const challenge = { 'WWW-Authenticate': 'Bearer' };

/** Throws 401 for a missing or unknown key, 403 for a web key on an API-only route. */
export function authorize(req: IncomingMessage, access: Access, keys: AnalyticsKeys): void {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') {
    throw new HttpProblem(401, 'Missing Authorization header; send "Authorization: Bearer <key>".', challenge);
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const key = match?.[1];
  if (key === undefined) {
    throw new HttpProblem(401, 'The Authorization header must be "Bearer <key>".', challenge);
  }
  if (keys.apiKeys.includes(key)) return;
  if (!keys.webKeys.includes(key)) throw new HttpProblem(401, 'Unknown integration key.', challenge);
  if (access === 'api') {
    throw new HttpProblem(403, 'This operation needs an API integration key; a web integration key was sent.');
  }
}
