/**
 * CORS for allowed origins: the origin is echoed (never `*`), `Vary: Origin` keeps caches
 * from mixing sites, and the headers browser code must read (`Retry-After`, the request
 * id) are exposed. Requests carry their credential in `Authorization`, never cookies, so
 * credentials mode stays off.
 */

/** Headers a preflight may ask for: the widget's and OpenAI SDKs' (`x-stainless-…`); names only. */
const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;

/** The CORS headers of a response to an allowed `origin`. */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After, X-Request-Id',
    Vary: 'Origin',
  };
}

/** The answer to a preflight from an allowed origin: the methods the routes have, the headers asked for. */
export function preflightResponse(request: Request, origin: string): Response {
  const asked = (request.headers.get('access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => HEADER_NAME.test(name));
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': ['Authorization', 'Content-Type', ...asked].join(', '),
      'Access-Control-Max-Age': '600',
    },
  });
}
