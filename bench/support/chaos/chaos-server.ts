/**
 * The chaos run's web server on its own (bench/run.ts reuses the bench's): the acceptance
 * suite's server (the built `dist/`, the reference servers on the same origin) with the bench
 * pages under `/bench/` and the app module built on `dist/sdk.js` under `/sdk-app/`.
 */
import { join } from 'node:path';
import { startAcceptanceServer, type AcceptanceServer } from '../../../test/acceptance/support/acceptance-server';
import { buildSdkApp, SDK_APP_DIR } from '../sdk-app';

export async function startChaosServer(): Promise<AcceptanceServer> {
  await buildSdkApp();
  const server = await startAcceptanceServer();
  server.mount('bench', join(import.meta.dirname, '..', '..', 'pages'));
  server.mount('sdk-app', SDK_APP_DIR);
  return server;
}
