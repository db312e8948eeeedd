import { systemClock, type Clock } from '../clock';
import { checkedBaseUrl } from '../http/build-request';
import { ConfigError, PayloadTooLargeError, StorageError, type ConfabError } from '../http/errors';
import { randomId } from '../random-id';
import { utf8Length } from '../utf8';
import type { AnalyticsClient, AnalyticsClientOptions } from './create-analytics-client';
import type * as InputChecks from './check-input';
import { withMemoryFallback } from './fallback-outbox-store';
import { createIdbLease, createIdbOutboxStore, indexedDbOf } from './idb-outbox-store';
import { conversationKey } from './outbox-records';
import { createOutbox, type ErrorReporter, type FlushReport, type Outbox, type OutboxItem, type QueuedOperation } from './outbox';
import { createMemoryOutboxStore, type OutboxStore } from './outbox-store';
import { browserLifecycle, type PageLifecycle } from './page-lifecycle';
import {
  DEFAULT_ANALYTICS_BASE_URL,
  deleteConversationRequest,
  logConversationRequest,
  logEventRequest,
  logFeedbackRequest,
  MAX_BODY_BYTES,
  type WriteRequest,
} from './requests';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import type { CreateConversation, FeedbackCreate, InsertEvent } from './schemas';
import { platformLocks, type LockManagerLike } from './tab-lock';
import type { IndexedDBFactory } from '../indexed-db-factory';

/** Options of {@link createAnalytics}. Give `apiKey` (a web integration key) or `getToken`. */
export interface AnalyticsOptions extends AnalyticsClientOptions {
  /** Names the IndexedDB outbox (`confab-outbox-<storeName>`); tabs sharing it share one queue. Default `default`. */
  storeName?: string | undefined;
  /** Where pending operations live instead of IndexedDB, e.g. a file-backed store in Node. */
  store?: OutboxStore | undefined;
  /** Every background failure: dead letters, truncation, storage trouble. Default: `console.error`. */
  onError?: ErrorReporter | undefined;
  /** Runs on every conversation before it is stored or sent: strip PII here. */
  redact?: ((conversation: CreateConversation) => CreateConversation | Promise<CreateConversation>) | undefined;
  /** Flush on start, after writes, on `online` and when the page becomes visible. Default `true`. */
  autoFlush?: boolean | undefined;
  /** Delay between a write and the flush it triggers, so a burst goes out in one pass. Default 500 ms. */
  flushDelayMs?: number | undefined;
  /** Backoff and expiry; defaults: 1 s doubling to 5 min, `Retry-After` up to 10 min, expiry after 7 days. */
  retryPolicy?: Partial<RetryPolicy> | undefined;
  /** Seams, for tests and unusual hosts. */
  clock?: Clock | undefined;
  random?: (() => number) | undefined;
  lifecycle?: PageLifecycle | undefined;
  /** `navigator.locks` by default; `null` to use no cross-tab lock. */
  locks?: LockManagerLike | null | undefined;
  /** The IndexedDB the outbox opens; the platform's by default. */
  indexedDB?: IndexedDBFactory | undefined;
}

/** A conversation to log. `id` is optional: without one, a stable id is made and returned. */
export type ConversationInput = CreateConversation;

/** How {@link Analytics.logConversation} queues a version. */
export interface LogOptions {
  /**
   * A version expected to be replaced soon (a question, before its answer): kept durably, and
   * sent with the next delivery or when the page is left, without prompting a delivery of its
   * own. Default `false`.
   */
  partial?: boolean | undefined;
}

/** The conversation an operation belongs to, when its body does not say. */
export interface BelongsTo {
  conversationId?: string | undefined;
}

/**
 * The logging SDK. `log*` and `deleteConversation` resolve once the operation is durably in
 * the outbox, not when it is delivered; `flush()` delivers now and reports what is left.
 */
