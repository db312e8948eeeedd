/**
 * The demo backend: one http.Server with the reference servers mounted side by side
 * (analytics at /api/analytics; the chat servers join the same list).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAnalyticsServer, type NextFunction } from './analytics/create-analytics-server';
import type { AnalyticsState } from './analytics/state';
import type { Faults } from './faults';
import { applyCors, pathOf, sendProblem } from './http-kit';
import type { Stats } from './stats';

/** Options of {@link startBackend}. */
export interface BackendOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** JSON file persisting the analytics state; absent → memory only. */
  dataPath?: string | undefined;
  /** Accepted analytics web integration keys. */
  webKeys?: readonly string[] | undefined;
  /** Accepted analytics API integration keys. */
  apiKeys?: readonly string[] | undefined;
}

/** A running backend. */
export interface Backend {
  /** `http://HOST:PORT`, no trailing slash. */
  url: string;
  analytics: {
    /** `{url}/api/analytics`: the SDK's `baseUrl`. */
    baseUrl: string;
    faults: Faults;
    state: AnalyticsState;
    stats: Stats;
    reset(): void;
  };
  /** Stops listening, drops open connections and flushes persisted state. */
  close(): Promise<void>;
}

/** A mounted server: handles its own paths and passes the rest to `next`. */
type Mounted = (req: IncomingMessage, res: ServerResponse, next: NextFunction) => unknown;

/** Starts the backend and resolves once it listens. */
export async function startBackend(options: BackendOptions = {}): Promise<Backend> {
  const { port = 0, host = '127.0.0.1' } = options;
  const analytics = createAnalyticsServer({
    basePath: '/api/analytics',
    dataPath: options.dataPath,
    ...(options.webKeys ? { webKeys: options.webKeys } : {}),
    ...(options.apiKeys ? { apiKeys: options.apiKeys } : {}),
  });
  const mounted: Mounted[] = [analytics.handle];

  const server = createServer((req, res) => {
    const run = (index: number): void => {
      const handler = mounted[index];
      if (!handler) {
        applyCors(res);
        sendProblem(req, res, 404, `No route matches ${req.method ?? 'GET'} ${pathOf(req)}`);
        return;
      }
      void handler(req, res, () => run(index + 1));
    };
    run(0);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A TCP listen (not a pipe) always reports an AddressInfo.
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url,
    analytics: {
      baseUrl: `${url}${analytics.basePath}`,
      faults: analytics.faults,
      state: analytics.state,
      stats: analytics.stats,
      reset: analytics.reset,
    },
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets (fetch keeps them) would hold close() open for seconds.
        server.closeAllConnections();
      });
      await analytics.close();
    },
  };
}
