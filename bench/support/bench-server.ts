/**
 * The benchmarks' web server: the acceptance suite's server (the built `dist/` as static files,
 * the reference servers on the same origin) with the bench pages under `/bench/` and an app
 * module built on `dist/sdk.js` under `/sdk-app/` (see sdk-app.ts). The chaos run starts it on
 * its own; the other benchmarks through harness.ts.
 */
import { join } from 'node:path';
import { startAcceptanceServer, type AcceptanceServer } from '../../test/acceptance/support/acceptance-server';
import { buildSdkApp, SDK_APP_DIR } from './sdk-app';

export async function startBenchServer(): Promise<AcceptanceServer> {
  await buildSdkApp();
  const server = await startAcceptanceServer();
  server.mount('bench', join(import.meta.dirname, '..', 'pages'));
  server.mount('sdk-app', SDK_APP_DIR);
  return server;
}
