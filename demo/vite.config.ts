import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { confabBackend } from './server/vite-plugin';

const root = import.meta.dirname;

/**
 * `npm run demo`: the demo pages with the reference backends mounted on the same origin.
 * The analytics server keeps its data in demo/.data/ so logs survive restarts.
 */
export default defineConfig({
  root,
  server: { host: '127.0.0.1', port: 5173 },
  plugins: [confabBackend({ analytics: { dataPath: resolve(root, '.data/analytics.json') } })],
});
