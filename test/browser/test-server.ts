import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import type { AnalyticsServer } from '../../demo/server/analytics/create-analytics-server';
import type { ReferenceServers } from '../../demo/server/reference-servers';
import { confabBackend } from '../../demo/server/vite-plugin';
import { createInitScriptServer, INIT_PATH, type InitScriptHost } from './engines/init-script-host';

/** The browser test pages and the reference backend on one origin (a Vite dev server on a free port). */
export interface TestServer {
  url: string;
  analytics: AnalyticsServer;
  /** The three reference servers (scripts and faults of the chat server, say). */
  servers: ReferenceServers;
  /** What the WebKit driver needs of the server (see engines/init-script-host.ts). */
  initScriptHost: InitScriptHost;
  /**
   * The network goes away (`true`) or comes back: every open connection is cut and every
   * new one dropped. The page is not told (`navigator.onLine` stays true).
   */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

/**
 * Serves the driver's init script, and puts its tag first in every page: Vite's HTML
 * transform does not see the request, so the tag is always there, and the script is empty
 * unless a WebKit context asks for it.
 */
function initScripts(scripts: ReturnType<typeof createInitScriptServer>): Plugin {
  return {
    name: 'engine-init-scripts',
    configureServer: (server) => void server.middlewares.use((req, res, next) => (scripts.handle(req, res) ? undefined : next())),
    transformIndexHtml: () => [{ tag: 'script', attrs: { src: INIT_PATH }, injectTo: 'head-prepend' }],
  };
}

export async function startTestServer(): Promise<TestServer> {
  let servers: ReferenceServers | undefined;
  const scripts = createInitScriptServer();
  const vite: ViteDevServer = await createServer({
    configFile: false,
    logLevel: 'error',
    root: resolve(import.meta.dirname, 'pages'),
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    plugins: [initScripts(scripts), confabBackend({ onReady: (ready) => (servers = ready) })],
  });
  const sockets = new Set<Socket>();
  let offline = false;
  vite.httpServer?.prependListener('connection', (socket: Socket) => {
    if (offline) return void socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  vite.httpServer?.prependListener('request', (req) => {
    if (offline) req.socket.destroy();
  });
  await vite.listen();
  const url = vite.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url || !servers) throw new Error('The test server did not start.');
  return {
    url,
    analytics: servers.analytics,
    servers,
    initScriptHost: scripts.host(url),
    setOffline(value) {
      offline = value;
      if (offline) for (const socket of sockets) socket.destroy();
    },
    close: () => vite.close(),
  };
}
