/**
 * The reference backends as a Vite plugin: `npm run demo` and the browser tests serve the
 * pages and the APIs from one origin, so no CORS or second port is involved.
 */
import type { Plugin } from 'vite';
import { createAnalyticsServer, type AnalyticsServer, type AnalyticsServerOptions } from './analytics/create-analytics-server';

/** Options of {@link confabBackend}. */
export interface ConfabBackendPluginOptions {
  analytics?: AnalyticsServerOptions;
  /** Receives the mounted servers, e.g. so a test can inject faults. */
  onReady?: (servers: { analytics: AnalyticsServer }) => void;
}

/** Mounts the reference analytics API at `/api/analytics` of Vite's dev and preview servers. */
export function confabBackend(options: ConfabBackendPluginOptions = {}): Plugin {
  let analytics: AnalyticsServer | undefined;
  const mount = (middlewares: { use: (handler: AnalyticsServer['handle']) => unknown }) => {
    analytics ??= createAnalyticsServer({ basePath: '/api/analytics', ...options.analytics });
    middlewares.use(analytics.handle);
    options.onReady?.({ analytics });
  };
  return {
    name: 'confab-backend',
    configureServer: (server) => mount(server.middlewares),
    configurePreviewServer: (server) => mount(server.middlewares),
    async buildEnd() {
      await analytics?.close();
    },
  };
}
