/**
 * The three timestamp forms of contracts/dixa.md §1.5, and the parser of date-time inputs.
 * Dixa is a Java service: it prints `ZonedDateTime` (`…581Z[GMT]`) in some places and
 * `Instant` (with or without millis) in others, so each endpoint picks its form here.
 */

/** `2021-12-01T12:46:36.581Z[GMT]`: notes on create, message list, activity logs, anonymization. */
export function zoned(iso: string): string {
  return `${new Date(iso).toISOString()}[GMT]`;
}

/** `2021-06-09T08:18:37.284Z`: the add-message response. */
export function withMillis(iso: string): string {
  return new Date(iso).toISOString();
}

/** `2020-12-16T09:41:43Z`: conversations and the notes list. */
export function wholeSeconds(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Date, time (seconds and fraction optional) and a zone (`Z` or `±hh:mm`), then an optional `[Zone]` id. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})(?:\[[^\]]+\])?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An ISO-8601 date-time with a zone, optionally followed by a `[Zone]` id as Dixa prints
 * it, as `toISOString()`; undefined when it is not one. The calendar is checked by hand
 * because `Date.parse` rolls `02-30` over into March.
 */
export function parseDateTime(text: string): string | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = 'Z'] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  // Date.parse takes at most millisecond precision reliably; finer digits are dropped.
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second.padStart(2, '0')}.${millis}${zone}`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
