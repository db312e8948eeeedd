/**
 * The light/dark control of the demo pages: one choice (auto, light or dark), kept in
 * localStorage, applied to the page's own colours (`data-theme` on <html>, read by
 * site.css) and to the widget's `theme` attribute.
 */

/** The widget's `theme` values. */
export type ThemeChoice = 'auto' | 'light' | 'dark';

const STORAGE_KEY = 'confab-demo-theme';

function isTheme(value: unknown): value is ThemeChoice {
  return value === 'auto' || value === 'light' || value === 'dark';
}

/** The stored choice, `auto` when none (or storage is refused). */
export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isTheme(value) ? value : 'auto';
  } catch {
    return 'auto';
  }
}

/** Sets the page's colours; `auto` leaves them to prefers-color-scheme. */
export function applyPageTheme(choice: ThemeChoice): void {
  if (choice === 'auto') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = choice;
}

/**
 * Wires a `<select>` (auto/light/dark) to the page and to the widget. `widget()` finds the
 * element at the moment of the change (it may be mounted after this runs); the stored
 * choice is applied now and again once `<confab-chat>` is defined and mounted.
 */
export function setupThemeSelect(select: HTMLSelectElement, widget: () => Element | null | undefined): void {
  const apply = (choice: ThemeChoice) => {
    applyPageTheme(choice);
    widget()?.setAttribute('theme', choice);
  };
  const initial = storedTheme();
  select.value = initial;
  applyPageTheme(initial);
  if (initial !== 'auto') {
    widget()?.setAttribute('theme', initial);
    void customElements.whenDefined('confab-chat').then(() => requestAnimationFrame(() => apply(storedTheme())));
  }
  select.addEventListener('change', () => {
    const choice = isTheme(select.value) ? select.value : 'auto';
    try {
      localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Not kept across reloads; the page still switches.
    }
    apply(choice);
  });
}

/**
 * Copies the stored choice onto the script tag's `data-theme` before the embed reads its
 * `data-*`, so the widget starts in the page's theme. Call it from a module script placed
 * before `/confab.js` in the page (module scripts run in document order).
 */
export function presetScriptTheme(): void {
  const choice = storedTheme();
  const script = document.querySelector<HTMLScriptElement>('script[src$="confab.js"]');
  if (script && choice !== 'auto') script.dataset['theme'] = choice;
}
