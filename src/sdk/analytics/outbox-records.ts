import type { OpenSend, OutboxEntry, OutboxRecord } from './outbox-store';
import { deleteConversationRequest, type WriteRequest } from './requests';
import type { RetryPolicy } from './retry-policy';

const KINDS: readonly string[] = ['logConversation', 'deleteConversation', 'logFeedback', 'logEvent'];
const METHODS: readonly string[] = ['POST', 'DELETE'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const isRequest = (request: unknown): boolean =>
  isObject(request) &&
  typeof request['method'] === 'string' &&
  METHODS.includes(request['method']) &&
  typeof request['path'] === 'string' &&
  request['path'].startsWith('/') &&
  (request['body'] === undefined || typeof request['body'] === 'string');

/**
 * The record at `key` if it is one the outbox can act on, else `'unreadable'`: a partial write,
 * an older layout, or something another script put there. Checked field by field, cheaply,
 * on every read: one bad record must never stop the rest (issue 11, storage 1).
 */
export function readRecord(key: string, value: unknown): OutboxRecord | 'unreadable' {
  if (!isObject(value) || value['key'] !== key) return 'unreadable';
  if (value['kind'] === 'gone') return isNumber(value['deletedAt']) ? (value as unknown as OutboxRecord) : 'unreadable';
  if (value['kind'] === 'delivered') return isNumber(value['deliveredAt']) && isNumber(value['ticket']) ? (value as unknown as OutboxRecord) : 'unreadable';
  const valid =
    typeof value['kind'] === 'string' &&
    KINDS.includes(value['kind']) &&
    isRequest(value['request']) &&
    (value['restore'] === undefined || isRequest(value['restore'])) &&
    typeof value['revision'] === 'string' &&
    isNumber(value['bytes']) &&
    isNumber(value['order']) &&
    isNumber(value['queuedAt']) &&
    isNumber(value['attempts']) &&
    isNumber(value['notBefore']);
  if (!valid) return 'unreadable';
  // Entries written before tickets existed order by when they were queued.
  return isNumber(value['ticket']) ? (value as unknown as OutboxEntry) : ({ ...value, ticket: (value['queuedAt'] as number) * 1000 } as unknown as OutboxEntry);
}

/** A record read at `key`, or `undefined` when there is none or it is unreadable. */
export function entryAt(key: string, value: unknown): OutboxRecord | undefined {
  const record = value === undefined ? undefined : readRecord(key, value);
  return record === 'unreadable' ? undefined : record;
}

/** Whether a record is a pending operation (not a tombstone or what is left of a delivered version). */
export const isEntry = (record: OutboxRecord | undefined): record is OutboxEntry => record !== undefined && record.kind !== 'gone' && record.kind !== 'delivered';

/** Whether a record says its conversation is deleted or being deleted. */
export const isDeletion = (record: OutboxRecord | undefined): boolean => record?.kind === 'gone' || record?.kind === 'deleteConversation';

/** The queue key of conversation `id`: its upsert, its delete, its tombstone. */
export const conversationKey = (id: string): string => `conversation:${id}`;

/** Sending order. */
export const byOrder = (a: OutboxEntry, b: OutboxEntry) => a.order - b.order || a.key.localeCompare(b.key);

/** Open sends that could still land: those younger than `windowMs`. */
export const liveSends = (sends: readonly OpenSend[] | undefined, now: number, windowMs: number): OpenSend[] =>
  (sends ?? []).filter((send) => now - send.at < windowMs);

/**
 * When `entry` may be sent, or 0 for now. A wait further off than any the retry policy can
 * ask for was written under a wrong clock (another tab's, or before the clock was corrected):
 * it counts as over, so no entry waits longer than the policy's longest wait.
 */
export function dueAt(entry: OutboxEntry, now: number, policy: RetryPolicy, force: boolean): number {
  // A send that may come is marked up to half a window ahead, and may land a window after.
  const longest = Math.max(policy.maxDelayMs, policy.maxRetryAfterMs, 2 * policy.lateLandingMs);
  const plausible = (until: number | undefined) => (until === undefined || until <= now || until - now > longest ? 0 : until);
  return Math.max(force ? 0 : plausible(entry.notBefore), plausible(entry.retryAfterUntil), plausible(landedBy(entry, policy)));
}

/**
 * A delete, and a delivered version sent once more to be sure, must be the last of their key to
 * reach the server: they wait until no earlier send of another version can still land.
 */
function landedBy(entry: OutboxEntry, policy: RetryPolicy): number | undefined {
  if (entry.kind !== 'deleteConversation' && !entry.confirming) return undefined;
  const others = (entry.openSends ?? []).filter((send) => send.revision !== entry.revision);
  if (others.length === 0) return undefined;
  return Math.max(...others.map((send) => send.at)) + policy.lateLandingMs;
}

/**
 * `record` with `sends` added to the sends still in doubt: a pending version or what is left
 * of a delivered one keeps them for the next version (see outbox-send.ts). A deleted
 * conversation's tombstone becomes its delete again, which waits until they can no longer
 * land and then removes whatever they brought back.
 */
export function withOpenSends(key: string, record: OutboxRecord | undefined, sends: readonly OpenSend[], now: number): OutboxRecord | undefined {
  if (!record || sends.length === 0) return record;
  if (record.kind !== 'gone') return { ...record, openSends: [...(record.openSends ?? []), ...sends] };
  const id = key.slice('conversation:'.length);
  return {
    key,
    kind: 'deleteConversation',
    request: deleteConversationRequest(id),
    bytes: 0,
    revision: `again_${now}`,
    ticket: now * 1000,
    order: now * 1000,
    conversationId: id,
    queuedAt: now,
    attempts: 0,
    notBefore: now,
    openSends: [...sends],
  };
}

/**
 * What a delete of a conversation must restore before it is sent (see {@link OutboxEntry.restore}):
 * the upsert it replaces, when a send of an older version was still in doubt; a delete that
 * replaces a delete keeps the first one's.
 */
export function restoreBeforeDelete(replaced: OutboxRecord | undefined, inDoubt: readonly OpenSend[]): WriteRequest | undefined {
  if (!isEntry(replaced)) return undefined;
  if (replaced.kind === 'deleteConversation') return replaced.restore;
  const olderInDoubt = inDoubt.some((send) => send.revision !== replaced.revision);
  return replaced.kind === 'logConversation' && olderInDoubt ? replaced.request : undefined;
}
