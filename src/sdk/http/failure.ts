import { HttpError, StreamError, toConfabError } from './errors';

/**
 * What a failed answer met, in the terms a reader understands (the widget shows one sentence
 * per kind): no connection to the service (`offline`), the service down or failing
 * (`unavailable`: 5xx, an error it reported mid-answer), too many requests (`busy`: 429),
 * an answer that broke off (`interrupted`), one that took too long (`slow`: a timeout, a
 * stalled stream, 408), a request refused or a reply that is not the API's (`refused`: other
 * 4xx, a web page or a JSON body instead of a stream, malformed events), or `unknown`.
 */
export type FailureKind = 'offline' | 'unavailable' | 'busy' | 'interrupted' | 'slow' | 'refused' | 'unknown';

/** A failure as a message keeps it: the technical detail, and what kind of failure it was. */
export interface Failure {
  code: string;
  /** For developers (`confab-error`, the console): may name URLs and status lines. */
  message: string;
  /** Absent in messages stored before kinds existed: read as `unknown`. */
  kind?: FailureKind | undefined;
  /** How long the server asked to wait (`Retry-After`), when it said. */
  retryAfterMs?: number | undefined;
}

const KINDS: Record<string, FailureKind> = {
  network_error: 'offline',
  timeout: 'slow',
  stream_error: 'interrupted',
  stream_incomplete: 'interrupted',
  invalid_response: 'refused',
  malformed_event: 'refused',
  invalid_config: 'refused',
  empty_answer: 'unknown',
};

/** Describes `error` for the message it failed: its code and detail, its kind, and any wait the server asked for. */
export function toFailure(error: unknown): Failure {
  const { code, message } = toConfabError(error);
  // Any other code of a stream is the server's own error event.
  if (!(error instanceof HttpError)) return { code, message, kind: KINDS[code] ?? (error instanceof StreamError ? 'unavailable' : 'unknown') };
  const { status, retryAfterMs } = error;
  return { code, message, kind: status === 429 ? 'busy' : status === 408 ? 'slow' : status < 500 ? 'refused' : 'unavailable', retryAfterMs };
}
