import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import packageJson from './package.json' with { type: 'json' };

const root = import.meta.dirname;
const dependencies = Object.keys(packageJson.dependencies);

/**
 * Two builds into dist/:
 * - default: the npm entries (`.`, `./sdk`, `./element`) as ES modules, dependencies left to
 *   the consumer's bundler so they are shared and deduplicated;
 * - `--mode embed`: `confab.js`, one self-registering classic script with everything inside,
 *   for a `<script src>` on any page.
 */
/**
 * The script-tag build compiles JSX to Preact's `h(type, props, ...children)` rather than the
 * automatic runtime's `jsx(type, { ...props, children: [...] })`: no `children` key and
 * array per element, and no jsx-runtime module, ~330 B gzip off confab.js. Type checking
 * still uses tsconfig's `react-jsx` (the JSX types are the same), and vitest.config.ts
 * compiles alike. Not for the npm build: there the injected `import { h, Fragment } from
 * 'preact'` makes rolldown keep a bare `import "preact"` in every module, the SDK's too, and
 * an app that only logs would load Preact.
 */
export const classicJsx = {
  jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment', development: false },
  jsxInject: "import { h, Fragment } from 'preact'",
} as const;

export default defineConfig(({ mode }) =>
  mode === 'embed'
    ? {
        oxc: classicJsx,
        // The script-tag build is an application build: development-only code must go.
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          emptyOutDir: false,
          sourcemap: true,
          lib: { entry: resolve(root, 'src/widget/embed.ts'), formats: ['iife'], name: 'confabEmbed', fileName: () => 'confab.js' },
        },
      }
    : {
        build: {
          sourcemap: true,
          lib: {
            entry: {
              index: resolve(root, 'src/index.ts'),
              sdk: resolve(root, 'src/sdk/index.ts'),
              element: resolve(root, 'src/element.ts'),
            },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
          rolldownOptions: {
            external: (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`)),
            // One output module per source module: with `sideEffects` limited to the
            // registering entries, a consumer's bundler drops whole unused modules (the zod
            // schemas, when only the outbox is used).
            output: { preserveModules: true, preserveModulesRoot: 'src' },
          },
        },
      },
);
