import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import packageJson from './package.json' with { type: 'json' };

const root = import.meta.dirname;
const dependencies = Object.keys(packageJson.dependencies);

/**
 * Three builds into dist/, in this order (`npm run build`):
 * - default: the npm entries (`.`, `./sdk`, `./element`) as ES modules, dependencies left to
 *   the consumer's bundler so they are shared and deduplicated; the element loads its panel
 *   with a dynamic `import()`, which the consumer's bundler splits into a chunk;
 * - `--mode panel`: the script-tag build's panel (controller, store, outbox, markdown,
 *   components, with Preact and signals inside), one ES module named by its content hash,
 *   `confab-panel-<hash>.js`;
 * - `--mode embed`: `confab.js`, the loader: a self-registering classic script (the element,
 *   its settings, the launcher) that imports the panel of its own build from beside itself.
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

/** The panel chunk the panel build just wrote: the loader imports exactly this file. */
function builtPanelFile(): string {
  const files = readdirSync(resolve(root, 'dist')).filter((name) => /^confab-panel-[\w-]+\.js$/.test(name));
  if (files.length !== 1) throw new Error(`Expected one dist/confab-panel-<hash>.js, found ${files.length}: run \`npm run build\` (it empties dist/ first).`);
  return files[0]!;
}

// The script-tag builds are application builds: development-only code must go.
const production = { 'process.env.NODE_ENV': JSON.stringify('production') };

const panelBuild: UserConfig = {
  oxc: classicJsx,
  define: production,
  build: {
    emptyOutDir: false,
    sourcemap: true,
    rolldownOptions: {
      input: resolve(root, 'src/widget/panel/create-panel.ts'),
      preserveEntrySignatures: 'strict',
      // One file beside confab.js, the SDK's own on-demand parts (the outbox's sending code)
      // inside it: the panel loads at idle, and the outbox must be able to send from then on.
      output: { format: 'es', entryFileNames: 'confab-panel-[hash].js', codeSplitting: false },
    },
  },
};

const embedBuild = (): UserConfig => ({
  define: { ...production, __CONFAB_PANEL_FILE__: JSON.stringify(builtPanelFile()) },
  resolve: { alias: [{ find: /^\.\/load-panel$/, replacement: resolve(root, 'src/widget/load-panel-embed.ts') }] },
  build: {
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: resolve(root, 'src/widget/embed.ts'), formats: ['iife'], name: 'confabEmbed', fileName: () => 'confab.js' },
  },
});

export default defineConfig(({ mode }) =>
  mode === 'panel'
    ? panelBuild
    : mode === 'embed'
    ? embedBuild()
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
