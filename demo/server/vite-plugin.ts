/**
 * The reference backends as a Vite plugin: `npm run demo` and the browser tests serve the
 * pages and the APIs from one origin, so no CORS or second port is involved.
 */
import type { Plugin } from 'vite';
import { createReferenceServers, type ReferenceServers, type ReferenceServersOptions } from './reference-servers';

/** Options of {@link confabBackend}. */
export interface ConfabBackendPluginOptions extends ReferenceServersOptions {
  /** Receives the mounted servers, e.g. so a test can inject faults. */
  onReady?: (servers: ReferenceServers) => void;
}

/** Mounts the reference servers (analytics, OpenAI-compatible chat, PulseAI, Dixa) in Vite's dev and preview servers. */
export function confabBackend(options: ConfabBackendPluginOptions = {}): Plugin {
  let servers: ReferenceServers | undefined;
  const mount = (middlewares: { use: (handler: ReferenceServers['handle']) => unknown }) => {
    servers ??= createReferenceServers(options);
    middlewares.use(servers.handle);
    options.onReady?.(servers);
  };
  return {
    name: 'confab-backend',
    configureServer: (server) => mount(server.middlewares),
    configurePreviewServer: (server) => mount(server.middlewares),
    async buildEnd() {
      await servers?.close();
    },
  };
}
