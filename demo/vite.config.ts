import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { confabBackend } from './server/vite-plugin';

const root = import.meta.dirname;
const src = resolve(root, '../src');

/** The demo pages, one HTML file each in demo/ (Vite serves them all in dev; listed for `vite build`). */
const pages = ['index', 'spa', 'inline', 'pulse', 'inspector', 'sdk', 'handoff'];

/**
 * `/confab.js` in a page is the script-tag bundle (`dist/confab.js` once built). In dev it is
 * served from its source, `src/widget/embed.ts`, so a page embeds the widget exactly as a
 * site would: `<script type="module" src="/confab.js" data-…>`.
 */
function confabScript(): Plugin {
  const embed = resolve(src, 'widget/embed.ts');
  return {
    name: 'confab-script',
    enforce: 'pre',
    resolveId(id) {
      // Vite may append a query (`?import`, `?t=`) when it re-requests the module.
      return id.split('?')[0] === '/confab.js' ? embed : null;
    },
  };
}

/**
 * `npm run demo`: the demo pages with the reference backends mounted on the same origin.
 * The analytics and Dixa servers keep their data in demo/.data/ so logs survive restarts,
 * and a restarted Dixa never hands out a conversation id a visitor's browser still holds.
 */
export default defineConfig({
  root,
  resolve: {
    // The SPA page imports confab as an npm user would; these point the package's public
    // entries at their sources. Exact matches, so `confab-chat` does not swallow `confab-chat/sdk`.
    alias: [
      { find: /^confab-chat$/, replacement: resolve(src, 'index.ts') },
      { find: /^confab-chat\/element$/, replacement: resolve(src, 'element.ts') },
      { find: /^confab-chat\/sdk$/, replacement: resolve(src, 'sdk/index.ts') },
    ],
  },
  server: { host: '127.0.0.1', port: 5173 },
  build: {
    rolldownOptions: { input: Object.fromEntries(pages.map((page) => [page, resolve(root, `${page}.html`)])) },
  },
  plugins: [
    confabScript(),
    confabBackend({ analytics: { dataPath: resolve(root, '.data/analytics.json') }, dixa: { dataPath: resolve(root, '.data/dixa.json') } }),
  ],
});
