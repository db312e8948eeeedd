/**
 * The npm entries of `dist/` import their dependencies by bare name (`idb-keyval`, …), as
 * libraries do, so a page cannot load `dist/sdk.js` directly: an app's bundler resolves
 * them. The bench builds such an app once per run, the way budgets.ts builds its consumer
 * bundle (Vite, production): a module that re-exports what the bench pages use from
 * `confab-chat/sdk`, written to `bench/out/sdk-app/` and served at {@link SDK_APP_URL}.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { DIST, ROOT } from '../../test/acceptance/support/acceptance-server';

export const SDK_APP_DIR = join(ROOT, 'bench', 'out', 'sdk-app');
/** Where the page imports it from, once mounted at `/sdk-app/`. */
export const SDK_APP_URL = '/sdk-app/confab-sdk.js';

/** What the bench pages import from the built module. */
export type SdkApp = Pick<typeof import('../../src/sdk/index'), 'createAnalytics' | 'createChatStore'>;

export async function buildSdkApp(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'confab-bench-app-'));
  try {
    const entry = join(dir, 'entry.js');
    await writeFile(entry, "export { createAnalytics, createChatStore } from 'confab-chat/sdk';\n");
    await mkdir(SDK_APP_DIR, { recursive: true });
    await build({
      configFile: false,
      logLevel: 'silent',
      mode: 'production',
      root: dir,
      resolve: { alias: { 'confab-chat/sdk': join(DIST, 'sdk.js') } },
      build: { outDir: SDK_APP_DIR, emptyOutDir: true, lib: { entry, formats: ['es'], fileName: () => 'confab-sdk.js' } },
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
