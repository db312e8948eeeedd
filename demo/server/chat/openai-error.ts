/**
 * Errors in OpenAI's shape, `{"error": {"message", "type", "param", "code"}}`, which every
 * OpenAI-compatible client reads (the analytics server's problem+json would not do).
 */
import type { ServerResponse } from 'node:http';
import { HttpProblem, problemCode } from '../http-kit';

/** The body of an OpenAI error, also sent as an SSE `data:` line by a failing stream. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/**
 * OpenAI's `type` for a status: `invalid_request_error` for client mistakes (401 and 404
 * included, as OpenAI does), `requests` for 429 (OpenAI's type for a request-rate
 * limit), `server_error` for 5xx.
 */
export function errorTypeFor(status: number): string {
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** A failure a chat handler throws to answer with an OpenAI error body. */
export class OpenAiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    details: { code?: string | null; type?: string; param?: string | null; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'OpenAiError';
    this.status = status;
    this.type = details.type ?? errorTypeFor(status);
    this.code = details.code === undefined ? problemCode(status) : details.code;
    this.param = details.param ?? null;
    this.headers = details.headers ?? {};
  }

  /** The JSON body of this error. */
  toBody(): OpenAiErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/**
 * Turns anything thrown while handling a request into an {@link OpenAiError}: shared
 * helpers (the body reader, the faults control) throw {@link HttpProblem}, which keeps its
 * status and code; anything else is a 500.
 */
export function toOpenAiError(error: unknown): OpenAiError {
  if (error instanceof OpenAiError) return error;
  if (error instanceof HttpProblem) return new OpenAiError(error.status, error.message, { code: error.code, headers: error.headers });
  const message = error instanceof Error ? error.message : String(error);
  return new OpenAiError(500, `The server failed to handle the request: ${message}`, { code: 'internal_error' });
}

/** Sends `error` as JSON with its status and headers; a response already streaming is cut instead. */
export function sendOpenAiError(res: ServerResponse, error: OpenAiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(error.toBody());
  res.statusCode = error.status;
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
