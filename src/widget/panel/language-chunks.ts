import { featureChunk, type FeatureChunk } from '../feature-chunk';
import { builtInLanguage, type LanguageModule, type PanelTexts, type Translated } from '../i18n';

/** The panel's languages other than English, each a chunk of its own: which are there, which to wait for. */
export interface LanguageChunks {
  /** The texts of each language loaded so far, for `resolveStrings`. */
  readonly loaded: Partial<Record<Translated, PanelTexts>>;
  /**
   * Loads the chunk of `lang`'s language (German for `de-AT`), unless it is English or not
   * built in, there, or loading. One whose last load failed is tried again only on a `retry`
   * (the panel opened, the language changed), not on every update.
   */
  want(lang: string | undefined, retry: boolean): void;
  /**
   * Whether the panel can render `lang`: in its own texts, or in English (not built in, or its
   * chunk failed). Not while its first load is under way: the panel then waits for it, rather
   * than showing English for a moment.
   */
  ready(lang: string | undefined): boolean;
}

/**
 * The language chunks of one panel: `load(language, attempt)` fetches one (the panel's, which
 * reports a failure as `confab-error` naming the file); `settled` runs when a load ends,
 * either way, so the panel renders in the language, or in English.
 */
export function languageChunks(load: (language: Translated, attempt: number) => Promise<LanguageModule>, settled: () => void): LanguageChunks {
  const loaded: Partial<Record<Translated, PanelTexts>> = {};
  const chunks = new Map<Translated, FeatureChunk<LanguageModule>>();
  /** Languages whose load runs now: `settled` runs once per load, however often it was asked for. */
  const loading = new Set<Translated>();
  const translated = (lang: string | undefined) => {
    const language = builtInLanguage(lang);
    return language === 'en' ? undefined : language;
  };
  const chunkOf = (language: Translated) => {
    let chunk = chunks.get(language);
    if (!chunk) chunks.set(language, (chunk = featureChunk((attempt) => load(language, attempt), (module) => (loaded[language] = module.texts))));
    return chunk;
  };
  return {
    loaded,
    want(lang, retry) {
      const language = translated(lang);
      if (!language || loading.has(language)) return;
      const chunk = chunkOf(language);
      if (chunk.module.peek() || (chunk.failed.peek() && !retry)) return;
      loading.add(language);
      void chunk.load().then(() => {
        loading.delete(language);
        settled();
      });
    },
    ready(lang) {
      const language = translated(lang);
      const chunk = language && chunks.get(language);
      return !language || Boolean(chunk && (chunk.module.peek() || chunk.failed.peek()));
    },
  };
}
