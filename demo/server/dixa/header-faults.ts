/**
 * Per-request faults chosen by the client under test (contracts/dixa.md §6.17): the
 * `X-Fake-Fault` header, one of `500`, `409`, `400C`, `401`, `429` or `slow`. A 500 is
 * never injected where the route lists none (§1.6); asking for one there, or for an
 * unknown fault, is a 422 that names the mistake (the fake never answers 422 otherwise).
 */
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DixaError, REASONS } from './dixa-error';
import type { DixaRoute } from './route-types';

/** The header's name. */
export const FAULT_HEADER = 'x-fake-fault';

/** The error a fault answers with (409's text is the fake's own: the source gives none). */
const FAULTS: Record<string, () => DixaError> = {
  '500': () => new DixaError(500, REASONS.internal),
  '409': () => new DixaError(409, 'Injected conflict (X-Fake-Fault: 409).'),
  '400C': () => new DixaError(400, REASONS.context),
  '401': () => new DixaError(401, REASONS.unauthorized),
  '429': () => new DixaError(429, REASONS.tooManyRequests, { 'Retry-After': '1' }),
};

/**
 * Applies the request's `X-Fake-Fault`: throws the injected error, or waits `slowMs`
 * (`slow`) and returns so the request is then handled normally.
 */
export async function applyHeaderFault(req: IncomingMessage, route: DixaRoute, slowMs: number): Promise<void> {
  const raw = req.headers[FAULT_HEADER];
  if (raw === undefined) return;
  const value = (Array.isArray(raw) ? raw.join(',') : raw).trim();
  if (value === 'slow') {
    await sleep(slowMs);
    return;
  }
  const make = FAULTS[value];
  if (!make) throw new DixaError(422, `X-Fake-Fault must be one of 500, 409, 400C, 401, 429 or slow; got "${value}".`);
  if (value === '500' && !route.lists500) {
    throw new DixaError(422, `X-Fake-Fault: 500 is refused on ${route.method} ${route.pattern}: the contract lists no 500 for it (§1.6).`);
  }
  throw make();
}
