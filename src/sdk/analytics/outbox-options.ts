import type { Clock } from '../clock';
import type { HttpOptions } from '../http/create-http';
import type { ErrorReporter } from './dead-letters';
import type { OutboxKind, OutboxStore } from './outbox-store';
import type { PageLifecycle } from './page-lifecycle';
import type { WriteRequest } from './requests';
import type { RetryPolicy } from './retry-policy';
import type { Lease, LockManagerLike } from './tab-lock';

/** An operation to queue. */
export interface QueuedOperation {
  key: string;
  kind: OutboxKind;
  request: WriteRequest;
  bytes: number;
  /** Taken when the caller asked: a lower ticket never replaces a higher one. */
  ticket: number;
  /** The conversation it belongs to, when known: once that conversation is deleted, it is never sent. */
  conversationId?: string | undefined;
  /** Queue it without scheduling a flush (a version expected to be replaced soon). */
  quiet?: boolean | undefined;
}

/** What `createOutbox` (outbox.ts) is built from: its seams (store, clock, locks, lifecycle) and its settings. */
export interface OutboxOptions {
  /** Where and how to send: the base URL (checked), auth, `fetch`, timeout. */
  http: HttpOptions;
  store: OutboxStore;
  lockName: string;
  locks: LockManagerLike | undefined;
  /** Where `navigator.locks` is missing: a lease in the store's database, so tabs still take turns. */
  lease: Lease | undefined;
  clock: Clock;
  random: () => number;
  lifecycle: PageLifecycle;
  policy: RetryPolicy;
  /** Wait after an enqueue before flushing, so a burst of writes goes out as one pass. */
  flushDelayMs: number;
  /** Bytes sent with `keepalive` when the page is left (browsers allow 64 KB in flight). */
  keepaliveBudgetBytes: number;
  autoFlush: boolean;
  onError: ErrorReporter;
  /** Loads the sending half (a chunk of its own in the script-tag build). Default: `import('./outbox-pass')`. */
  loadSendingCode?: (() => Promise<Pick<typeof import('./outbox-pass'), 'createPass'>>) | undefined;
}
