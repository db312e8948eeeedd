/**
 * The PulseAI/Dify error body (contract §3): `{ code, message, status }`, plus `params`
 * on validation failures. It differs from the analytics server's problem+json, so the
 * shared http-kit sender does not fit.
 */
import type { ServerResponse } from 'node:http';
import { HttpProblem, sendJson } from '../http-kit';

/** The contract's fixed `not_found` messages (§3.2). */
export const NOT_FOUND = {
  conversation: 'Conversation Not Exists.',
  message: 'Message Not Exists.',
  lastConversation: 'Last Conversation Not Exists.',
  firstMessage: 'First Message Not Exists.',
} as const;

/** Dify's text for an unexpected failure, before and during a stream (§3.3). */
export const INTERNAL_ERROR_MESSAGE = 'Internal Server Error, please contact support.';

/** A failure a route throws to answer with the §3 error body. */
export class PulseError extends Error {
  readonly status: number;
  readonly code: string;
  /** The failing field of an `invalid_param` error. */
  readonly params: string | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, extra: { params?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'PulseError';
    this.status = status;
    this.code = code;
    this.params = extra.params;
    this.headers = extra.headers ?? {};
  }
}

/** 404 `not_found` with one of the {@link NOT_FOUND} messages. */
export function notFound(message: string): PulseError {
  return new PulseError(404, 'not_found', message);
}

/** 400 `invalid_param` naming the failing field in `params`. */
export function invalidParam(params: string, message: string): PulseError {
  return new PulseError(400, 'invalid_param', message, { params });
}

/**
 * Any thrown value as a {@link PulseError}: shared helpers (body reader, fault control)
 * throw {@link HttpProblem}, whose status, code and text carry over unchanged.
 */
export function toPulseError(error: unknown): PulseError {
  if (error instanceof PulseError) return error;
  if (error instanceof HttpProblem) {
    return new PulseError(error.status, error.code, error.message, { headers: error.headers });
  }
  return new PulseError(500, 'internal_server_error', INTERNAL_ERROR_MESSAGE);
}

/** Writes `error` as `application/json` (never problem+json: §3.1). */
export function sendPulseError(res: ServerResponse, error: PulseError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  const body = { code: error.code, message: error.message, status: error.status };
  sendJson(res, error.status, error.params === undefined ? body : { ...body, params: error.params });
}
