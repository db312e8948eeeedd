import { systemClock, type Clock } from '../clock';
import { buildRequest, checkedBaseUrl } from './build-request';
import { HttpError, messageOf, NetworkError, TimeoutError, ValidationError } from './errors';
import { toProblemDetails } from './problem';
import { parseRetryAfter } from './retry-after';
import { untilAborted } from './until-aborted';

/** How requests authenticate: a fixed key, or a token asked for on every request. */
export interface HttpAuth {
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string | undefined;
  /**
   * Asked before every request (so short-lived tokens stay fresh) and once more after a 401;
   * if the retried request is also refused, the 401 stands.
   */
  getToken?: (() => string | Promise<string>) | undefined;
}

/** Options of {@link createHttp}. */
export interface HttpOptions extends HttpAuth {
  baseUrl: string;
  /** Injected `fetch`, e.g. to route through a proxy or to drive faults in tests. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Per-request timeout covering the response and its body. Default 15 s. */
  timeoutMs?: number | undefined;
  headers?: Record<string, string> | undefined;
  clock?: Clock | undefined;
}

/** One request. `body` is JSON text so callers that measured it do not serialise twice. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT';
  path: string;
  query?: Record<string, string | number | undefined> | undefined;
  body?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Lets the request outlive the page (`pagehide`); browsers cap such bodies at 64 KB in total. */
  keepalive?: boolean | undefined;
  timeoutMs?: number | undefined;
  /** Read the body but do not parse it: a write's 2xx is all the outbox needs. */
  discardBody?: boolean | undefined;
}

/** A 2xx response with its parsed JSON body (`undefined` when empty). */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
  /** The request was redirected (fetch follows redirects): what answered is not the URL asked. */
  redirected: boolean;
}

/** A small `fetch` wrapper: base URL, auth, timeout, abort, and typed errors. */
export interface Http {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Like `request` but hands back the raw streaming `Response` of a 2xx (for SSE). */
  stream(request: HttpRequest): Promise<Response>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Creates the HTTP layer every confab client uses. */
export function createHttp(options: HttpOptions): Http {
  const baseUrl = checkedBaseUrl(options.baseUrl);
  const clock = options.clock ?? systemClock;

  const fixedAuthorization = options.apiKey ? `Bearer ${options.apiKey}` : undefined;

  /** Sends once; resolves with the response of any status, with the timeout still running. */
  async function send(request: HttpRequest): Promise<Sent> {
    const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timedOut = false;
    const timer = clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const done = () => {
      clock.clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    };
    /** Classifies an error of this request: its timeout, the caller's abort, or the network. */
    const failure = (error: unknown): unknown => {
      if (timedOut) return new TimeoutError(timeoutMs, `${request.method} ${request.path}`);
      if (request.signal?.aborted) return request.signal.reason;
      return new NetworkError(`${request.method} ${request.path} failed before a response: ${messageOf(error)}`, { cause: error });
    };
    try {
      // Already aborted: its reason, through the catch below.
      request.signal?.throwIfAborted();
      // Inside the try and raced with the signal: a token service that fails or hangs must
      // end in a typed error within the timeout, like the request itself.
      const auth = options.getToken ? `Bearer ${await untilAborted(Promise.resolve(options.getToken()), controller.signal)}` : fixedAuthorization;
      const fetchImpl = options.fetch ?? globalThis.fetch;
      const response = await fetchImpl(...buildRequest(baseUrl, options.headers, request, auth, controller.signal));
      return { response, done, stopTimer: () => clock.clearTimeout(timer), failure };
    } catch (error) {
      done();
      throw failure(error);
    }
  }

  async function errorFor(response: Response): Promise<HttpError> {
    const text = await response.text().catch(() => '');
    const problem = toProblemDetails(response.status, response.statusText, text, response.headers.get('Content-Type') ?? undefined);
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), clock.now());
    return new HttpError(problem, { retryAfterMs });
  }

  /**
   * Sends, and after a 401 with `getToken` asks for a fresh token and sends once more;
   * resolves with a 2xx, else throws its HttpError.
   */
  async function sendAuthorized(request: HttpRequest): Promise<Sent> {
    let sent = await send(request);
    if (sent.response.status === 401 && options.getToken) {
      sent.done();
      // Not awaited: cancelling a body can wait on a reader that never comes (a tee'd clone).
      sent.response.body?.cancel().catch(() => undefined);
      sent = await send(request);
    }
    if (!sent.response.ok) {
      try {
        throw await errorFor(sent.response);
      } finally {
        sent.done();
      }
    }
    return sent;
  }

  return {
    async request(request) {
      const sent = await sendAuthorized(request);
      const { response } = sent;
      try {
        const text = await response.text().catch((error: unknown) => {
          throw sent.failure(error);
        });
        return { status: response.status, headers: response.headers, body: request.discardBody ? undefined : parseJson(text, request), redirected: response.redirected };
      } finally {
        sent.done();
      }
    },

    async stream(request) {
      const sent = await sendAuthorized(request);
      // The stream's own stall detection takes over from the timeout; the caller's signal
      // stays linked so that aborting still cancels the body.
      sent.stopTimer();
      return sent.response;
    },
  };
}

interface Sent {
  response: Response;
  /** Stops the timeout and detaches from the caller's signal. */
  done: () => void;
  /** Stops the timeout only. */
  stopTimer: () => void;
  /** Classifies an error that happened after the response arrived (reading its body). */
  failure: (error: unknown) => unknown;
}

function parseJson(text: string, request: HttpRequest): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('invalid_response', `The response to ${request.method} ${request.path}`, [
      `the body is not JSON: "${text.slice(0, 80)}"`,
    ]);
  }
}
