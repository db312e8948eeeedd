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

/** The content hashes of the chunks the panel build just wrote, by name: the loader imports exactly these files. */
function builtChunkHashes(): Record<string, string> {
  const names = readdirSync(resolve(root, 'dist'));
  return Object.fromEntries(
    Object.keys(PANEL_ENTRIES).map((name) => {
      const files = names.filter((file) => new RegExp(`^confab-${name}-[\\w-]+\\.js$`).test(file));
      if (files.length !== 1) throw new Error(`Expected one dist/confab-${name}-<hash>.js, found ${files.length}: run \`npm run build\` (it empties dist/ first).`);
      return [name, files[0]!.slice(`confab-${name}-`.length, -'.js'.length)];
    }),
  );
}

// The script-tag builds are application builds: development-only code must go.
const production = { 'process.env.NODE_ENV': JSON.stringify('production') };

/**
 * The modules the panel's entry reaches through static imports alone: the core chunk. Whatever
 * only a feature's entry (the handoff, logging) or a dynamic `import()` reaches (the outbox's sending
 * code, a language, the conversation list) is left out, so it lands in a chunk of its own,
 * loaded when it is wanted. Filled once the module graph is complete, before chunks are made.
 */
function panelCore(entry: string) {
  const reached = new Set<string>();
  return {
    reached,
    plugin: {
      name: 'confab-panel-core',
      buildEnd(this: { getModuleInfo(id: string): { importedIds: readonly string[] } | null }) {
        const visit = (id: string) => {
          if (reached.has(id)) return;
          reached.add(id);
          for (const imported of this.getModuleInfo(id)?.importedIds ?? []) visit(imported);
        };
        visit(entry);
      },
    },
  };
}

/** The panel's texts in each language other than English, a chunk each, loaded where a page is in it. */
const LANGUAGE_ENTRIES = {
  de: resolve(root, 'src/widget/i18n/de.ts'),
  ar: resolve(root, 'src/widget/i18n/ar.ts'),
};

/** The script-tag build's chunks the loader imports (src/widget/load-panel.ts names the same). */
const PANEL_ENTRIES: Record<string, string> = {
  panel: resolve(root, 'src/widget/panel/create-panel.ts'),
  analytics: resolve(root, 'src/widget/analytics-module.ts'),
  handoff: resolve(root, 'src/widget/handoff/handoff-module.ts'),
  pulse: resolve(root, 'src/widget/pulse-module.ts'),
  ...LANGUAGE_ENTRIES,
  'conversation-list': resolve(root, 'src/widget/components/conversation-list.tsx'),
};

const core = panelCore(PANEL_ENTRIES.panel!);

const panelBuild: UserConfig = {
  // Vite's transform puts `jsxInject` into every TS file, not only TSX: a language's chunk, plain
  // texts, would import the core for Preact. Rolldown strips their types itself.
  oxc: { ...classicJsx, exclude: [/\.js$/, ...Object.values(LANGUAGE_ENTRIES)] },
  define: production,
  plugins: [core.plugin],
  build: {
    emptyOutDir: false,
    sourcemap: true,
    // Built as a library: an app build wraps every dynamic import() in Vite's preload helper
    // (1.7 KB), which would resolve a chunk's dependencies against the page's root, not against
    // the chunks beside confab.js, and `modulePreload: false` does not remove it (vitejs/vite
    // #18551). A library keeps pure annotations and whitespace for the app that bundles it
    // again; these chunks are the end of the line, so they are minified without comments.
    lib: { entry: PANEL_ENTRIES, formats: ['es'], fileName: () => 'confab-[name]-[hash:6].js' },
    rolldownOptions: {
      preserveEntrySignatures: 'strict',
      output: {
        format: 'es',
        minify: true,
        comments: false,
        entryFileNames: 'confab-[name]-[hash:6].js',
        chunkFileNames: 'confab-[name]-[hash:6].js',
        // The panel's code, and everything a feature shares with it, in one core chunk. The
        // panel's entry is a two-line file that imports it, so the loader's Retry (a new query
        // on the entry) never loads a second core beside the one the features import.
        codeSplitting: { groups: [{ name: 'core', test: (id) => core.reached.has(id) }] },
      },
    },
  },
};

const embedBuild = (): UserConfig => ({
  define: { ...production, __CONFAB_CHUNK_HASHES__: JSON.stringify(builtChunkHashes()) },
  resolve: { alias: [{ find: /^\.\/load-panel$/, replacement: resolve(root, 'src/widget/load-panel-embed.ts') }] },
  build: {
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: resolve(root, 'src/widget/embed.ts'), formats: ['iife'], name: 'confabEmbed', fileName: () => 'confab.js' },
    // V8's explicit compile hint (Chrome 136+; other engines read a comment): the loader's
    // functions nearly all run before the launcher's first paint, so V8 compiles them while
    // the script streams in, off the main thread, rather than one by one on it as each is
    // first called. bench/startup-trace.ts: the main thread's compiling before the launcher's
    // paint fell from about 2.0 to 0.5 ms.
    rolldownOptions: { output: { postBanner: '//# allFunctionsCalledOnLoad' } },
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
