/**
 * A ready-made Node server for the handler (what `confab-chat serve` runs): Node's `http`
 * with timeouts that keep slow clients (slowloris) from holding connections, and a
 * graceful stop that lets answers in flight finish.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConfabHandler } from '../create-confab-handler';
import { toNodeListener } from './node-listener';

/** Options of {@link serve}. */
export interface ServeOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number | undefined;
  /** Default `127.0.0.1`; `0.0.0.0` to listen on every interface. */
  host?: string | undefined;
  /** Longest time to receive a request's headers. Default 10,000 ms. */
  headersTimeoutMs?: number | undefined;
  /** Longest time to receive a whole request (headers and body); answers may stream longer. Default 30,000 ms. */
  requestTimeoutMs?: number | undefined;
  /** How often timed-out connections are looked for. Default 1,000 ms. */
  checkIntervalMs?: number | undefined;
  /** Open connections at most; more wait in the OS backlog. Default 10,000. */
  maxConnections?: number | undefined;
}

/** A running server. */
export interface RunningServer {
  /** `http://HOST:PORT`. */
  url: string;
  server: Server;
  /** Stops accepting connections, lets answers finish for `graceMs` (default 10,000), then closes the rest. */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** Starts `handler` on Node's `http` and resolves once it listens (after the docs are indexed). */
export async function serve(handler: ConfabHandler, options: ServeOptions = {}): Promise<RunningServer> {
  await handler.ready;
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      connectionsCheckingInterval: options.checkIntervalMs ?? 1_000,
    },
    toNodeListener(handler),
  );
  server.maxConnections = options.maxConnections ?? 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close({ graceMs = 10_000 } = {}) {
      closed ??= (async () => {
        let done = false;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve())).then(() => (done = true));
        // Keep-alive connections whose answers have ended are closed as they fall idle.
        const sweeper = setInterval(() => server.closeIdleConnections(), 50);
        try {
          await handler.close({ graceMs });
          for (let waited = 0; !done && waited < 1_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
        } finally {
          clearInterval(sweeper);
        }
        server.closeAllConnections();
        await stopped;
      })();
      return closed;
    },
  };
}
