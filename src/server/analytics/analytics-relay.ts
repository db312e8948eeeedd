/**
 * `{base}/analytics/*`: the widget logs through the server, which forwards each write to
 * the analytics API (contracts/analytics.md) with the server's key, so the browser holds
 * no key and the site can keep `connect-src 'self'`. Bodies go on byte for byte, so an
 * upsert keeps its id and a retried one stays idempotent; the API's status, `Retry-After`
 * and problem body come back unchanged, so the widget's outbox backs off as it would
 * against the API itself. Only the writes the widget makes are relayed.
 *
 * A logged user id (`userProperties.identificationType: "ID_PROVIDED"`) is checked when
 * the server verifies identities: it must be the signed-in caller's, so no visitor can log
 * conversations as somebody else.
 */
import { forward } from '../http/forward';
import { parseJsonObject, readBody } from '../http/read-body';
import { RequestError } from '../http/request-error';
import type { ResolvedOptions } from '../options/resolve-options';
import type { Caller } from '../protect/identity';
import type { Route } from '../route-context';

/** The API's own limit on a body (contracts/analytics.md §1). */
export const ANALYTICS_MAX_BODY_BYTES = 2 * 1024 * 1024;

const ROUTES: ReadonlyArray<{ method: string; pattern: RegExp }> = [
  { method: 'POST', pattern: /^\/conversations$/ },
  { method: 'DELETE', pattern: /^\/conversations\/[^/]+$/ },
  { method: 'POST', pattern: /^\/feedback$/ },
  { method: 'POST', pattern: /^\/events$/ },
];

export interface AnalyticsRelayDeps {
  options: ResolvedOptions;
  analytics: NonNullable<ResolvedOptions['analytics']>;
}

/** Refuses a body that names a user other than the verified caller. */
function checkLoggedUser(body: Record<string, unknown>, caller: Caller, verifying: boolean): void {
  const user = body.userProperties as { id?: unknown; identificationType?: unknown } | null | undefined;
  if (!verifying || typeof user !== 'object' || user === null || user.identificationType !== 'ID_PROVIDED') return;
  if (caller.kind !== 'user' || String(user.id) !== caller.id) {
    throw new RequestError(403, 'identity_mismatch', 'The logged user is not the signed-in user: sign in, or log without a user id.');
  }
}

export function createAnalyticsRelay({ options, analytics }: AnalyticsRelayDeps): Route {
  return async (context) => {
    const path = context.subPath.slice('/analytics'.length);
    const method = context.request.method;
    const route = ROUTES.find((candidate) => candidate.pattern.test(path) && candidate.method === method);
    if (!route) {
      const allowed = ROUTES.filter((candidate) => candidate.pattern.test(path)).map((candidate) => candidate.method);
      if (allowed.length > 0) throw new RequestError(405, 'method_not_allowed', `${method} is not relayed here; use ${allowed.join(', ')}.`, { headers: { Allow: allowed.join(', ') } });
      throw new RequestError(404, 'not_found', `${method} ${path} is not relayed: only the widget's writes are.`);
    }
    let body: string | undefined;
    if (method === 'POST') {
      body = await readBody(context.request, ANALYTICS_MAX_BODY_BYTES, options.limits.bodyTimeoutMs);
      if (body.trim() === '') throw new RequestError(400, 'bad_request', 'The request body is empty; expected a JSON object.');
      checkLoggedUser(parseJsonObject(body), context.caller, options.identity !== undefined);
    }
    const { response, upstream } = await forward({
      url: `${analytics.baseUrl}${path}`,
      method,
      headers: { Authorization: `Bearer ${analytics.apiKey}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body,
      signal: context.signal,
      timeoutMs: 30_000,
      fetch: options.fetch,
      service: 'The analytics service',
    });
    context.log.upstreamStatus = upstream.status;
    // A refused key is the operator's to fix; answered as is, the outbox would drop the log as a client error.
    if (upstream.status === 401 || upstream.status === 403) {
      await response.body?.cancel();
      throw new RequestError(502, 'upstream_auth_failed', "The analytics service refused this server's key; the site's operator must check it.");
    }
    return response;
  };
}