export interface Analytics {
  /**
   * Queues an upsert of the conversation's FULL history; a newer call for the same id replaces
   * a pending one, and the order of the calls is the order of the versions.
   */
  logConversation(conversation: ConversationInput, options?: LogOptions): Promise<{ id: string }>;
  /**
   * Queues feedback. Its id defaults to one derived from `messageId`, so a changed vote updates
   * it. Give the `conversationId` it belongs to (the API's body has none) so that deleting that
   * conversation drops it too.
   */
  logFeedback(feedback: FeedbackCreate, options?: BelongsTo): Promise<{ id: string }>;
  /**
   * Takes a vote back: a vote still waiting in the outbox is dropped, and an
   * `assistant_feedback_withdrawn` event is queued, because a web key cannot delete feedback
   * the server already has (`DELETE /feedback` needs an API key).
   */
  withdrawFeedback(messageId: string, options?: BelongsTo & { feedbackId?: string | undefined }): Promise<void>;
  /** Queues an event; its id is generated when missing, so a re-send is harmless. */
  logEvent(event: InsertEvent, options?: BelongsTo): Promise<{ id: string }>;
  /**
   * Queues a delete. It is final: it supersedes the conversation's pending upsert, its pending
   * feedback and events are dropped, and any later log of it is refused.
   */
  deleteConversation(id: string): Promise<void>;
  /** Tries to deliver everything now (backoff aside; a server's `Retry-After` is still honoured). */
  flush(): Promise<FlushReport>;
  /**
   * Drops every operation waiting to be sent, and the dead letters, without sending them: for
   * a visitor who withdraws consent. Resolves with how many were dropped.
   */
  purge(): Promise<number>;
  /** How many operations wait for delivery. */
  pending(): Promise<number>;
  /** Operations that will not be retried by themselves: rejected by the server (4xx), too large, or expired. */
  deadLetters(): Promise<OutboxItem[]>;
  /** Queues every dead letter again; resolves with how many. */
  retryDeadLetters(): Promise<number>;
  /** Direct, unqueued calls (`getConversation`, `listConversations`, …). */
  client: AnalyticsClient;
  /** Stops listening and timers. Pending operations stay in IndexedDB for the next visit. */
  close(): Promise<void>;
}

/** Stable per message: voting again on the same answer updates the same feedback. */
export const feedbackIdFor = (messageId: string) => `fb_${messageId}`;

/** The logging SDK without its direct client and the queue inspection: what the widget bundles. */
export type AnalyticsCore = Omit<Analytics, 'client' | 'pending' | 'deadLetters' | 'retryDeadLetters'>;

/**
 * The logging SDK's outbox and write methods, without the direct client and its zod
 * schemas or the queue inspection, so the script-tag widget does not carry them.
 * `createAnalytics` adds the client, passes `checks` (development-only input checks), and
 * `extend` to add the inspection.
 */
