/**
 * Path and query parameters (contracts/dixa.md §1.4, §6.2, §6.4). Each bad value answers
 * the 400 whose text names the parameter, as Dixa's (Tapir-style) decoder does.
 */
import { CHANNELS, type Channel } from './records';
import { REASONS, badRequest, queryReason } from './dixa-error';
import { parseDateTime } from './timestamps';

/** A uuid in any case, as Java's `UUID.fromString` takes it. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const INT64_MAX = 9223372036854775807n;
const INT32_MAX = 2147483647;

/**
 * The `conversationId` path parameter: digits within int64, else 400 P. Ids past 2^53
 * are valid but can never be stored (ids are counted up from the fixture's), so they come
 * back as undefined and the caller answers "not found".
 */
export function conversationIdParam(raw: string): number | undefined {
  if (!/^\d+$/.test(raw) || BigInt(raw) > INT64_MAX) throw badRequest(REASONS.conversationId);
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** A uuid path parameter (`messageId`, `tagId`), lower-cased; else 400 with its reason. */
export function uuidParam(raw: string, reason: typeof REASONS.messageId | typeof REASONS.tagId): string {
  if (!UUID_PATTERN.test(raw)) throw badRequest(reason);
  return raw.toLowerCase();
}

/** An optional `true|false` query parameter (`force`, `exactMatch`). */
export function booleanQuery(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (value !== 'true' && value !== 'false') throw badRequest(queryReason(name));
  return value === 'true';
}

/** `pageLimit`: an int32 ≥ 1 (GAP 6: it truncates the list). */
export function pageLimitQuery(query: URLSearchParams): number | undefined {
  const value = query.get('pageLimit');
  if (value === null) return undefined;
  const limit = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!(limit >= 1 && limit <= INT32_MAX)) throw badRequest(queryReason('pageLimit'));
  return limit;
}

/** `pageKey`: must be base64 (standard or URL-safe); it is never acted on (GAP 6). */
export function checkPageKey(query: URLSearchParams): void {
  const value = query.get('pageKey');
  if (value === null) return;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value) || value.replace(/=+$/, '').length % 4 === 1) throw badRequest(queryReason('pageKey'));
}

/** An optional date-time filter; ISO-8601 with an optional `[Zone]` suffix (§6.4). */
export function dateQuery(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const iso = parseDateTime(value);
  if (iso === undefined) throw badRequest(queryReason(name));
  return Date.parse(iso);
}

/** `channel` of the flows list: a §1.7 value, PstnPhone when absent (§3.14). */
export function channelQuery(query: URLSearchParams): Channel {
  const value = query.get('channel');
  if (value === null) return 'PstnPhone';
  const channel = CHANNELS.find((c) => c === value);
  if (!channel) throw badRequest(queryReason('channel'));
  return channel;
}

/** The required, non-blank search `query` (§3.22). */
export function searchTextQuery(query: URLSearchParams): string {
  const value = query.get('query');
  if (value === null || value.trim() === '') throw badRequest(queryReason('query'));
  return value.trim();
}
