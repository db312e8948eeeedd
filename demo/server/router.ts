/**
 * Route matching for the reference servers: `{param}` patterns, and the difference
 * between an unknown path (404) and a known path with the wrong method (405).
 */

/** Anything with a method and a pattern such as `/conversations/{id}`. */
export interface RoutePattern {
  method: string;
  pattern: string;
}

/** The outcome of {@link matchRoute}. */
export type RouteLookup<R extends RoutePattern> =
  | { kind: 'found'; route: R; params: Record<string, string>; label: string }
  | { kind: 'method_not_allowed'; allow: string[]; label: string }
  | { kind: 'not_found'; label: string };

/** Percent-decodes a segment; a malformed escape stays as sent (and then matches nothing stored). */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Params of `path` under `pattern`, or undefined. A `{param}` never matches an empty segment. */
function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const segment = got[i] ?? '';
    if (part.startsWith('{') && part.endsWith('}')) {
      if (segment === '') return undefined;
      params[part.slice(1, -1)] = decode(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

/**
 * Finds the route for `method` and `path` (relative to the server's base). The `label`
 * names the route for request counters: `POST /conversations`, `GET /conversations/{id}`.
 */
export function matchRoute<R extends RoutePattern>(routes: readonly R[], method: string, path: string): RouteLookup<R> {
  const onPath: R[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params, label: `${method} ${route.pattern}` };
    onPath.push(route);
  }
  const first = onPath[0];
  if (first) {
    return { kind: 'method_not_allowed', allow: onPath.map((r) => r.method), label: `${method} ${first.pattern}` };
  }
  return { kind: 'not_found', label: `${method} (unknown route)` };
}
