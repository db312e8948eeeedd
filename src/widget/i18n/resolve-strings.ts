import { en } from './en';
import { isRtl } from './is-rtl';
import { LAUNCHER_TRANSLATIONS, type LauncherText } from './launcher-translations';
import type { DeepPartial, Strings } from './strings';
import { column, LANGUAGES, type PanelTexts, type Translated } from './translations';

/** The texts for a language and its writing direction; see {@link resolveStrings}. */
export interface ResolvedStrings<T = Strings> {
  strings: T;
  /** The language as asked (for the host's `lang` attribute), `en` when none was. */
  lang: string;
  dir: 'ltr' | 'rtl';
}

/** The built-in language `lang` is shown in, by its primary subtag (`de-AT` → `de`); `en` for one that is not built in. */
export function builtInLanguage(lang: string | undefined): 'en' | Translated {
  const primary = lang?.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return LANGUAGES.includes(primary) ? (primary as Translated) : 'en';
}

/**
 * `texts` with the overrides that fit their shape merged in key by key: a string for a text,
 * an object for `reasons`. Anything else (a typo'd key, a number, `null` from plain JS) is
 * skipped, so the widget never shows a hole; `parseConfig` reports those as problems. Always
 * a copy: changing it leaves the built-in texts as they are.
 */
function withOverrides<T extends object>(texts: T, overrides: unknown): T {
  const given = (typeof overrides === 'object' && overrides !== null ? overrides : {}) as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  // Walks the texts, not the overrides, so unknown keys never enter.
  for (const [key, text] of Object.entries(texts)) {
    const value = Object.hasOwn(given, key) ? given[key] : undefined;
    result[key] = typeof text === 'string' ? (typeof value === 'string' ? value : text) : withOverrides(text as object, value);
  }
  return result as T;
}

function resolveIn<T extends object>(lang: string | undefined, texts: (language: 'en' | Translated) => T, overrides: unknown): ResolvedStrings<T> {
  const asked = lang?.trim() || 'en';
  return { strings: withOverrides(texts(builtInLanguage(asked)), overrides), lang: asked, dir: isRtl(asked) ? 'rtl' : 'ltr' };
}

/**
 * The texts for `lang`, chosen by its primary subtag (`de-AT` → German), English for a
 * language that is not built in, with `overrides` merged in key by key (`reasons` too).
 * The direction follows `lang` itself, so Hebrew is laid out right to left even with the
 * English fallback texts. German and Arabic are chunks of their own: `loaded` holds those
 * loaded so far, and a language not among them is shown in English.
 */
export function resolveStrings(lang: string | undefined, overrides?: DeepPartial<Strings>, loaded: Partial<Record<Translated, PanelTexts>> = {}): ResolvedStrings {
  return resolveIn(
    lang,
    (language) => {
      const texts = language === 'en' ? undefined : loaded[language];
      return texts ? { ...column(LAUNCHER_TRANSLATIONS, LANGUAGES.indexOf(language)), ...texts } : en;
    },
    overrides,
  );
}

/** {@link resolveStrings} for the few texts the loader shows, without the panel's. */
export function resolveLauncherStrings(lang: string | undefined, overrides?: DeepPartial<Strings>): ResolvedStrings<Pick<Strings, LauncherText>> {
  return resolveIn(lang, (language) => column(LAUNCHER_TRANSLATIONS, LANGUAGES.indexOf(language)), overrides);
}
