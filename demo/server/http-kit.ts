/**
 * Small HTTP helpers shared by the reference servers: request ids, CORS, JSON and
 * problem+json responses, and a body reader with a byte limit.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';

/** The contract's body limit: "the maximum size of the request body is 2 MB". */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** A failure a handler throws to answer with a problem+json body. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, detail: string, headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.code = problemCode(status);
    this.headers = headers;
  }
}

/** The short title of a status, as Node spells it (`Payload Too Large`, `Not Found`). */
export function problemTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/**
 * The problem `code` of a status: its title in snake_case. This yields exactly the
 * contract's codes (`bad_request`, `unprocessable_entity`, …) and sensible ones for
 * statuses the contract does not list (`payload_too_large`, `service_unavailable`).
 */
export function problemCode(status: number): string {
  return problemTitle(status).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** Returns the response's request id, assigning a fresh `X-Request-Id` on first use. */
export function requestIdOf(res: ServerResponse): string {
  const existing = res.getHeader('X-Request-Id');
  if (typeof existing === 'string') return existing;
  const id = `req_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Allows any origin: the widget and the demo pages call these servers cross-origin.
 * `Retry-After` and `X-Request-Id` must be exposed or browser code cannot read them.
 */
export function applyCors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  res.setHeader('Access-Control-Allow-Methods', 'GET,POST,DELETE,OPTIONS');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
  res.setHeader('Access-Control-Max-Age', '600');
}

/** Sends `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/** Sends an `application/problem+json` body shaped exactly as the contract's error table. */
export function sendProblem(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): void {
  const code = problemCode(status);
  const body = {
    title: problemTitle(status),
    status,
    detail,
    instance: pathOf(req),
    requestId: requestIdOf(res),
    code,
    error: { code, message: detail },
  };
  const text = JSON.stringify(body);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/** The path part of the request URL (no query string). */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** The detail of a 413, shared so the Content-Length and streaming paths agree. */
function tooLargeDetail(bytes: number, limit: number): string {
  const mb = limit / (1024 * 1024);
  return `The request body is ${bytes} bytes; the maximum is ${limit} bytes (${mb} MB).`;
}

/** Bodies already read (or being read), so a second read of one request gets the same text. */
const bodies = new WeakMap<IncomingMessage, Promise<string>>();

/**
 * Reads the whole body as UTF-8 text, rejecting with a 413 {@link HttpProblem} past
 * `limit` bytes. A declared Content-Length over the limit is refused without buffering,
 * and chunked bodies are counted as they stream. Either way the rest of the body is
 * drained before rejecting: answering while the client is still uploading makes many
 * clients (undici's fetch among them) report a connection reset instead of the 413.
 *
 * The body is read once per request and kept: a fault that holds a request reads it first,
 * because Node discards an unread body when the client goes away, and the handler that runs
 * after the hold must still get it.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  let body = bodies.get(req);
  if (!body) {
    body = readBodyOnce(req, limit);
    bodies.set(req, body);
  }
  return body;
}

function readBodyOnce(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let tooLarge = Number.isFinite(declared) && declared > limit;
    let received = 0;
    let ended = false;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      ended = true;
      if (tooLarge) {
        const bytes = Math.max(received, Number.isFinite(declared) ? declared : 0);
        reject(new HttpProblem(413, tooLargeDetail(bytes, limit)));
      } else {
        resolve(Buffer.concat(chunks).toString('utf8'));
      }
    });
    req.on('error', reject);
    // A client that gives up mid-upload never sends 'end'; settle so the handler ends.
    req.on('close', () => {
      if (!ended) reject(new Error('The client closed the connection before the body ended.'));
    });
  });
}
