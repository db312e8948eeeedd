import { describe, expect, it } from 'vitest';
import { texts as arabic } from '../../../src/widget/i18n/ar';
import { texts as german } from '../../../src/widget/i18n/de';
import { LAUNCHER_TRANSLATIONS } from '../../../src/widget/i18n/launcher-translations';
import { column } from '../../../src/widget/i18n/translations';
import { en, resolveStrings, type DeepPartial, type Strings } from '../../../src/widget/i18n';

// German and Arabic are chunks of their own: the panel passes those loaded so far.
const loaded = { de: german, ar: arabic };
const de: Strings = { ...column(LAUNCHER_TRANSLATIONS, 1), ...german };
const ar: Strings = { ...column(LAUNCHER_TRANSLATIONS, 2), ...arabic };

describe('resolveStrings: language', () => {
  const rows = [
    { asked: 'en', strings: en, lang: 'en', dir: 'ltr' },
    { asked: 'en-GB', strings: en, lang: 'en-GB', dir: 'ltr' },
    { asked: 'de', strings: de, lang: 'de', dir: 'ltr' },
    { asked: 'de-AT', strings: de, lang: 'de-AT', dir: 'ltr' },
    { asked: 'DE-ch', strings: de, lang: 'DE-ch', dir: 'ltr' },
    { asked: 'de_DE', strings: de, lang: 'de_DE', dir: 'ltr' },
    { asked: 'ar', strings: ar, lang: 'ar', dir: 'rtl' },
    { asked: 'ar-EG', strings: ar, lang: 'ar-EG', dir: 'rtl' },
    { asked: 'he', strings: en, lang: 'he', dir: 'rtl' },
    { asked: 'fa-IR', strings: en, lang: 'fa-IR', dir: 'rtl' },
    { asked: 'ur', strings: en, lang: 'ur', dir: 'rtl' },
    { asked: 'xx', strings: en, lang: 'xx', dir: 'ltr' },
    { asked: 'fr-CA', strings: en, lang: 'fr-CA', dir: 'ltr' },
    { asked: 'constructor', strings: en, lang: 'constructor', dir: 'ltr' },
    { asked: '  de  ', strings: de, lang: 'de', dir: 'ltr' },
    { asked: '', strings: en, lang: 'en', dir: 'ltr' },
    { asked: undefined, strings: en, lang: 'en', dir: 'ltr' },
  ].map((row, index) => ({ n: index + 1, ...row }));

  it.each(rows)('row $n: $asked → $lang, $dir', ({ asked, strings, lang, dir }) => {
    expect(resolveStrings(asked, undefined, loaded)).toEqual({ strings, lang, dir });
  });

  it.each(rows)('row $n without German and Arabic loaded: $asked → English texts, still $dir', ({ asked, lang, dir }) => {
    expect(resolveStrings(asked)).toEqual({ strings: en, lang, dir });
  });

  it('returns a copy, so changing it does not change the built-in texts', () => {
    const { strings } = resolveStrings('en');
    strings.title = 'Changed';
    strings.reasons.unrelated_response = 'Changed';
    expect(en.title).toBe('Ask AI');
    expect(en.reasons.unrelated_response).toBe('Not related to my question');
  });
});

describe('resolveStrings: overrides', () => {
  it('1: a top-level text replaces the language’s', () => {
    const { strings } = resolveStrings('de', { title: 'Hilfe' }, loaded);
    expect(strings).toEqual({ ...de, title: 'Hilfe' });
  });

  it('2: one reason replaces only that reason', () => {
    const { strings } = resolveStrings('en', { reasons: { inaccurate_code_snippet: 'Broken code' } });
    expect(strings.reasons).toEqual({ ...en.reasons, inaccurate_code_snippet: 'Broken code' });
    expect(strings.title).toBe(en.title);
  });

  it('3: overrides complete a language that is not built in', () => {
    const { strings, dir } = resolveStrings('he', { title: 'שאל את הבינה', send: 'שלח' });
    expect(strings).toEqual({ ...en, title: 'שאל את הבינה', send: 'שלח' });
    expect(dir).toBe('rtl');
  });

  it('4: undefined entries keep the language’s text', () => {
    expect(resolveStrings('en', { title: undefined, reasons: undefined }).strings).toEqual(en);
  });

  it('5: an empty string is a deliberate override', () => {
    expect(resolveStrings('en', { welcome: '' }).strings.welcome).toBe('');
  });

  it('6: values of the wrong shape and unknown keys are skipped (plain JS callers)', () => {
    const overrides = { title: 42, reasons: 'none', tittle: 'x', send: null, copied: { a: 1 } } as unknown as DeepPartial<Strings>;
    expect(resolveStrings('en', overrides).strings).toEqual(en);
  });

  it('7: no overrides, or a non-object, changes nothing', () => {
    expect(resolveStrings('ar', {}, loaded).strings).toEqual(ar);
    expect(resolveStrings('ar', 'x' as unknown as DeepPartial<Strings>, loaded).strings).toEqual(ar);
  });
});
