/**
 * Dixa's timestamps (contracts/dixa.md §1.5) come in three forms, one of them with a Java
 * zone-id suffix (`2021-12-01T12:46:36.581Z[GMT]`) that `Date.parse` rejects.
 */

/** The instant of a Dixa timestamp as ISO-8601 (`…Z`), or undefined when it is not one. */
export function parseDixaTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value.replace(/\[[^\]]*\]$/, ''));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** A time to send to Dixa: plain ISO-8601 with `Z` (§1.5, "client writing"), or undefined for a bad one. */
export function toDixaTime(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
