/**
 * Runs a Web-standard handler on Node's `http` server: an `IncomingMessage` becomes a
 * `Request` (its body streamed, not buffered), and the `Response` is written back chunk
 * by chunk as the handler produces it, each chunk flushed at once, waiting for `drain`
 * when the visitor reads slowly. A visitor who disconnects aborts the request's signal and
 * cancels the response body, which is how an answer's upstream request gets aborted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ConnectionInfo } from '../http/client-ip';

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
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    // Node's fetch requires this for a streamed request body.
    init.duplex = 'half';
  }
  return new Request(new URL(req.url ?? '/', 'http://localhost'), init);
}

/** Writes `response` to `res`, streaming its body; resolves when done or when the visitor left. */
async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = name === 'set-cookie' ? response.headers.getSetCookie() : value;
  });
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
      .then((response) => send(response, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal error');
        else res.destroy();
      });
  };
}
