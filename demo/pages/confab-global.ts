/**
 * The script-tag entry's global, `window.confab` (issue 4, "Ways to embed"). Read through
 * this accessor rather than a `Window` declaration, so the demo does not clash with the
 * widget's own typing of it.
 */

/** What `/confab.js` puts on `window.confab`. */
export interface ConfabGlobal {
  open(): void;
  close(): void;
  send(text: string): unknown;
  /** The mounted `<confab-chat>`. */
  element?: HTMLElement | null | undefined;
}

/** `window.confab`, or undefined before (or without) the script-tag entry. */
export function confabGlobal(): ConfabGlobal | undefined {
  return (window as unknown as { confab?: ConfabGlobal }).confab;
}

/** The widget the script tag mounted: `window.confab.element`, else the first `<confab-chat>`. */
export function embeddedWidget(): HTMLElement | null {
  return confabGlobal()?.element ?? document.querySelector('confab-chat');
}

/**
 * Wires every `[data-ask]` button to `window.confab.send(question)` and every
 * `[data-open-chat]` button to `window.confab.open()`.
 */
export function wireAskButtons(root: ParentNode = document): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-ask]')) {
    button.addEventListener('click', () => {
      const confab = confabGlobal();
      const question = button.dataset['ask'] ?? '';
      if (!confab) return console.warn('window.confab is not there yet: is /confab.js loaded?');
      confab.open();
      void confab.send(question);
    });
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-open-chat]')) {
    button.addEventListener('click', () => {
      const confab = confabGlobal();
      if (!confab) return console.warn('window.confab is not there yet: is /confab.js loaded?');
      confab.open();
    });
  }
}
