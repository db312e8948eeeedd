import { describe, expect, it } from 'vitest';
import { texts as ar } from '../../../src/widget/i18n/ar';
import { texts as de } from '../../../src/widget/i18n/de';
import { LAUNCHER_TRANSLATIONS } from '../../../src/widget/i18n/launcher-translations';
import { en, FEEDBACK_REASONS } from '../../../src/widget/i18n';

/** Every leaf as `path → text`, so key sets and placeholders compare at any depth. */
function leaves(value: object, prefix = ''): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'object' && item !== null) for (const [path, leaf] of leaves(item, `${prefix}${key}.`)) result.set(path, leaf);
    else result.set(`${prefix}${key}`, item);
  }
  return result;
}

const placeholders = (text: unknown): string[] => (String(text).match(/\{\w+\}/g) ?? []).sort();
const english = leaves(en);
// Each language's chunk holds every text but the loader's, which launcher-translations.ts holds.
const launcherKeys = Object.keys(LAUNCHER_TRANSLATIONS);
const languages = [
  { n: 1, name: 'de', strings: de },
  { n: 2, name: 'ar', strings: ar },
];

describe('built-in languages', () => {
  // Every language has every key: the translation table's rows are typed [en, de, ar].
  it.each(languages)('row $n: $name has no empty or untranslated-looking texts', ({ strings }) => {
    for (const [path, text] of leaves(strings)) {
      expect(typeof text, path).toBe('string');
      expect((text as string).trim(), path).not.toBe('');
    }
  });

  it.each(languages)('row $n: $name has exactly the keys of English but the loader’s, at every depth', ({ strings }) => {
    expect([...leaves(strings).keys()]).toEqual([...english.keys()].filter((path) => !launcherKeys.includes(path)));
  });

  it.each(languages)('row $n: $name keeps every placeholder of the English text', ({ strings }) => {
    for (const [path, text] of leaves(strings)) expect(placeholders(text), path).toEqual(placeholders(english.get(path)));
  });

  it('the reasons are the four standard labels, in FEEDBACK_REASONS order', () => {
    expect(Object.keys(en.reasons)).toEqual([...FEEDBACK_REASONS]);
  });

  it('every English text is a non-empty string', () => {
    for (const [path, text] of english) expect(typeof text === 'string' && text.length > 0, path).toBe(true);
  });
});
