import type { PanelModule } from './load-panel';

declare const __CONFAB_PANEL_FILE__: string;

/** The panel's chunk of this very build (a content hash in its name): a cached loader never meets a newer panel. */
export const PANEL_FILE: string = __CONFAB_PANEL_FILE__;

// Read while confab.js is being evaluated: `currentScript` is this script then, and only then.
// The chunk sits next to it, wherever the site hosts it (a CDN, a path of its own).
const base = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : document.baseURI;

/**
 * Loads the panel's chunk next to confab.js: a module `import()`, which a classic script may
 * use, which `script-src 'self'` allows for a same-origin file, and which is no Trusted Types
 * sink (no `<script src>` to build). A retry asks for the file under a new query, because a
 * browser may keep a failed module fetch in its module map for the page's life.
 */
export function loadPanel(attempt: number): Promise<PanelModule> {
  const url = new URL(PANEL_FILE, base);
  if (attempt > 0) url.searchParams.set('retry', String(attempt));
  return import(/* @vite-ignore */ url.href) as Promise<PanelModule>;
}
