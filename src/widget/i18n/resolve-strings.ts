import { ar } from './ar';
import { de } from './de';
import { en } from './en';
import { isRtl } from './is-rtl';
import type { DeepPartial, Strings } from './strings';

const BUILT_IN: Readonly<Record<string, Strings>> = { ar, de, en };

/** The texts for a language and its writing direction; see {@link resolveStrings}. */
export interface ResolvedStrings {
  strings: Strings;
  /** The language as asked (for the host's `lang` attribute), `en` when none was. */
  lang: string;
  dir: 'ltr' | 'rtl';
}

/**
 * The texts for `lang`, chosen by its primary subtag (`de-AT` → German), English for a
 * language that is not built in, with `overrides` merged in key by key (`reasons` too).
 * The direction follows `lang` itself, so Hebrew is laid out right to left even with the
 * English fallback texts.
 */
export function resolveStrings(lang: string | undefined, overrides?: DeepPartial<Strings>): ResolvedStrings {
  const asked = lang?.trim() || 'en';
  const primary = asked.split(/[-_]/)[0]?.toLowerCase() ?? '';
  // `hasOwn`, so that `lang="constructor"` cannot pick up Object.prototype.
  const base = Object.hasOwn(BUILT_IN, primary) ? BUILT_IN[primary] ?? en : en;
  return { strings: merge(base, overrides) as Strings, lang: asked, dir: isRtl(asked) ? 'rtl' : 'ltr' };
}

/**
 * A copy of `base` with the overrides that fit its shape: a string for a string, an object
 * for an object. Anything else (a typo'd key, a number, `null` from plain JS) is skipped,
 * so the widget never shows a hole; `parseConfig` reports those as problems.
 */
function merge(base: object, overrides: unknown): object {
  const given = (typeof overrides === 'object' && overrides !== null ? overrides : {}) as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  // Walks the base, not the overrides, so nested objects are copied too and unknown keys never enter.
  for (const [key, current] of Object.entries(base)) {
    const value = Object.hasOwn(given, key) ? given[key] : undefined;
    if (typeof current === 'object' && current !== null) result[key] = merge(current, value);
    else result[key] = typeof value === 'string' ? value : current;
  }
  return result;
}
