import { HttpError, NetworkError, TimeoutError, ValidationError } from '../http/errors';
import type { RetryPolicy } from './retry-policy';

/** What the outbox does with a failed send. */
export type FailureVerdict =
  /** Try again later; `pauseQueue` when the cause is shared (offline, rate limit), so the rest waits too. */
  | { retry: true; pauseQueue: boolean; retryAfterMs: number | undefined }
  | { retry: false };

/**
 * Network errors, timeouts, 408, 429 and 5xx are worth retrying; other 4xx never succeed as
 * sent. A 2xx that is not the API's answer (a captive portal's page, a proxy's, a redirect)
 * is retried too, and pauses the queue: whatever answered will answer the rest alike.
 */
export function judgeFailure(error: unknown): FailureVerdict {
  if (error instanceof NetworkError) return { retry: true, pauseQueue: true, retryAfterMs: undefined };
  if (error instanceof ValidationError && error.code === 'invalid_response') return { retry: true, pauseQueue: true, retryAfterMs: undefined };
  if (error instanceof TimeoutError) return { retry: true, pauseQueue: false, retryAfterMs: undefined };
  if (error instanceof HttpError) {
    const { status, retryAfterMs } = error;
    if (status === 429) return { retry: true, pauseQueue: true, retryAfterMs };
    if (status === 408 || status >= 500) return { retry: true, pauseQueue: false, retryAfterMs };
  }
  return { retry: false };
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): a random wait up to `base * 2^attempt`, capped, so tabs that failed together
 * do not retry together. A server's `Retry-After` replaces it, capped at `maxRetryAfterMs`.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined, random: () => number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
