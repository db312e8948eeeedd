/** One request as the fake fetch saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  keepalive: boolean;
}

/** What to answer: a response, or an error to throw (a network failure). */
export type Answer = Response | Error | ((request: SeenRequest, signal: AbortSignal | undefined) => Response | Error | Promise<Response | Error>);

/**
 * A `fetch` that records every request and answers from a script (in order), then with
 * `fallback`. Injected through the SDK's `fetch` seam; no global is patched.
 */
export function createFakeFetch(script: Answer[] = [], fallback: Answer = accepted) {
  const requests: SeenRequest[] = [];
  const queue = [...script];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const seen: SeenRequest = {
      method: init.method ?? 'GET',
      url,
      path: new URL(url, 'http://localhost').pathname,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? init.body : undefined,
      keepalive: init.keepalive === true,
    };
    requests.push(seen);
    const answer = queue.length > 0 ? queue.shift() : fallback;
    const result = typeof answer === 'function' ? await answer(seen, init.signal ?? undefined) : answer;
    if (result instanceof Error) throw result;
    // Not cloned: a clone tees the body, which hides cancellation and body errors from the
    // code under test. Each scripted Response is answered once.
    return result as Response;
  };
  return { fetch: fetch as typeof globalThis.fetch, requests, queue };
}

/**
 * The analytics API's 2xx for a write (contracts/analytics.md §2): the stored record for a
 * POST (the body echoed, with an id), `{ success, message }` for a DELETE.
 */
export function accepted(request: SeenRequest): Response {
  if (request.method === 'DELETE') return json(200, { success: true, message: `${request.path} deleted` });
  const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
  return json(200, { id: 'srv_1', ...body });
}

/** A 2xx the analytics API could give to any write, for tests that answer before seeing the request. */
export const apiOk = (): Response => json(200, { id: 'srv_1', success: true, message: 'ok' });

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** A contract problem+json response (contracts/analytics.md §1). */
export function problem(status: number, code: string, title: string, detail: string, headers: Record<string, string> = {}): Response {
  return new Response(
    JSON.stringify({ title, status, detail, instance: '/conversations/c1', requestId: 'req_1', code, error: { code, message: detail } }),
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

/** A fetch that never answers until aborted, as a stalled server does. */
export function hang(_request: SeenRequest, signal: AbortSignal | undefined): Promise<Error> {
  return new Promise((resolve) => {
    signal?.addEventListener('abort', () => resolve(new DOMException('The operation was aborted.', 'AbortError')));
  });
}
