import type { Clock } from '../clock';
import type { Http, HttpResponse } from '../http/create-http';
import { ConfabError, HttpError, ValidationError } from '../http/errors';
import { randomId } from '../random-id';
import { dropInto, type DeadLetters, type ErrorReporter } from './dead-letters';
import { describe, type OutboxItem } from './outbox-item';
import { conversationKey, dueAt, entryAt, isDeletion, isEntry, liveSends } from './outbox-records';
import type { Delivered, OutboxEntry, OutboxStore, Tombstone } from './outbox-store';
import { judgeFailure, retryDelay } from './judge-failure';
import type { RetryPolicy } from './retry-policy';

/** What one send achieved. */
export type SendOutcome =
  | { type: 'delivered'; item: OutboxItem }
  | { type: 'dead'; item: OutboxItem }
  | { type: 'retry' }
  /** The cause is shared (offline, rate limit, a portal answering): the queue waits. */
  | { type: 'pause'; until: number; serverAsked: boolean }
  /** Nothing was sent: gone meanwhile, or dropped because its conversation was deleted. */
  | { type: 'skipped' };

export interface SenderOptions {
  http: Http;
  store: OutboxStore;
  clock: Clock;
  policy: RetryPolicy;
  random: () => number;
  deadLetters: DeadLetters;
  /** Told of an answer that is not the API's (retried, but someone should know). */
  onError: ErrorReporter;
  /** This page, as {@link OpenSend.keepaliveBy} names it. */
  writer: string;
  /** A version a pass is about to send: this page's keepalive must not send it again. */
  onClaimed(entry: OutboxEntry): void;
}

/**
 * Whether a 2xx is the analytics API's answer (contracts/analytics.md §2): JSON, not
 * redirected, and the shape the operation returns. A captive portal's page, a proxy's SPA
 * fallback, a redirect followed into a GET or an empty 200 are none of these, and must not
 * count as delivered.
 */
function checkApiAnswer(entry: OutboxEntry, response: HttpResponse, restoring: boolean): void {
  const body = response.body as Record<string, unknown> | undefined;
  const type = response.headers.get('Content-Type') ?? '';
  const problem = response.redirected
    ? `it was redirected to another address`
    : !/json/i.test(type)
      ? `it is ${type || 'untyped'}, not JSON`
      : typeof body !== 'object' || body === null
        ? 'its body is empty'
        : entry.kind === 'deleteConversation' && !restoring
          ? typeof body['success'] !== 'boolean' && 'it has no "success"'
          : typeof body['id'] !== 'string' && 'it has no "id"';
  if (problem) throw notTheApi(entry, `The ${response.status} answer`, problem);
}

/** The error for an answer that is not the analytics API's: retried, and told once. */
const notTheApi = (entry: OutboxEntry, what: string, problem: string) =>
  new ValidationError('invalid_response', `${what} to ${entry.request.method} ${entry.request.path}`, [`${problem}: not the analytics API's answer (a captive portal, a proxy or a wrong URL?)`]);

/** The revision an open send of a delete's restore carries: the delete waits for it like any other version's. */
const restoreRevision = (revision: string): string => `${revision}:restore`;

const summary = (error: ConfabError): NonNullable<OutboxEntry['lastError']> => ({
  code: error.code,
  message: error.message,
  status: error instanceof HttpError ? error.status : undefined,
});

/**
 * Sends one entry of the queue, under the tab lock. Every send follows four steps:
 * 1. claim: re-read the key and record the send as open in the same write, so a pass never
 *    sends a version older than the stored one, and a send the page dies during is known;
 * 2. send, and check the answer is the API's;
 * 3. on an answer, close the send; on none (timeout, reset) leave it open: it may still land;
 * 4. on a 2xx, remove the entry — unless an earlier send of another version may still land
 *    after this one: then it is sent once more when that can no longer happen.
 */
