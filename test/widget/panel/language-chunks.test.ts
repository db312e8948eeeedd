// The panel's languages other than English, each a chunk of its own (src/widget/panel/language-chunks.ts):
// which languages need one, when the panel waits for it, and when a failed one is tried again.
import { describe, expect, it, vi } from 'vitest';
import { ConfabError } from '../../../src/sdk/http/errors';
import type { LanguageModule, Translated } from '../../../src/widget/i18n';
import { texts as arabic } from '../../../src/widget/i18n/ar';
import { texts as german } from '../../../src/widget/i18n/de';
import { languageChunks } from '../../../src/widget/panel/language-chunks';

const modules: Record<Translated, LanguageModule> = { de: { texts: german }, ar: { texts: arabic } };

/** A chunk loader whose loads the test settles, one by one, in order. */
function controlledLoads() {
  const pending: Array<{ language: Translated; attempt: number; resolve: () => void; reject: () => void }> = [];
  const load = vi.fn(
    (language: Translated, attempt: number) =>
      new Promise<LanguageModule>((resolve, reject) => {
        pending.push({ language, attempt, resolve: () => resolve(modules[language]), reject: () => reject(new ConfabError('chunk_load_failed', `confab could not load confab-${language}-x.js`)) });
      }),
  );
  const settled = vi.fn();
  /** Settles the oldest load, then lets the chunk's state follow. */
  const next = async (outcome: 'loads' | 'fails') => {
    const load = pending.shift();
    if (!load) throw new Error('no load is pending');
    const before = settled.mock.calls.length;
    if (outcome === 'loads') load.resolve();
    else load.reject();
    await vi.waitFor(() => expect(settled.mock.calls.length).toBe(before + 1));
  };
  return { load, settled, next, pending };
}

describe('languageChunks', () => {
  it.each([
    [1, 'en'],
    [2, 'en-GB'],
    [3, undefined],
    [4, ''],
    [5, 'fr'],
    [6, 'he'],
    [7, 'constructor'],
  ])('%i. %s needs no chunk: ready at once, nothing loaded', (_n, lang) => {
    const { load, settled } = controlledLoads();
    const languages = languageChunks(load, settled);
    languages.want(lang, true);
    expect(languages.ready(lang)).toBe(true);
    expect(load).not.toHaveBeenCalled();
  });

  it('8. German (de-AT): not ready while its first load runs, however often it is asked for; ready with its texts once loaded', async () => {
    const { load, settled, next } = controlledLoads();
    const languages = languageChunks(load, settled);
    languages.want('de-AT', false);
    languages.want('DE', true);
    languages.want('de', false);
    expect(languages.ready('de-AT')).toBe(false);
    expect(load).toHaveBeenCalledExactlyOnceWith('de', 0);
    await next('loads');
    expect(settled).toHaveBeenCalledOnce();
    expect(languages.ready('de-AT')).toBe(true);
    expect(languages.loaded).toEqual({ de: german });
    languages.want('de', true);
    expect(load, 'a loaded language is not asked for again').toHaveBeenCalledOnce();
  });

  it('9. a failed load: ready in English, not tried again on a plain update, tried again (attempt 1) on a retry, texts there once it loads', async () => {
    const { load, settled, next } = controlledLoads();
    const languages = languageChunks(load, settled);
    languages.want('de', false);
    await next('fails');
    expect(settled).toHaveBeenCalledOnce();
    expect(languages.ready('de'), 'renders in English').toBe(true);
    expect(languages.loaded).toEqual({});
    languages.want('de', false);
    expect(load).toHaveBeenCalledOnce();
    languages.want('de', true);
    expect(load.mock.calls).toEqual([['de', 0], ['de', 1]]);
    expect(languages.ready('de'), 'still English while the retry runs: nothing waits for it').toBe(true);
    await next('loads');
    expect(languages.loaded).toEqual({ de: german });
  });

  it('10. each language is a chunk of its own: Arabic loads beside German, each counting its own attempts', async () => {
    const { load, settled, next } = controlledLoads();
    const languages = languageChunks(load, settled);
    languages.want('de', false);
    await next('fails');
    languages.want('ar-EG', true);
    expect(languages.ready('ar')).toBe(false);
    expect(languages.ready('de')).toBe(true);
    await next('loads');
    expect(load.mock.calls).toEqual([['de', 0], ['ar', 0]]);
    expect(languages.loaded).toEqual({ ar: arabic });
  });
});
