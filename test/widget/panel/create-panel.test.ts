// @vitest-environment jsdom
// The panel's texts in a language other than English come in a chunk of their own
// (src/widget/panel/create-panel.ts): the panel's first frame is in the page's language, a
// chunk that fails leaves it in English and is tried again on the next opening or change of
// language, and a language changed at runtime is loaded and shown.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfabError } from '../../../src/sdk/http/errors';
import { customProvider } from '../../../src/sdk/providers/custom-provider';
import { parseSettings } from '../../../src/widget/config';
import type { LanguageModule, Translated } from '../../../src/widget/i18n';
import { texts as arabic } from '../../../src/widget/i18n/ar';
import { texts as german } from '../../../src/widget/i18n/de';
import { createPanel, type Panel, type PanelHost } from '../../../src/widget/panel/create-panel';

const modules: Record<Translated, LanguageModule> = { de: { texts: german }, ar: { texts: arabic } };

/** What a reader sees of the panel's language at one moment. */
interface Frame {
  lang: string | null | undefined;
  dir: string | null | undefined;
  title: string | null | undefined;
  placeholder: string | null | undefined;
  launcher: string | null | undefined;
}

const ENGLISH = { title: 'Ask AI', placeholder: 'Ask a question…', launcher: 'Close chat' };
const GERMAN = { title: 'KI fragen', placeholder: 'Stellen Sie eine Frage…', launcher: 'Chat schließen' };
const ARABIC = { title: 'اسأل الذكاء الاصطناعي', placeholder: 'اطرح سؤالًا…', launcher: 'إغلاق المحادثة' };

let stores = 0;
const panels: Panel[] = [];
afterEach(() => {
  for (const panel of panels.splice(0)) panel.dispose();
});

/**
 * A panel on a host whose chunk loads the test settles, in order; `frames` holds what the
 * shadow root showed after every change (a MutationObserver runs before the browser paints).
 */
