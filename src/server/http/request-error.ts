/**
 * A request the server refuses or cannot serve, with the status and headers to answer
 * with. Each route renders it in its API's own error shape (OpenAI, PulseAI, problem+json),
 * so the widget's clients read it as they read the real API's errors.
 */
import { ConfabError } from '../../sdk/http/errors';

export class RequestError extends ConfabError {
  override name = 'RequestError';
  declare readonly status: number;
  declare readonly headers: Readonly<Record<string, string>>;
  /** OpenAI's error `type`; derived from the status unless given. */
  declare readonly type: string;
  /** The request field at fault (`messages[3].content`), for OpenAI's `param`. */
  declare readonly param: string | null;

  constructor(status: number, code: string, message: string, details: { headers?: Record<string, string>; type?: string; param?: string | null; cause?: unknown } = {}) {
    super(code, message, { cause: details.cause });
    this.status = status;
    this.headers = details.headers ?? {};
    this.type = details.type ?? (status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error');
    this.param = details.param ?? null;
  }
}

/** Anything thrown while serving a request, as a RequestError: unexpected failures become a 500 that says nothing internal. */
export function toRequestError(error: unknown): RequestError {
  if (error instanceof RequestError) return error;
  return new RequestError(500, 'internal_error', 'The server failed to handle the request.', { cause: error });
}
