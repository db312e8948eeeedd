/**
 * Auth of the PulseAI reference server: Dify's app-key Bearer check with its exact
 * messages (§2.1), and PulseAI's `X-Timestamp`/`X-Signature` headers (§2.2), which are
 * recorded for tests and only checked for staleness when a test asks for it.
 */
import type { IncomingMessage } from 'node:http';
import { PulseError } from './pulse-error';
import type { SignatureRecord } from './state';

/** The demo's app key (Dify app keys look like `app-xxxxxxxx`). */
export const DEFAULT_PULSE_KEY = 'app-confab-demo';

/** The three 401 messages Dify sends, verbatim. */
export const AUTH_MESSAGES = {
  missing: "Authorization header must be provided and start with 'Bearer'",
  scheme: "Authorization scheme must be 'Bearer'",
  invalid: 'Access token is invalid',
} as const;

/** What {@link authorize} checks against. */
export interface AuthPolicy {
  apiKeys: readonly string[];
  /** Reject an `X-Timestamp` further than this from `nowSeconds`; undefined → no check. */
  maxTimestampSkewSeconds: number | undefined;
  nowSeconds: number;
}

/** Above this an `X-Timestamp` is taken as milliseconds: signers disagree on the unit. */
const MILLISECONDS_THRESHOLD = 1e11;

function unauthorized(message: string): PulseError {
  return new PulseError(401, 'unauthorized', message);
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

/** Throws a 401 {@link PulseError} unless the request carries an accepted key (and a fresh timestamp when required). */
export function authorize(req: IncomingMessage, policy: AuthPolicy): void {
  const value = req.headers.authorization;
  // Dify splits on the first whitespace; no space at all counts as "missing".
  if (value === undefined || !/\s/.test(value.trim())) throw unauthorized(AUTH_MESSAGES.missing);
  const [scheme = '', ...rest] = value.trim().split(/\s+/);
  if (scheme.toLowerCase() !== 'bearer') throw unauthorized(AUTH_MESSAGES.scheme);
  if (!policy.apiKeys.includes(rest.join(' '))) throw unauthorized(AUTH_MESSAGES.invalid);
  if (policy.maxTimestampSkewSeconds !== undefined) checkTimestamp(req, policy.maxTimestampSkewSeconds, policy.nowSeconds);
}

/** PulseAI has not published its rules, so these messages are the reference server's own. */
function checkTimestamp(req: IncomingMessage, maxSkew: number, nowSeconds: number): void {
  const raw = header(req, 'x-timestamp');
  if (raw === null || raw.trim() === '') throw unauthorized('X-Timestamp header must be provided.');
  if (!/^\d+$/.test(raw.trim())) throw unauthorized('X-Timestamp must be a Unix time in seconds.');
  const stamp = Number(raw);
  const secondsValue = stamp > MILLISECONDS_THRESHOLD ? stamp / 1000 : stamp;
  if (Math.abs(nowSeconds - secondsValue) > maxSkew) {
    throw unauthorized(`X-Timestamp is more than ${maxSkew} seconds away from the server time.`);
  }
}

/** The signing-related parts of a request, for `__state` and tests (§2.2: "accept and log them"). */
export function readSignature(req: IncomingMessage, body: string, receivedAt: number): SignatureRecord {
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    timestamp: header(req, 'x-timestamp'),
    signature: header(req, 'x-signature'),
    body,
    received_at: receivedAt,
  };
}
