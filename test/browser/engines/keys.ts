/**
 * Key presses as the tests write them (Playwright's names: `Enter`, `Shift+Tab`,
 * `Control+A`), split for the drivers that press modifiers and keys one by one.
 */

export const MODIFIERS = ['Shift', 'Control', 'Alt', 'Meta'] as const;
export type Modifier = (typeof MODIFIERS)[number];

/** A key press: the modifiers held, and the key. */
export interface Chord {
  modifiers: Modifier[];
  key: string;
}

/** `Shift+Tab` → `{ modifiers: ['Shift'], key: 'Tab' }`; a single character stays as it is (`+` too). */
export function parseChord(keys: string): Chord {
  const parts = keys.length > 1 ? keys.split('+') : [keys];
  const key = parts.pop() || '+';
  for (const part of parts) {
    if (!(MODIFIERS as readonly string[]).includes(part)) throw new Error(`"${part}" in "${keys}" is not a modifier (${MODIFIERS.join(', ')}).`);
  }
  return { modifiers: parts as Modifier[], key };
}

/** The WebDriver key values (WebDriver spec, "Keyboard actions") of the named keys the tests press. */
export const WEBDRIVER_KEYS: Record<string, string> = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Space: ' ',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
  Meta: '\uE03D',
};

/** The WebDriver value of `key`: a named key, or a single character as itself. */
export function webDriverKey(key: string): string {
  const value = WEBDRIVER_KEYS[key] ?? (key.length === 1 ? key : undefined);
  if (value === undefined) throw new Error(`The key "${key}" has no WebDriver value here: add it to WEBDRIVER_KEYS.`);
  return value;
}
