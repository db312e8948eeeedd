import { CONFAB_TAG, defineConfabChat } from './define';
import { CONFIG_ATTRIBUTES } from './config';
import type { ConfabChatElement } from './element';

/** `window.confab`: the widget a script tag mounted. */
export interface ConfabGlobal {
  element: ConfabChatElement;
  open(): void;
  close(): void;
  send(text: string): Promise<void>;
}

declare global {
  interface Window {
    confab?: ConfabGlobal;
  }
}

// The script-tag entry (`dist/confab.js`, the loader): registers <confab-chat>, then mounts one
// widget configured by this script's data-* attributes (data-chat-url, data-model, …); the
// element loads the panel's chunk from beside this script (load-panel-embed.ts). A module
// script has no `currentScript`, hence the lookup by name. Loading it twice is harmless:
// the registration is guarded and the second load finds `window.confab` and stops.
// `window.confab` is ours only if it holds a registered widget: any element with
// id="confab" (a heading's anchor) is also `window.confab`, by the named-access rule of
// HTML, and must not stop the mount (DOM clobbering).
const script = document.currentScript ?? document.querySelector('script[src$="confab.js"]');

if (!(window.confab?.element instanceof defineConfabChat())) {
  const element = document.createElement(CONFAB_TAG);
  for (const name of CONFIG_ATTRIBUTES) {
    const value = script?.getAttribute(`data-${name}`);
    if (value !== null && value !== undefined) element.setAttribute(name, value);
  }
  window.confab = { element, open: () => element.open(), close: () => element.close(), send: (text) => element.send(text) };
  const attach = () => document.body.append(element);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
}
