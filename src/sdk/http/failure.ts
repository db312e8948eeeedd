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

/** Describes `error` for the message it failed: its code and detail, its kind, and any wait the server asked for. */
export function toFailure(error: unknown): Failure {
  const { code, message } = toConfabError(error);
  if (error instanceof HttpError) {
    const { status, retryAfterMs } = error;
    return { code, message, kind: status === 429 ? 'busy' : status === 408 ? 'slow' : status < 500 ? 'refused' : 'unavailable', retryAfterMs };
  }
  const kind: FailureKind =
    // A chunk of code the answer needs could not be fetched: as good as no connection.
    code === 'network_error' || code === 'chunk_load_failed'
      ? 'offline'
      : code === 'timeout'
        ? 'slow'
        : // invalid_response, invalid_config, malformed_event: not the API's answer, or a bad setting.
          /^(invalid|malformed)/.test(code)
          ? 'refused'
          : // stream_error (the connection broke), stream_incomplete (closed before its end event).
            /^stream_/.test(code)
            ? 'interrupted'
            : // Any other code of a stream is the server's own error event, but for an empty answer.
              error instanceof StreamError && code !== 'empty_answer'
              ? 'unavailable'
              : 'unknown';
  return { code, message, kind };
}
