import type { LauncherText } from './launcher-translations';
import type { Strings } from './strings';

/**
 * The built-in languages, in the order of every {@link Row}:
 * - `en`: English, the fallback for every language that is not built in (en.ts, in the panel);
 * - `de`: German, addressing the reader formally ("Sie") throughout, as most German product UIs do (de.ts);
 * - `ar`: Arabic (Modern Standard Arabic); the widget lays out right to left for it (ar.ts).
 */
export const LANGUAGES: readonly string[] = ['en', 'de', 'ar'];

/** A built-in language other than English: the panel's texts in it are a chunk of their own, loaded where a page is in it. */
export type Translated = 'de' | 'ar';

/** One text in every built-in language: a language missing from a row is a type error. */
export type Row = readonly [en: string, de: string, ar: string];

/** Every text of the panel but the loader's few, which launcher-translations.ts holds in every language. */
export type PanelTexts = Omit<Strings, LauncherText>;

/** What a language's chunk (de.ts, ar.ts) exports. */
export interface LanguageModule {
  texts: PanelTexts;
}

/** The texts of the language at `index` of {@link LANGUAGES} in a table of {@link Row}s. */
export function column<K extends string>(table: { readonly [key in K]: Row }, index: number): Record<K, string> {
  return Object.fromEntries(Object.entries<Row>(table).map(([key, row]) => [key, row[index]])) as Record<K, string>;
}
