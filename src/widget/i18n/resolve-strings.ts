import { isRtl } from './is-rtl';
import { LAUNCHER_TRANSLATIONS, type LauncherText } from './launcher-translations';
import type { DeepPartial, Strings } from './strings';
import { LANGUAGES, textsIn, TRANSLATIONS } from './translations';

/** The texts for a language and its writing direction; see {@link resolveStrings}. */
export interface ResolvedStrings<T = Strings> {
  strings: T;
  /** The language as asked (for the host's `lang` attribute), `en` when none was. */
  lang: string;
  dir: 'ltr' | 'rtl';
}

function resolveIn<T>(table: object, lang: string | undefined, overrides: unknown): ResolvedStrings<T> {
  const asked = lang?.trim() || 'en';
  const primary = asked.split(/[-_]/)[0]?.toLowerCase() ?? '';
  // Not built in: English, the first column.
  const column = Math.max(0, LANGUAGES.indexOf(primary));
  return { strings: textsIn(column, overrides, table) as T, lang: asked, dir: isRtl(asked) ? 'rtl' : 'ltr' };
}

/**
 * The texts for `lang`, chosen by its primary subtag (`de-AT` → German), English for a
 * language that is not built in, with `overrides` merged in key by key (`reasons` too).
 * The direction follows `lang` itself, so Hebrew is laid out right to left even with the
 * English fallback texts.
 */
export function resolveStrings(lang: string | undefined, overrides?: DeepPartial<Strings>): ResolvedStrings {
  return resolveIn(TRANSLATIONS, lang, overrides);
}

/** {@link resolveStrings} for the few texts the loader shows, without the panel's. */
export function resolveLauncherStrings(lang: string | undefined, overrides?: DeepPartial<Strings>): ResolvedStrings<Pick<Strings, LauncherText>> {
  return resolveIn(LAUNCHER_TRANSLATIONS, lang, overrides);
}
