/**
 * The origin allow-list. A browser names the page's origin in `Origin` on every
 * cross-origin request and on every POST, so a request from a page elsewhere (or from no
 * page at all) is told apart and refused. Patterns: an exact origin, `https://*.example.com`
 * for any subdomain (not the bare domain), and `http://localhost:*` for any port.
 */

interface OriginPattern {
  scheme: string;
  /** Lower-case host; with `subdomains`, the suffix after `*.`. */
  host: string;
  subdomains: boolean;
  /** `*` for any, '' for the scheme's default. */
  port: string;
}

const PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/i;

/** Parses one allow-list entry; undefined when it is not a valid pattern (paths, bare `*`, other schemes). */
export function parseOriginPattern(text: string): OriginPattern | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, scheme = '', star, host = '', port = ''] = match;
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
  return { scheme: scheme.toLowerCase(), host: host.toLowerCase(), subdomains: star !== undefined, port: port === defaultPort ? '' : port };
}

/** Decides whether an `Origin` header value is allowed. */
export interface OriginPolicy {
  allows(origin: string | null): boolean;
}

/** The policy of `patterns` (already checked by the options). */
export function createOriginPolicy(patterns: readonly string[]): OriginPolicy {
  const parsed = patterns.flatMap((pattern) => parseOriginPattern(pattern) ?? []);
  return {
    allows(origin) {
      // `null` is what sandboxed frames and file: pages send; it names no site.
      if (origin === null || origin === 'null') return false;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      // An origin is scheme, host and port only: anything more is not a browser's Origin.
      if (url.origin !== origin.toLowerCase() && url.origin !== origin) return false;
      const scheme = url.protocol.slice(0, -1);
      const host = url.hostname.toLowerCase();
      return parsed.some(
        (pattern) =>
          pattern.scheme === scheme &&
          (pattern.port === '*' || pattern.port === url.port) &&
          (pattern.subdomains ? host.endsWith(`.${pattern.host}`) : host === pattern.host),
      );
    },
  };
}
