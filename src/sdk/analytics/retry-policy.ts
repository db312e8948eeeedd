/** Backoff settings; the defaults are the outbox's documented behaviour. */
export interface RetryPolicy {
  /** First backoff ceiling. Default 1 s. */
  baseDelayMs: number;
  /** Backoff ceiling cap. Default 5 min. */
  maxDelayMs: number;
  /** Longest `Retry-After` honoured. Default 10 min. */
  maxRetryAfterMs: number;
  /** A pending operation older than this is dead-lettered. Default 7 days. */
  expiryMs: number;
  /**
   * How long a request that got no answer (a timeout, a reset, a page closed mid-send) may
   * still be committed by the server. Until then, a newer version delivered meanwhile is sent
   * once more, and a delete waits. Default 2 min.
   */
  lateLandingMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  maxRetryAfterMs: 10 * 60_000,
  expiryMs: 7 * 24 * 60 * 60_000,
  lateLandingMs: 2 * 60_000,
};
