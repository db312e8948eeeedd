import { ConfigError } from './errors';

/** The parts of a request {@link buildRequest} turns into `fetch` arguments. */
export interface RequestParts {
  method: string;
  path: string;
  query?: Record<string, string | number | undefined> | undefined;
  body?: string | undefined;
  keepalive?: boolean | undefined;
}

/** `baseUrl` without trailing slashes, once checked: an absolute http(s) URL or a path. */
export function checkedBaseUrl(baseUrl: string): string {
  if (!/^https?:\/\//i.test(baseUrl) && !baseUrl.startsWith('/')) {
    throw new ConfigError('baseUrl', `baseUrl must be an absolute http(s) URL or a path starting with "/", got "${baseUrl}".`);
  }
  return baseUrl.replace(/\/+$/, '');
}

/**
 * The URL and `fetch` init of a request: JSON in and out, the `Authorization` header when
 * given. Synchronous, so a keepalive send from a `pagehide` listener starts while the page is
 * still there. Shared by the HTTP layer (create-http.ts) and the outbox's send on leaving.
 */
export function buildRequest(baseUrl: string, headers: Record<string, string> | undefined, request: RequestParts, authorization: string | undefined, signal?: AbortSignal): [string, RequestInit] {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  // `params.size` is missing before Safari 17; the string is not.
  const search = params.toString() ? `?${params}` : '';
  const all: Record<string, string> = { Accept: 'application/json', ...headers };
  const init: RequestInit = { method: request.method, headers: all };
  if (authorization) all['Authorization'] = authorization;
  if (request.body !== undefined) {
    all['Content-Type'] = 'application/json';
    init.body = request.body;
  }
  if (signal) init.signal = signal;
  if (request.keepalive) init.keepalive = true;
  return [`${baseUrl}${request.path}${search}`, init];
}