export function createSender(options: SenderOptions) {
  const { http, store, clock, policy, deadLetters } = options;

  async function claim(snapshot: OutboxEntry, sendId: string): Promise<OutboxEntry | undefined> {
    const owner = snapshot.conversationId === undefined ? undefined : conversationKey(snapshot.conversationId);
    const related = owner !== snapshot.key ? owner : undefined;
    let claimed: OutboxEntry | undefined;
    let dropped: OutboxEntry | undefined;
    const at = clock.now();
    await store.update(
      snapshot.key,
      (value, also) => {
        const record = entryAt(snapshot.key, value);
        // Gone meanwhile, or changed so that it must wait: a delete that took another's sends in
        // doubt, or whose clean-up is not done.
        if (!isEntry(record) || record.sweep || dueAt(record, at, policy, true) > 0) return value;
        // Nothing of a deleted conversation is sent, whatever was queued before the delete.
        if (related !== undefined && isDeletion(entryAt(related, also))) {
          dropped = record;
          return value;
        }
        // Sent under the lock now, so no longer a version this page may send on leaving.
        const stillOpen = liveSends(record.openSends, at, policy.lateLandingMs).filter((send) => send.keepaliveBy !== options.writer || send.revision !== record.revision);
        const revision = record.restore ? restoreRevision(record.revision) : record.revision;
        claimed = { ...record, openSends: [...stillOpen, { id: sendId, at, revision }] };
        return claimed;
      },
      related,
    );
    if (dropped?.conversationId !== undefined) await dropInto(store, snapshot.key, dropped, dropped.conversationId, clock.now(), policy);
    return claimed;
  }

  /**
   * Closes send `sendId` on the stored record (or leaves it open when no answer came);
   * `change` decides what becomes of the sent version, if it is still the stored one.
   */
  async function settle(sent: OutboxEntry, sendId: string, answered: boolean, change: (current: OutboxEntry) => OutboxEntry | Tombstone | Delivered | undefined) {
    let found = false;
    await store.update(sent.key, (value) => {
      const record = entryAt(sent.key, value);
      if (!isEntry(record)) return value;
      found = true;
      const current = answered ? { ...record, openSends: record.openSends?.filter((send) => send.id !== sendId) } : record;
      return record.revision === sent.revision ? change(current) : current;
    });
    // Dropped meanwhile by its conversation's delete, which took the open send along.
    if (!found && answered && sent.conversationId !== undefined) await closeAbsorbed(conversationKey(sent.conversationId), sendId);
  }

  async function closeAbsorbed(key: string, sendId: string) {
    await store.update(key, (value) => {
      const record = entryAt(key, value);
      return isEntry(record) && record.openSends?.some((send) => send.id === sendId) ? { ...record, openSends: record.openSends.filter((send) => send.id !== sendId) } : value;
    });
  }

  async function delivered(sent: OutboxEntry, sendId: string): Promise<SendOutcome> {
    await settle(sent, sendId, true, (current) => {
      const now = clock.now();
      // Every other send still in doubt stays recorded: one of another version makes this one
      // be sent again (`confirming`); one of this version could still land after a newer one.
      const inDoubt = liveSends(current.openSends, now, policy.lateLandingMs);
      if (inDoubt.some((send) => send.revision !== current.revision)) return { ...current, openSends: inDoubt, confirming: true, attempts: 0, notBefore: now, lastError: undefined };
      // A delivered delete leaves a tombstone, so no later write of the conversation is queued;
      // another version leaves its ticket, so no older one replaces it (events never compete).
      if (current.kind === 'deleteConversation') return { key: current.key, kind: 'gone', deletedAt: now };
      if (current.kind === 'logEvent') return undefined;
      const { key, ticket, writer, conversationId } = current;
      return { key, kind: 'delivered', ticket, writer, conversationId, deliveredAt: now, openSends: inDoubt.length > 0 ? inDoubt : undefined };
    });
    return { type: 'delivered', item: describe(sent) };
  }

  async function failed(sent: OutboxEntry, sendId: string, error: unknown): Promise<SendOutcome> {
    const verdict = judgeFailure(error);
    const cause = error instanceof ConfabError ? error : new ConfabError('send_failed', String(error), { cause: error });
    const now = clock.now();
    // With an answer (any status, or a page that is not the API's) the request is settled;
    // without one it may still be committed, later than what is sent next.
    const answered = error instanceof HttpError || error instanceof ValidationError;
    if (!verdict.retry || now - sent.queuedAt > policy.expiryMs) {
      const final = verdict.retry
        ? new ConfabError('expired', `Not delivered within ${Math.round(policy.expiryMs / 86_400_000)} days; the last attempt failed: ${cause.message}`, { cause })
        : cause;
      return { type: 'dead', item: await deadLetters.add(sent, final) };
    }
    // A portal or proxy answering in the API's place is worth telling the first time.
    if (error instanceof ValidationError && sent.attempts === 0) options.onError(error, { item: describe(sent) });
    const delay = retryDelay(policy, sent.attempts, verdict.retryAfterMs, options.random);
    const serverAsked = verdict.retryAfterMs !== undefined;
    await settle(sent, sendId, answered, (current) => ({
      ...current,
      attempts: current.attempts + 1,
      notBefore: now + delay,
      retryAfterUntil: serverAsked ? now + delay : undefined,
      lastError: summary(cause),
    }));
    return verdict.pauseQueue ? { type: 'pause', until: now + delay, serverAsked } : { type: 'retry' };
  }

  /**
   * A delete's restore was answered (see OutboxEntry.restore): sent, or refused for good (a
   * body the server will not take is no reason to keep the conversation). The delete follows.
   */
  async function restored(sent: OutboxEntry, sendId: string): Promise<SendOutcome> {
    await settle(sent, sendId, true, (current) => ({ ...current, restore: undefined }));
    return send({ ...sent, restore: undefined });
  }

  async function send(snapshot: OutboxEntry): Promise<SendOutcome> {
    const sendId = randomId();
    const claimed = await claim(snapshot, sendId);
    if (!claimed) return { type: 'skipped' };
    options.onClaimed(claimed);
    const restoring = claimed.restore !== undefined;
    try {
      const response = await http.request({ ...(claimed.restore ?? claimed.request) }).catch((error: unknown) => {
        // A 2xx whose body is not JSON at all (an HTML page) is the same case as below.
        throw error instanceof ValidationError ? notTheApi(claimed, 'The answer', error.issues.join('; ')) : error;
      });
      checkApiAnswer(claimed, response, restoring);
    } catch (error) {
      if (restoring && error instanceof HttpError && !judgeFailure(error).retry) return restored(claimed, sendId);
      // Deleting what the server does not have is the outcome we wanted.
      const alreadyGone = claimed.kind === 'deleteConversation' && !restoring && error instanceof HttpError && error.status === 404;
      if (!alreadyGone) return failed(claimed, sendId, error);
    }
    return restoring ? restored(claimed, sendId) : delivered(claimed, sendId);
  }
  return send;
}
