/**
 * Sends a completion request to the configured model server and waits for its response
 * to start, within `timeoutMs`. Every failure becomes a RequestError the visitor may see:
 * what happened, never where (no upstream URL, host, key or upstream message, which can
 * quote a masked key). The upstream's status and words go to the operator's log instead.
 */
import type { ResolvedOptions } from '../options/resolve-options';
import { RequestError } from '../http/request-error';

type Upstream = NonNullable<ResolvedOptions['upstream']>;

/** An upstream failure as the visitor sees it, with the upstream status for the log. */
export class UpstreamError extends RequestError {
  override name = 'UpstreamError';
  declare readonly upstreamStatus: number | undefined;
  constructor(status: number, code: string, message: string, upstreamStatus: number | undefined, details: { headers?: Record<string, string>; cause?: unknown } = {}) {
    super(status, code, message, details);
    this.upstreamStatus = upstreamStatus;
  }
}

/** The longest upstream error body read (for the log); the rest is not worth waiting for. */
const MAX_ERROR_BYTES = 16_384;

/**
 * Maps an upstream error status. A 429 is the visitor's to wait out (`Retry-After` passed
 * on); a 400 is about the request (too long a context, say), so its code (a bare word such
 * as `context_length_exceeded`) passes, not its message; 401, 403 and 404 mean the server's
 * key, URL or model is wrong, which only the operator can fix; anything else is a 502.
 */
async function failureOf(response: Response): Promise<UpstreamError> {
  const text = (await response.text().catch(() => '')).slice(0, MAX_ERROR_BYTES);
  let code: string | undefined;
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; type?: unknown } };
    const candidate = parsed.error?.code ?? parsed.error?.type;
    if (typeof candidate === 'string' && /^[a-z_]{1,64}$/.test(candidate)) code = candidate;
  } catch {
    // Not JSON: nothing to pass on.
  }
  const status = response.status;
  const cause = new Error(`upstream ${status}: ${text}`);
  if (status === 429) {
    const retryAfter = response.headers.get('retry-after');
    const headers: Record<string, string> = retryAfter && /^\d{1,6}$/.test(retryAfter.trim()) ? { 'Retry-After': retryAfter.trim() } : {};
    return new UpstreamError(429, 'upstream_rate_limited', 'The chat service is busy; try again shortly.', status, { headers, cause });
  }
  if (status === 400 || status === 413 || status === 422) return new UpstreamError(400, code ?? 'upstream_rejected', 'The chat service refused this request.', status, { cause });
  if (status === 401 || status === 403) return new UpstreamError(502, 'upstream_auth_failed', "The chat service refused this server's credentials; the site's operator must check its key.", status, { cause });
  if (status === 404) return new UpstreamError(502, 'upstream_not_found', "The chat service does not know this server's model or path; the site's operator must check its settings.", status, { cause });
  return new UpstreamError(502, 'upstream_error', 'The chat service failed; try again shortly.', status, { cause });
}

/**
 * POSTs `body` to `{baseUrl}/chat/completions`. `controller` belongs to the caller, who
 * aborts it when the visitor goes (Stop pressed, page closed) or an answer runs too long;
 * the upstream request goes with it. `timeoutMs` covers only the wait for the response to
 * start. Resolves with a 2xx response whose body is not read yet.
 */
export async function openUpstream(upstream: Upstream, body: Record<string, unknown>, fetchImpl: typeof fetch, controller: AbortController): Promise<Response> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, upstream.timeoutMs);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: body.stream ? 'text/event-stream' : 'application/json' };
  if (upstream.apiKey) headers.Authorization = `Bearer ${upstream.apiKey}`;
  let response: Response;
  try {
    response = await fetchImpl(`${upstream.baseUrl}/chat/completions`, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
  } catch (error) {
    if (timedOut) throw new UpstreamError(504, 'upstream_timeout', 'The chat service did not answer in time; try again shortly.', undefined, { cause: error });
    if (controller.signal.aborted) throw new UpstreamError(499, 'client_closed', 'The visitor left before the answer started.', undefined, { cause: error });
    throw new UpstreamError(502, 'upstream_unreachable', 'The chat service could not be reached; try again shortly.', undefined, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw await failureOf(response);
  return response;
}
