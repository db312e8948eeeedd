/**
 * Read helpers over the analytics state: paging parameters, recency order, and the
 * lookup of a message by id.
 */
import { HttpProblem } from '../http-kit';
import type { ConversationRecord, MessageRecord } from './records';
import type { AnalyticsState } from './state';

/** `limit` and `offset` of a list request. */
export interface Paging {
  limit: number;
  offset: number;
}

/** Parses a non-negative integer query value; digits only, so `-1`, `1.5` and `1e2` are refused. */
function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'an integer ≥ 0' : `an integer from 0 to ${max}`;
    throw new HttpProblem(400, `Query parameter ${name} must be ${range}; got "${raw}".`);
  }
  return value;
}

/** The contract's paging: `limit` 0..100 (default per endpoint), `offset` ≥ 0 (default 0). */
export function parsePaging(query: URLSearchParams, defaultLimit: number): Paging {
  return {
    limit: intParam(query, 'limit', defaultLimit, 100),
    offset: intParam(query, 'offset', 0, Number.MAX_SAFE_INTEGER),
  };
}

/**
 * Most recently updated first. Equal `updatedAt` values (same millisecond) fall back to
 * write order, newest write first, so a list reads the way a client wrote it.
 */
export function byRecency<T extends { updatedAt: string }>(records: Map<string, T>): T[] {
  return [...records.values()].reverse().sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

/**
 * The message with `messageId` and its conversation. Message ids are not unique across
 * conversations here (a client may reuse `m1`); the most recently updated one wins.
 */
export function findMessage(
  state: AnalyticsState,
  messageId: string,
): { conversation: ConversationRecord; message: MessageRecord } | undefined {
  for (const conversation of byRecency(state.conversations)) {
    const message = conversation.messages.find((m) => m.id === messageId);
    if (message) return { conversation, message };
  }
  return undefined;
}