function panelOnHost() {
  const root = document.createElement('div').attachShadow({ mode: 'open' });
  const pending: Array<{ name: string; settle: (outcome: 'loads' | 'fails') => void }> = [];
  const load = vi.fn(
    (name: string, _attempt: number, _meanwhile: string) =>
      new Promise((resolve, reject) => {
        pending.push({
          name,
          settle: (outcome) => (outcome === 'loads' ? resolve(modules[name as Translated]) : reject(new ConfabError('chunk_load_failed', `confab could not load confab-${name}-x.js`))),
        });
      }),
  );
  const host: PanelHost = { root, emit: vi.fn(), reportError: vi.fn(), openChanged: vi.fn(), loadFeature: load as unknown as PanelHost['loadFeature'] };
  const panel = createPanel(host);
  panels.push(panel);
  const frame = (): Frame => ({
    lang: root.querySelector('.root')?.getAttribute('lang'),
    dir: root.querySelector('.root')?.getAttribute('dir'),
    title: root.querySelector('h2.title')?.textContent,
    placeholder: root.querySelector('[part=input]')?.getAttribute('placeholder'),
    launcher: root.querySelector('[part~=launcher]')?.getAttribute('aria-label'),
  });
  const frames: Frame[] = [];
  new MutationObserver(() => frames.push(frame())).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const storeName = `panel-language-${stores++}`;
  const provider = customProvider(async function* () {
    yield 'ok';
  });
  const update = (lang: string, store = storeName) => panel.update(parseSettings({ lang, open: '' }, { provider, storeName: store }).config, []);
  /** Settles the oldest load and waits until the panel has taken it in. */
  const settle = async (outcome: 'loads' | 'fails') => {
    const next = pending.shift();
    if (!next) throw new Error('no chunk is loading');
    next.settle(outcome);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  /** Renders the panel, as the element does once `ready` says it may. */
  const mount = () => panel.mount(false);
  return { panel, host, load, frames, frame, update, settle, mount };
}

describe('the panel in a language other than English', () => {
  it('1. not ready until its texts are there; then its first frame is German', async () => {
    const { panel, load, frames, frame, update, settle, mount } = panelOnHost();
    update('de');
    panel.setOpen(true);
    const then = vi.fn();
    expect(panel.ready(then)).toBe(false);
    expect(load.mock.calls.map(([name, attempt]) => [name, attempt])).toEqual([['de', 0]]);
    await settle('loads');
    expect(then).toHaveBeenCalledOnce();
    expect(panel.ready(vi.fn())).toBe(true);
    mount();
    expect(frame()).toEqual({ lang: 'de', dir: 'ltr', ...GERMAN });
    expect(frames.filter((seen) => seen.title !== undefined && seen.title !== GERMAN.title), 'no frame in another language').toEqual([]);
  });

  it('2. mounted before its texts are there (a cold open), it renders nothing until they are, then German', async () => {
    const { panel, frames, frame, update, settle, mount } = panelOnHost();
    update('de-AT');
    panel.setOpen(true);
    mount();
    expect(frame().title, 'nothing rendered yet').toBeUndefined();
    await settle('loads');
    expect(frame()).toEqual({ lang: 'de-AT', dir: 'ltr', ...GERMAN });
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((seen) => seen.title === undefined || seen.title === GERMAN.title)).toBe(true);
  });

  it('3. a chunk that fails: ready at once in English, one attempt, reported once (the host names the file)', async () => {
    const { panel, host, load, frame, update, settle, mount } = panelOnHost();
    // Opened at once, the panel's chunk still coming (a cold open).
    update('de');
    panel.setOpen(true);
    const then = vi.fn();
    expect(panel.ready(then)).toBe(false);
    await settle('fails');
    expect(then).toHaveBeenCalledOnce();
    mount();
    expect(frame()).toEqual({ lang: 'de', dir: 'ltr', ...ENGLISH });
    expect(load).toHaveBeenCalledOnce();
    expect(load.mock.calls[0]![2], 'what the report says works meanwhile').toMatch(/English/);
    expect(host.reportError).toHaveBeenCalledOnce();
    expect(vi.mocked(host.reportError).mock.calls[0]![0]).toMatchObject({ code: 'chunk_load_failed', message: expect.stringContaining('confab-de-x.js') });
    update('de');
    expect(load, 'an update with the same language does not try again').toHaveBeenCalledOnce();
  });

  it('4. the next opening tries the failed chunk again; the panel stays usable in English meanwhile, then turns German', async () => {
    const { panel, load, frame, update, settle, mount } = panelOnHost();
    update('de');
    panel.setOpen(true);
    await settle('fails');
    mount();
    panel.setOpen(false);
    expect(load).toHaveBeenCalledOnce();
    panel.setOpen(true);
    expect(load.mock.calls.map(([name, attempt]) => [name, attempt])).toEqual([['de', 0], ['de', 1]]);
    expect(frame().title, 'English while it loads').toBe(ENGLISH.title);
    await settle('loads');
    expect(frame()).toEqual({ lang: 'de', dir: 'ltr', ...GERMAN });
  });

  it('5. a language changed at runtime: English stays until Arabic is there, then Arabic and right to left in the same frame', async () => {
    const { panel, load, frames, frame, update, settle, mount } = panelOnHost();
    update('en');
    panel.setOpen(true);
    mount();
    expect(frame()).toEqual({ lang: 'en', dir: 'ltr', ...ENGLISH });
    expect(load).not.toHaveBeenCalled();
    update('ar');
    expect(frame(), 'the English panel stays while Arabic loads').toEqual({ lang: 'en', dir: 'ltr', ...ENGLISH });
    await settle('loads');
    expect(frame()).toEqual({ lang: 'ar', dir: 'rtl', ...ARABIC });
    const mixed = frames.filter((seen) => (seen.dir === 'rtl') !== (seen.title === ARABIC.title));
    expect(mixed, 'no frame laid out in one language with the texts of another').toEqual([]);
    update('en');
    expect(frame(), 'back to English at once').toEqual({ lang: 'en', dir: 'ltr', ...ENGLISH });
  });

  it('6. changing to a language whose chunk failed tries it again', async () => {
    const { panel, load, frame, update, settle, mount } = panelOnHost();
    update('de');
    panel.setOpen(true);
    await settle('fails');
    mount();
    update('en');
    update('de');
    expect(load.mock.calls.map(([name, attempt]) => [name, attempt])).toEqual([['de', 0], ['de', 1]]);
    await settle('loads');
    expect(frame().title).toBe(GERMAN.title);
  });

  it('7. disposed before its texts arrive: nothing is rendered afterwards, and the waiting mount never runs', async () => {
    const { panel, frame, update, settle } = panelOnHost();
    update('ar');
    const then = vi.fn();
    expect(panel.ready(then)).toBe(false);
    panel.mount(false);
    panel.dispose();
    await settle('loads');
    expect(then).not.toHaveBeenCalled();
    expect(frame().title).toBeUndefined();
  });

  it('8. a new language and a new controller in one update (another store): the panel keeps showing, in its texts, until the new ones are there', async () => {
    const { panel, frames, frame, update, settle, mount } = panelOnHost();
    update('en');
    panel.setOpen(true);
    mount();
    expect(frame()).toEqual({ lang: 'en', dir: 'ltr', ...ENGLISH });
    frames.length = 0;
    update('ar', `panel-language-other-${stores++}`);
    expect(frame(), 'still there, in English, on the new controller').toEqual({ lang: 'en', dir: 'ltr', ...ENGLISH });
    await settle('loads');
    expect(frame()).toEqual({ lang: 'ar', dir: 'rtl', ...ARABIC });
    expect(frames.filter((seen) => seen.launcher === undefined), 'never an empty panel').toEqual([]);
  });
});
