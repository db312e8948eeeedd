import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import packageJson from './package.json' with { type: 'json' };

const root = import.meta.dirname;
const external = [...Object.keys(packageJson.dependencies), ...Object.keys(packageJson.peerDependencies)];

/**
 * The server build, into dist/server/: `confab-chat/server` (index.js) and the
 * `confab-chat` command (cli.js), ES modules for Node 20. Its own build, so nothing of it
 * can reach the browser bundles the main config makes; dependencies (zod, minisearch,
 * redis) and Node's modules stay imports.
 */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rolldownOptions: {
      input: { index: resolve(root, 'src/server/index.ts'), cli: resolve(root, 'src/server/cli/main.ts') },
      external: (id) => id.startsWith('node:') || builtinModules.includes(id) || external.some((name) => id === name || id.startsWith(`${name}/`)),
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/server-[hash].js',
        // npm links `bin` files as they are: the command needs its interpreter line.
        banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
});