export function createAnalyticsCore<X extends object = object>(
  options: AnalyticsOptions,
  checks?: Promise<typeof InputChecks | undefined>,
  extend?: (outbox: Outbox) => X,
): AnalyticsCore & X {
  if (!options.apiKey && !options.getToken) {
    throw new ConfigError('apiKey', 'createAnalytics needs `apiKey` (a web integration key) or `getToken()` returning one.');
  }
  const onError: ErrorReporter = options.onError ?? ((error) => console.error('[confab]', error));
  const clock = options.clock ?? systemClock;
  const storeName = options.storeName ?? 'default';
  const baseUrl = options.baseUrl ?? DEFAULT_ANALYTICS_BASE_URL;
  const locks = options.locks === null ? undefined : (options.locks ?? platformLocks());
  const idb = indexedDbOf(options.indexedDB);
  const store = options.store ?? defaultStore(storeName, idb, onError);
  const outbox = createOutbox({
    http: { ...options, baseUrl: checkedBaseUrl(baseUrl), clock },
    store,
    lockName: `confab-outbox:${storeName}`,
    locks,
    // The lease only guards the default IndexedDB store; a custom store is the caller's to share.
    lease: !locks && !options.store && options.locks !== null && idb ? createIdbLease(storeName, clock, idb) : undefined,
    clock,
    random: options.random ?? Math.random,
    lifecycle: options.lifecycle ?? browserLifecycle(),
    policy: { ...defaultRetryPolicy, ...options.retryPolicy },
    flushDelayMs: options.flushDelayMs ?? 500,
    keepaliveBudgetBytes: 60 * 1024,
    autoFlush: options.autoFlush ?? true,
    onError,
  });

  let lastTicket = 0;
  /** Taken synchronously when a method is called, before any await: the order of the calls is the order of the versions. */
  const takeTicket = () => (lastTicket = Math.max(lastTicket + 1, clock.now() * 1000));

  /** Queues `operation`, or dead-letters it when its body is over the API's limit. */
  async function queueSized(operation: Omit<QueuedOperation, 'bytes'> & { bytes?: number }, subject: string) {
    const bytes = operation.bytes ?? utf8Length(operation.request.body ?? '');
    if (bytes <= MAX_BODY_BYTES) return outbox.enqueue({ ...operation, bytes });
    await outbox.reject({ ...operation, bytes }, new PayloadTooLargeError(bytes, MAX_BODY_BYTES, false, subject));
    return false;
  }

  async function logEvent(input: InsertEvent, belongsTo: BelongsTo = {}): Promise<{ id: string }> {
    const ticket = takeTicket();
    (await checks)?.checkEvent(input);
    const id = input.id ?? randomId('evt_');
    const conversationId = input.entityType === 'conversation' ? input.conversationId : belongsTo.conversationId;
    await queueSized({ key: `event:${id}`, kind: 'logEvent', request: logEventRequest(JSON.stringify({ ...input, id })), ticket, conversationId }, `Event ${id}`);
    return { id };
  }

  return {
    async logConversation(input, { partial = false } = {}) {
      const ticket = takeTicket();
      const id = input.id ?? randomId('conv_');
      const redacted = options.redact ? await options.redact({ ...input, id }) : { ...input, id };
      // Checked, not replaced by zod's output: that strips unknown keys, and development and
      // production must send the same body.
      (await checks)?.checkConversation(redacted);
      const subject = `Conversation ${id}`;
      let json = JSON.stringify(redacted);
      let bytes = utf8Length(json);
      if (bytes > MAX_BODY_BYTES) {
        // Rare: the shrinking code loads only for a conversation over the API's limit.
        const fit = (await import('./fit-conversation')).fitConversation(redacted, MAX_BODY_BYTES);
        if (fit.fits) {
          onError(new PayloadTooLargeError(fit.originalBytes, MAX_BODY_BYTES, true, subject));
          ({ json, bytes } = fit);
        }
      }
      await queueSized({ key: conversationKey(id), kind: 'logConversation', request: logConversationRequest(json), ticket, conversationId: id, bytes, quiet: partial }, subject);
      return { id };
    },

    async logFeedback(input, belongsTo = {}) {
      const ticket = takeTicket();
      (await checks)?.checkFeedback(input);
      const id = input.id ?? feedbackIdFor(input.messageId);
      const request = logFeedbackRequest(JSON.stringify({ ...input, id }));
      await queueSized({ key: `feedback:${id}`, kind: 'logFeedback', request, ticket, conversationId: belongsTo.conversationId }, `Feedback ${id}`);
      return { id };
    },

    logEvent,

    async withdrawFeedback(messageId, { feedbackId = feedbackIdFor(messageId), conversationId } = {}) {
      await outbox.discard(`feedback:${feedbackId}`);
      await logEvent({ type: 'assistant_feedback_withdrawn', entityType: 'message', messageId, properties: { feedbackId } }, { conversationId });
    },

    async deleteConversation(id) {
      const ticket = takeTicket();
      if (typeof id !== 'string' || id === '') throw new ConfigError('id', 'deleteConversation needs the conversation id, a non-empty string.');
      await outbox.enqueue({ key: conversationKey(id), kind: 'deleteConversation', request: deleteConversationRequest(id), bytes: 0, ticket, conversationId: id });
      await outbox.dropConversation(id);
    },

    // The outbox's methods are closures, not `this`-bound.
    flush: outbox.flush,
    purge: outbox.purge,
    close: outbox.close,
    // Without `extend`, X is the empty object type: nothing is added, as the type says.
    ...(extend?.(outbox) as X),
  };
}

function defaultStore(storeName: string, idb: IndexedDBFactory | undefined, onError: (error: ConfabError) => void): OutboxStore {
  if (idb) return withMemoryFallback(createIdbOutboxStore(storeName, idb), onError);
  // Deferred so that the caller's `createAnalytics(...)` returns before its onError runs.
  queueMicrotask(() =>
    onError(
      new StorageError(
        'No IndexedDB here (Node, or private browsing): pending logs are kept in memory, where they ' +
          'survive server errors but not a reload or exit. Pass the `store` option to keep them elsewhere.',
      ),
    ),
  );
  return createMemoryOutboxStore();
}
