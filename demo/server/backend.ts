/**
 * The reference backend: one http.Server with the reference servers mounted side by side
 * (analytics at /api/analytics, OpenAI-compatible chat at /api/chat/v1, PulseAI at
 * /api/pulse/v1, the Dixa helpdesk at /api/dixa), and the demo's confab server at /api/confab in
 * front of them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener, type ConfabHandler, type ConfabHandlerOptions } from '../../src/server';
import type { RequestLog } from './analytics/request-log';
import type { AnalyticsState } from './analytics/state';
import type { ChatServer } from './chat/create-chat-server';
import type { DixaServer } from './dixa/create-dixa-server';
import { createDemoConfab, DEMO_CONFAB_PATH } from './demo-confab';
import type { Faults } from './faults';
import { applyCors, pathOf, sendProblem } from './http-kit';
import type { PulseServer } from './pulse/create-pulse-server';
import { createReferenceServers, type ReferenceServersOptions } from './reference-servers';
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
  /** Further options of the chat and PulseAI servers (pace, keys, upstream, …). */
  chat?: ReferenceServersOptions['chat'];
  pulse?: ReferenceServersOptions['pulse'];
  /** Options of the Dixa server (tokens, dataPath, …). */
  dixa?: ReferenceServersOptions['dixa'];
  /** The confab server's access log. Default: none. */
  confabLog?: ConfabHandlerOptions['log'];
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
    /** Every applied write, in the order it took effect (also `GET __log`). */
    requestLog: RequestLog;
    reset(): void;
  };
  /** The OpenAI-compatible chat server; `baseUrl` is what `openaiProvider` takes. */
  chat: ChatServer & { baseUrl: string };
  /** The PulseAI server; `baseUrl` is what `pulseProvider` takes. */
  pulse: PulseServer & { baseUrl: string };
  /** The Dixa server; `baseUrl` is the handoff client's Dixa base URL (paths start with `/v1/`). */
  dixa: DixaServer & { baseUrl: string };
  /** The demo's confab server; `baseUrl` is what the widget's `server` takes. */
  confab: { baseUrl: string; handler: ConfabHandler };
  /** Stops listening, drops open connections and flushes persisted state. */
  close(): Promise<void>;
}

/** Starts the backend and resolves once it listens. */
export async function startBackend(options: BackendOptions = {}): Promise<Backend> {
  const { port = 0, host = '127.0.0.1' } = options;
  const servers = createReferenceServers({
    analytics: {
      dataPath: options.dataPath,
      ...(options.webKeys ? { webKeys: options.webKeys } : {}),
      ...(options.apiKeys ? { apiKeys: options.apiKeys } : {}),
    },
    ...(options.chat ? { chat: options.chat } : {}),
    ...(options.pulse ? { pulse: options.pulse } : {}),
    ...(options.dixa ? { dixa: options.dixa } : {}),
  });
  const { analytics, chat, pulse, dixa } = servers;

  // Created once the port is known: it reaches the reference servers through it, as a site reaches the real APIs.
  let confab: ConfabHandler | undefined;
  let confabListener: ReturnType<typeof toNodeListener> | undefined;
  const server = createServer((req, res) => {
    if (confabListener && (req.url === DEMO_CONFAB_PATH || req.url?.startsWith(`${DEMO_CONFAB_PATH}/`))) {
      confabListener(req, res);
      return;
    }
    servers.handle(req, res, () => {
      applyCors(res);
      sendProblem(req, res, 404, `No route matches ${req.method ?? 'GET'} ${pathOf(req)}`);
    });
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
  const dixaToken = options.dixa?.tokens ? Object.keys(options.dixa.tokens)[0] : undefined;
  confab = createDemoConfab({ referenceUrl: url, analyticsApiKey: options.apiKeys?.[0], dixaToken, log: options.confabLog });
  await confab.ready;
  confabListener = toNodeListener(confab);

  return {
    url,
    analytics: {
      baseUrl: `${url}${analytics.basePath}`,
      faults: analytics.faults,
      state: analytics.state,
      stats: analytics.stats,
      requestLog: analytics.requestLog,
      reset: analytics.reset,
    },
    chat: Object.assign(chat, { baseUrl: `${url}${chat.basePath}` }),
    pulse: Object.assign(pulse, { baseUrl: `${url}${pulse.basePath}` }),
    dixa: Object.assign(dixa, { baseUrl: `${url}${dixa.basePath}` }),
    confab: { baseUrl: `${url}${DEMO_CONFAB_PATH}`, handler: confab },
    async close() {
      await confab?.close({ graceMs: 0 });
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets (fetch keeps them) would hold close() open for seconds.
        server.closeAllConnections();
      });
      await servers.close();
    },
  };
}
