/**
 * One Dixa API client for the server (contracts/dixa.md §7.1–7.2), never exposed to a
 * browser: the token in `Authorization` as configured, JSON bodies, a timeout per call,
 * the `{ "data": … }` envelope unwrapped (204: nothing), and every failure turned into a
 * {@link HandoffError} of the kind the handoff server acts on. It never retries itself:
 * the server decides what may be retried (only idempotent calls, §7.2).
 */
import type { z } from 'zod';
import { HandoffError } from '../handoff-error';
import type { ResolvedDixaOptions } from './dixa-options';

/** Dixa's 400 "C" reason: the token's user or organisation could not be resolved (inferred, §1.6). */
const CONTEXT_REASON = 'Invalid value extracted from request context';

/** A call: the method, the path below the base URL (`/v1/…`), a query and a JSON body. */
export interface DixaCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Readonly<Record<string, string>> | undefined;
  body?: unknown;
  /** Names the call in error messages, e.g. "create the conversation". */
  what: string;
}

export interface DixaClient {
  /** The unwrapped `data` of a 2xx (undefined for a 204), or a thrown HandoffError. */
  call(call: DixaCall): Promise<unknown>;
  /** `call`, then `data` checked against `schema` (a mismatch is `unavailable`: the next try may read it). */
  read<T>(call: DixaCall, schema: z.ZodType<T>): Promise<T>;
}

/** Milliseconds of a `Retry-After` (seconds or an HTTP date), when there is one. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The `message` of Dixa's error body `{ "message" }` (§1.6), else undefined. */
async function reasonOf(response: Response): Promise<string | undefined> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : undefined;
  } catch {
    return undefined;
  }
}

/** The HandoffError of a non-2xx answer (§7.2). */
function failure(call: DixaCall, status: number, reason: string | undefined, retryAfter: number | undefined): HandoffError {
  const said = `Dixa answered ${status}${reason ? ` "${reason}"` : ''} to "${call.what}"`;
  const details = { status, reason, retryAfterMs: retryAfter };
  if (status === 401 || status === 403) return new HandoffError('config', `${said}: the API token is not accepted; check handoff.dixa.apiToken.`, { ...details, setting: 'handoff.dixa.apiToken' });
  if (status === 400 && reason === CONTEXT_REASON) return new HandoffError('config', `${said}: the token's user or organisation could not be resolved; check handoff.dixa.apiToken.`, { ...details, setting: 'handoff.dixa.apiToken' });
  if (status === 404) return new HandoffError('not_found', `${said}.`, details);
  if (status === 409) return new HandoffError('conflict', `${said}.`, details);
  if (status === 408 || status === 429 || status >= 500) return new HandoffError('unavailable', `${said}; it will be retried.`, details);
  return new HandoffError('rejected', `${said}.`, details);
}

/** Creates the client of `options`, calling through `fetch`. */
export function createDixaClient(options: Pick<ResolvedDixaOptions, 'baseUrl' | 'apiToken' | 'timeoutMs'>, fetch: typeof globalThis.fetch, now: () => number = Date.now): DixaClient {
  async function call(request: DixaCall): Promise<unknown> {
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
    const headers: Record<string, string> = { Authorization: options.apiToken, Accept: 'application/json' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${options.baseUrl}${request.path}${query}`, {
        method: request.method,
        headers,
        signal: controller.signal,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
      if (!response.ok) throw failure(request, response.status, await reasonOf(response), retryAfterMs(response.headers.get('retry-after'), now()));
      text = await response.text();
    } catch (error) {
      if (error instanceof HandoffError) throw error;
      const what = timedOut ? `did not answer "${request.what}" within ${options.timeoutMs} ms` : `could not be reached for "${request.what}"`;
      throw new HandoffError('unavailable', `Dixa ${what}; it will be retried.`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 204 || text.trim() === '') return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new HandoffError('unavailable', `Dixa answered "${request.what}" with a body that is not JSON.`, { status: response.status, cause: error });
    }
    return typeof body === 'object' && body !== null && 'data' in body ? (body as { data: unknown }).data : undefined;
  }

  return {
    call,
    async read(request, schema) {
      const data = await call(request);
      const result = schema.safeParse(data);
      if (!result.success) {
        throw new HandoffError('unavailable', `Dixa answered "${request.what}" in a shape confab does not know: ${result.error.issues[0]?.message ?? 'unexpected data'} at ${result.error.issues[0]?.path.join('.') || 'data'}.`);
      }
      return result.data;
    },
  };
}
