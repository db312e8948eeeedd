/** One request as a {@link RequestSigner} sees it, exactly as it goes on the wire. */
export interface SignableRequest {
  /** `GET`, `POST`, `DELETE`, … */
  method: string;
  /** The path below `baseUrl` with its query string, e.g. `/messages?conversation_id=…&user=…`. */
  path: string;
  /** The JSON body text; `undefined` when there is none (GET). */
  body: string | undefined;
}

/**
 * Returns extra headers for one request, such as PulseAI's `X-Timestamp` and `X-Signature`
 * (contracts/pulse.md §2.2). Called for every request, a retry after a 401 included, so a
 * timestamp in the signature is always fresh.
 */
export type RequestSigner = (request: SignableRequest) => Record<string, string> | Promise<Record<string, string>>;

/**
 * Wraps `fetch` so that every request gets the signer's headers. Signing happens at the
 * fetch boundary because createHttp has no per-request header hook, and because there the
 * exact method, URL and body that go out are known: nothing can change after signing.
 *
 * @param baseUrl The base URL createHttp prefixes to every path; the signer sees the rest.
 * @param fetchImpl Looked up at call time when not given, so a later test double applies.
 */
export function signedFetch(baseUrl: string, sign: RequestSigner, fetchImpl?: typeof globalThis.fetch): typeof globalThis.fetch {
  const base = baseUrl.replace(/\/+$/, '');
  return async (input, init = {}) => {
    // createHttp always passes a string URL built as `${baseUrl}${path}${query}`.
    const url = String(input);
    const path = url.startsWith(base) ? url.slice(base.length) : url;
    const body = typeof init.body === 'string' ? init.body : undefined;
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(await sign({ method: init.method ?? 'GET', path, body }))) {
      headers.set(name, value);
    }
    return (fetchImpl ?? globalThis.fetch)(input, { ...init, headers });
  };
}
