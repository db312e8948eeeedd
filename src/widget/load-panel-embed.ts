import type { Chunks } from './load-panel';

declare const __CONFAB_CHUNK_HASHES__: { readonly [K in keyof Chunks]: string };

/**
 * A chunk of this very build, `confab-<name>-<hash>.js` (its content's hash): a cached loader
 * never meets a newer panel or feature. Every one sits beside confab.js.
 */
export const chunkFile = (name: keyof Chunks): string => `confab-${name}-${__CONFAB_CHUNK_HASHES__[name]}.js`;

// Read while confab.js is being evaluated: `currentScript` is this script then, and only then.
// The chunks sit next to it, wherever the site hosts it (a CDN, a path of its own). An inline
// copy of the script (no `src`) loads them from the page's base, as does an SVG `<script>`.
const base = (document.currentScript as HTMLScriptElement | null)?.src || document.baseURI;

/**
 * Loads a chunk next to confab.js: a module `import()`, which a classic script may use, which
 * `script-src 'self'` allows for a same-origin file, and which is no Trusted Types sink (no
 * `<script src>` to build). A retry asks for the file under a new query, because Firefox keeps
 * a failed module fetch in its module map for the page's life. The chunks share their code
 * through a core chunk they import by its plain name, so a retried entry never loads a second
 * copy of it.
 */
export function loadChunk<K extends keyof Chunks>(name: K, attempt: number): Promise<Chunks[K]> {
  const url = new URL(chunkFile(name), base);
  if (attempt > 0) url.searchParams.set('retry', String(attempt));
  return import(/* @vite-ignore */ url.href) as Promise<Chunks[K]>;
}
