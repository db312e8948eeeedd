// Languages written right to left by default (CLDR's likely scripts), including the
// deprecated codes browsers still report (`iw`, `ji`).
const RTL_LANGUAGES = new Set([
  'ar', 'arc', 'azb', 'ckb', 'dv', 'fa', 'he', 'iw', 'ji', 'ks', 'lrc', 'mzn', 'nqo', 'prs', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi',
]);

// Right-to-left scripts (ISO 15924): a script subtag overrides the language's default, so
// `az-Arab` is RTL and `ar-Latn` is not.
const RTL_SCRIPTS = new Set(['adlm', 'arab', 'hebr', 'mand', 'nkoo', 'rohg', 'samr', 'syrc', 'thaa']);

/**
 * Whether `lang` (a BCP 47 tag such as `ar-EG` or `az-Arab`) is written right to left.
 * Knows every RTL language, not only the built-in translations: the layout flips even when
 * the strings fall back to English.
 */
export function isRtl(lang: string | undefined): boolean {
  if (!lang) return false;
  const [language = '', ...subtags] = lang.toLowerCase().split(/[-_]/);
  for (const subtag of subtags) {
    // A singleton (`-u-`, `-x-`) starts extensions, whose values (`nu-arab`) are not scripts.
    if (subtag.length === 1) break;
    if (/^[a-z]{4}$/.test(subtag)) return RTL_SCRIPTS.has(subtag);
  }
  return RTL_LANGUAGES.has(language);
}
