import { resolve } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import type { AnalyticsServer } from '../../demo/server/analytics/create-analytics-server';
import { confabBackend } from '../../demo/server/vite-plugin';

/** The browser test pages and the reference backend on one origin (a Vite dev server on a free port). */
export async function startTestServer(): Promise<{ url: string; analytics: AnalyticsServer; close: () => Promise<void> }> {
  let analytics: AnalyticsServer | undefined;
  const vite: ViteDevServer = await createServer({
    configFile: false,
    logLevel: 'error',
    root: resolve(import.meta.dirname, 'pages'),
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    plugins: [confabBackend({ onReady: (servers) => (analytics = servers.analytics) })],
  });
  await vite.listen();
  const url = vite.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url || !analytics) throw new Error('The test server did not start.');
  return { url, analytics, close: () => vite.close() };
}
