/**
 * Dixa's error body (contracts/dixa.md §1.6): `{ "message": "<text>" }`, with the source's
 * reason texts verbatim. It differs from the analytics server's problem+json, so the
 * shared http-kit sender does not fit.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { HttpProblem, sendJson } from '../http-kit';

/** The reason texts of §1.6 and §3, verbatim (texts the source leaves out are marked). */
export const REASONS = {
  /** P */
  conversationId: 'Invalid value for: path parameter conversationId',
  messageId: 'Invalid value for: path parameter messageId',
  tagId: 'Invalid value for: path parameter tagId',
  /** B */
  body: 'Invalid value for: body',
  /** C: only ever sent by fault injection (GAP 12). */
  context: 'Invalid value extracted from request context',
  notFound: 'An entity in this request could not be found',
  internal: 'Internal failure during request processing',
  /** GAP 5: the text is the fake's inference. */
  unauthorized: 'Unauthorized',
  agentNotFound: 'Agent was not found',
  invalidDate: 'Invalid date format',
  invalidMessage: 'Invalid input for Message',
  attachment: 'Failure to download attachment',
  duplicateExternalId: 'Duplicate externalId',
  unsupportedChannel: 'Unsupported ConversationChannel',
  userNotFound: 'User not found',
  notAgent: 'User is not agent/admin',
  queueMissing: 'Queue does not exist',
  invalidPatch: 'Invalid input for patching',
  retrieval: 'Validation failure when retrieving data',
  /** The tag endpoints' error sample, used for an Inactive tag (§3.18 gives no text). */
  invalidRequest: 'Invalid value in request',
  /** Not in the source (429 is inferred in §1.6). */
  tooManyRequests: 'Too Many Requests',
  /** Not in the source: Akka HTTP's text for a path no route matches. */
  unknownRoute: 'The requested resource could not be found.',
} as const;

/** `Invalid value for: query parameter <name>` (§6.4). */
export function queryReason(name: string): string {
  return `Invalid value for: query parameter ${name}`;
}

/** A failure a route throws to answer `{ "message" }` with `status`. */
export class DixaError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'DixaError';
    this.status = status;
    this.headers = headers;
  }
}

/** 400 with a §3 reason. */
export function badRequest(message: string): DixaError {
  return new DixaError(400, message);
}

/** 404 with the §1.6 entity text. */
export function notFound(): DixaError {
  return new DixaError(404, REASONS.notFound);
}

/**
 * The text of an injected failure without a scripted body: the contract's own text where
 * it has one for the status (so a client meets what it would meet), else the status title.
 */
export function faultMessage(status: number): string {
  switch (status) {
    case 400:
      return REASONS.context;
    case 401:
      return REASONS.unauthorized;
    case 404:
      return REASONS.notFound;
    case 429:
      return REASONS.tooManyRequests;
    case 500:
      return REASONS.internal;
    default:
      return STATUS_CODES[status] ?? 'Error';
  }
}

/**
 * Any thrown value as a {@link DixaError}: shared helpers (body reader, fault control)
 * throw {@link HttpProblem}, whose status and text carry over; anything else is a 500.
 */
export function toDixaError(error: unknown): DixaError {
  if (error instanceof DixaError) return error;
  if (error instanceof HttpProblem) return new DixaError(error.status, error.message, error.headers);
  return new DixaError(500, REASONS.internal);
}

/** Writes `error` as `application/json` `{ "message" }`. */
export function sendDixaError(res: ServerResponse, error: DixaError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendJson(res, error.status, { message: error.message });
}
