/**
 * Runs a Web-standard handler on Node's `http` server: an `IncomingMessage` becomes a
 * `Request` (its body streamed, not buffered), and the `Response` is written back chunk
 * by chunk as the handler produces it, each chunk flushed at once, waiting for `drain`
 * when the visitor reads slowly. A visitor who disconnects aborts the request's signal and
 * cancels the response body, which is how an answer's upstream request gets aborted.
 *
 * A request refused before its body was read (a 413, a 403) has the rest of its body read
 * and dropped before the answer goes out: answering while the client still uploads makes
 * it see a reset connection instead of the answer, and a half-read body would leave the
 * keep-alive connection unusable for its next request. Past {@link DRAIN_LIMIT_BYTES} the
 * connection is closed instead.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectionInfo } from '../http/client-ip';

/** Most bytes of an unread body read and dropped to keep the connection; a larger rest closes it. */
const DRAIN_LIMIT_BYTES = 4 * 1024 * 1024;
/** Longest wait for an unread body to arrive before the connection is closed instead. */
const DRAIN_TIMEOUT_MS = 5_000;

/** A handler as `createConfabHandler` makes it. */
export type WebHandler = (request: Request, info?: ConnectionInfo) => Promise<Response>;

/** The Request of `req`. The host is only used to form a URL; routing reads the path. */
function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '');
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (hasBody) {
    init.body = bodyOf(req);
    // Node's fetch requires this for a streamed request body.
    init.duplex = 'half';
  }
  return new Request(new URL(req.url ?? '/', 'http://localhost'), init);
}

/**
 * The body of `req` as a web stream, read as the handler pulls. Cancelling it (a handler
 * that stopped reading) does not destroy the socket, as `Readable.toWeb` would: the rest
 * is left for {@link drain}.
 */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  // What the handler left unread is dropped by `drain`, not queued here (where a full queue would pause the request).
  unread.set(req, () => (cancelled = true));
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          if (cancelled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on('end', () => {
          if (!cancelled) controller.close();
        });
        req.on('error', (error) => {
          if (!cancelled) controller.error(error);
        });
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 65_536, size: (chunk) => chunk.byteLength },
  );
}

/** Stops a request's body stream from taking more of the body. */
const unread = new WeakMap<IncomingMessage, () => void>();

/** Reads and drops what is left of `req`'s body; resolves false when it is too much or too slow (then the connection is closed). */
function drain(req: IncomingMessage): Promise<boolean> {
  if (req.complete || req.destroyed) return Promise.resolve(true);
  unread.get(req)?.();
  return new Promise((resolve) => {
    let bytes = 0;
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      req.off('data', count);
      req.off('end', ended);
      resolve(ok);
    };
    const count = (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (bytes > DRAIN_LIMIT_BYTES) finish(false);
    };
    const ended = () => finish(true);
    const timer = setTimeout(() => finish(false), DRAIN_TIMEOUT_MS);
    req.on('data', count);
    req.on('end', ended);
    req.resume();
  });
}

/** Writes `response` to `res`, streaming its body; resolves when done or when the visitor left. */
async function send(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = name === 'set-cookie' ? response.headers.getSetCookie() : value;
  });
  if (!(await drain(req))) headers.connection = 'close';
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  // Sent at once: an SSE client waits for the headers before it shows anything.
  res.flushHeaders();
  const reader = response.body.getReader();
  const gone = () => void reader.cancel().catch(() => undefined);
  res.on('close', gone);
  try {
    for (;;) {
      const part = await reader.read();
      if (part.done) break;
      if (res.destroyed) return;
      if (!res.write(part.value)) {
        await new Promise<void>((resolve) => {
          const go = () => {
            res.off('drain', go);
            res.off('close', go);
            resolve();
          };
          res.on('drain', go);
          res.on('close', go);
        });
      }
    }
    res.end();
  } catch {
    // The body failed (its source broke off): cut the connection, so the client sees a failure, not a short success.
    res.destroy();
  } finally {
    res.off('close', gone);
  }
}

/** `(req, res) => void` for `http.createServer`, serving `handler`. */
export function toNodeListener(handler: WebHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    let request: Request;
    try {
      request = toRequest(req, controller.signal);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
      return;
    }
    handler(request, { clientIp: req.socket.remoteAddress })
      .then((response) => send(response, req, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal error');
        else res.destroy();
      });
  };
}
