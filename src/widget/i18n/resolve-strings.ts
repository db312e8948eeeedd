import { isRtl } from './is-rtl';
import type { DeepPartial, Strings } from './strings';
import { LANGUAGES, textsIn } from './translations';

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
  // Not built in: English, the first column.
  const column = Math.max(0, LANGUAGES.indexOf(primary));
  return { strings: textsIn(column, overrides), lang: asked, dir: isRtl(asked) ? 'rtl' : 'ltr' };
}
