/**
 * Every failure confab reports is a `ConfabError` subclass with a stable string `code`,
 * so callers can branch on `error.code` or `instanceof` and read the original `cause`.
 * Fields the constructors assign are `declare`d: an emitted class field would only define
 * each of them once more, in every bundle that carries these classes.
 */
export class ConfabError extends Error {
  // Literal names: minifiers rename classes, and `error.name` must survive a production build.
  override name = 'ConfabError';
  /** A stable, machine-readable reason, e.g. `network_error` or the server's problem code. */
  declare readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * `error` as a ConfabError: itself if it is one, else wrapped as `unexpected` with it as the
 * cause. Its text is read as {@link messageOf} reads it, written out here: the loader carries
 * this function alone, and a call to a shared one costs it bytes it does not have.
 */
export const toConfabError = (error: unknown): ConfabError =>
  error instanceof ConfabError ? error : new ConfabError('unexpected', error instanceof Error ? error.message : String(error), { cause: error });

/** What `error` says: its message if it is an Error, else itself as text. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The parsed `application/problem+json` body of an error response (contracts/analytics.md §1). */
export interface ProblemDetails {
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string | undefined;
  requestId?: string | undefined;
}

/** A response with a non-2xx status. Carries the problem body's fields when the server sent one. */
export class HttpError extends ConfabError {
  override name = 'HttpError';
  declare readonly status: number;
  declare readonly title: string;
  declare readonly detail: string;
  declare readonly requestId: string | undefined;
  declare readonly instance: string | undefined;
  /** Milliseconds the server asked us to wait (`Retry-After`), when it said so. */
  declare readonly retryAfterMs: number | undefined;

  constructor(problem: ProblemDetails, options?: { retryAfterMs?: number | undefined; cause?: unknown }) {
    super(problem.code, `${problem.status} ${problem.title}: ${problem.detail}`, options);
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.instance = problem.instance;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** The request never got a response: DNS, refused connection, offline, CORS, dropped socket. */
export class NetworkError extends ConfabError {
  override name = 'NetworkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('network_error', message, options);
  }
}

/** No response (or no stream progress) within the configured time. */
export class TimeoutError extends ConfabError {
  override name = 'TimeoutError';
  declare readonly timeoutMs: number;

  constructor(timeoutMs: number, what = 'The request') {
    super('timeout', `${what} did not finish within ${timeoutMs} ms.`);
    this.timeoutMs = timeoutMs;
  }
}

/** A body is over the API's 2 MB limit. `truncated` says whether confab shrank it to fit instead. */
export class PayloadTooLargeError extends ConfabError {
  override name = 'PayloadTooLargeError';
  declare readonly bytes: number;
  declare readonly limit: number;
  declare readonly truncated: boolean;

  constructor(bytes: number, limit: number, truncated: boolean, subject = 'The request body') {
    const outcome = truncated
      ? 'the longest texts were cut to fit (marked where cut)'
      : 'it cannot be shrunk to fit, so it was dead-lettered';
    super('payload_too_large', `${subject} is ${bytes} bytes, over the ${limit}-byte limit; ${outcome}.`);
    this.bytes = bytes;
    this.limit = limit;
    this.truncated = truncated;
  }
}

/** A streamed response that broke off, sent an error event, or could not be parsed. */
export class StreamError extends ConfabError {
  override name = 'StreamError';
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'stream_error', message, options);
  }
}

/** Misuse: a bad option or attribute. The message names it and says how to fix it. */
export class ConfigError extends ConfabError {
  override name = 'ConfigError';
  /** The option or attribute at fault, e.g. `apiKey` or `chat-url`. */
  declare readonly option: string;

  constructor(option: string, message: string) {
    super('invalid_config', message);
    this.option = option;
  }
}

/** Data that does not match its schema: an argument we were given, or a server response. */
export class ValidationError extends ConfabError {
  override name = 'ValidationError';
  declare readonly issues: readonly string[];

  constructor(code: 'invalid_input' | 'invalid_response', subject: string, issues: readonly string[]) {
    super(code, `${subject} is not valid: ${issues.join('; ')}`);
    this.issues = issues;
  }
}

/** What a storage problem means for the reader's conversations, when it means something. */
export type StorageProblem =
  /** Nothing is kept: no IndexedDB, or it cannot be opened (private mode, blocked, stuck). */
  | 'unavailable'
  /** The browser's storage for the site is full: new messages may not be kept. */
  | 'full'
  /** Some stored records could not be read and are not shown. */
  | 'unreadable'
  /** Conversations a newer confab saved are kept safe and not shown. */
  | 'newer';

/** Storage (IndexedDB) is missing or failed; confab keeps working in memory and says so. */
export class StorageError extends ConfabError {
  override name = 'StorageError';
  /** What it means for the reader's conversations (the widget says so in the panel); absent for the outbox's own trouble. */
  declare readonly problem: StorageProblem | undefined;
  constructor(message: string, options?: { cause?: unknown; problem?: StorageProblem | undefined }) {
    super('storage_unavailable', message, options);
    this.problem = options?.problem;
  }
}
