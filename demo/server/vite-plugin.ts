/**
 * The reference backends and the demo's confab server as a Vite plugin: `npm run demo`
 * serves the pages, the confab server (`/api/confab`) and the stand-ins for the
 * third-party APIs from one origin, so the pages need no CORS and no key.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Plugin } from 'vite';
import { toNodeListener, type ConfabHandler } from '../../src/server';
import { createDemoConfab, DEMO_CONFAB_PATH } from './demo-confab';
import { createReferenceServers, type ReferenceServers, type ReferenceServersOptions } from './reference-servers';

/** Options of {@link confabBackend}. */
export interface ConfabBackendPluginOptions extends ReferenceServersOptions {
  /** Receives the mounted servers, e.g. so a test can inject faults. */
  onReady?: (servers: ReferenceServers) => void;
}

/** Mounts the reference servers (analytics, OpenAI-compatible chat, PulseAI, Dixa) in Vite's dev and preview servers. */
export function confabBackend(options: ConfabBackendPluginOptions = {}): Plugin {
  let servers: ReferenceServers | undefined;
  let confab: ConfabHandler | undefined;
  type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  const mount = (middlewares: { use: (handler: Middleware) => unknown }, httpServer: { address(): AddressInfo | string | null } | null) => {
    servers ??= createReferenceServers(options);
    let listener: ReturnType<typeof toNodeListener> | undefined;
    // The confab server reaches the reference servers over HTTP, as a site reaches the real
    // APIs: it is made on the first request, when the dev server's port is known.
    middlewares.use((req, res, next) => {
      if (req.url !== DEMO_CONFAB_PATH && !req.url?.startsWith(`${DEMO_CONFAB_PATH}/`)) return next();
      const address = httpServer?.address();
      if (!listener && address && typeof address === 'object') {
        confab = createDemoConfab({ referenceUrl: `http://127.0.0.1:${address.port}` });
        listener = toNodeListener(confab);
      }
      if (listener) listener(req, res);
      else next();
    });
    middlewares.use(servers.handle);
    options.onReady?.(servers);
  };
  return {
    name: 'confab-backend',
    configureServer: (server) => mount(server.middlewares, server.httpServer),
    configurePreviewServer: (server) => mount(server.middlewares, server.httpServer),
    async buildEnd() {
      await confab?.close({ graceMs: 0 });
      await servers?.close();
    },
  };
}
