// @vitest-environment jsdom
// The conversation list is a chunk of its own (src/widget/components/conversation-list-slot.tsx):
// the list view shows the panel's header at once and, below it, the list once its chunk is
// there; meanwhile a quiet "Loading…", and where it could not be loaded a sentence and Retry.
// The panel asks for the chunk at idle once it is shown (src/widget/panel/create-panel.ts).
import { signal } from '@preact/signals-core';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatStore } from '../../src/sdk/chat/chat-store';
import { createChat } from '../../src/sdk/chat/create-chat';
import { memoryBackend } from '../../src/sdk/chat/kv-backend';
import { ConfabError } from '../../src/sdk/http/errors';
import { parseSettings } from '../../src/widget/config';
import * as listModule from '../../src/widget/components/conversation-list';
import type { ConversationListChunk } from '../../src/widget/components/conversation-list-slot';
import { Panel } from '../../src/widget/components/panel';
import { featureChunk } from '../../src/widget/feature-chunk';
import { resolveStrings } from '../../src/widget/i18n';
import { texts as arabic } from '../../src/widget/i18n/ar';
import { texts as german } from '../../src/widget/i18n/de';
import type { FeatureName } from '../../src/widget/load-panel';
import { createPanel, type PanelHost } from '../../src/widget/panel/create-panel';
import { whenIdle } from '../../src/widget/when-idle';
import { createUiState, WidgetContext, type WidgetContextValue } from '../../src/widget/widget-context';
import { answer, scriptedProvider } from '../support/scripted-provider';

afterEach(cleanup);

/** A load the test settles: each attempt waits until the test resolves or rejects it. */
function controlledLoad() {
  const attempts: Array<{ resolve(): void; reject(): void }> = [];
  const load = vi.fn(
    (_attempt: number) =>
      new Promise<ConversationListChunk>((resolve, reject) => {
        attempts.push({ resolve: () => resolve(listModule), reject: () => reject(new ConfabError('chunk_load_failed', 'confab could not load confab-conversation-list-x.js')) });
      }),
  );
  return { load, attempts };
}

/** The panel on a chat with one conversation, the list's chunk loaded by `load`, in `lang`. */
async function panelWith(load: (attempt: number) => Promise<ConversationListChunk>, lang = 'en') {
  const { provider } = scriptedProvider([answer('Embed it with one script tag.')]);
  const chat = createChat({ provider, store: createChatStore({ backend: memoryBackend() }), onError: () => undefined });
  await chat.send('How do I embed confab?');
  const ui = createUiState();
  ui.open.value = true;
  const conversationList = featureChunk(load);
  const value: WidgetContextValue = {
    chat,
    ui,
    strings: resolveStrings(lang, undefined, { de: german, ar: arabic }).strings,
    settings: { mode: 'launcher', title: 'Docs', welcome: undefined, placeholder: undefined, allowImages: false },
    lang,
    copy: async () => true,
    act: (action) => void action?.catch(() => undefined),
    conversationList,
  };
  render(
    <WidgetContext value={signal(value)}>
      <Panel />
    </WidgetContext>,
  );
  return { chat, ui, conversationList, strings: value.strings };
}

/** Opens the list view as a keyboard reader does: the header's button, focused, pressed. */
function openList(name = 'Conversations') {
  const button = screen.getByRole('button', { name });
  button.focus();
  fireEvent.click(button);
  return button;
}

/** Presses a button as a reader does, by mouse or keyboard: it takes the focus, then is clicked. */
function press(button: HTMLElement) {
  button.focus();
  fireEvent.click(button);
}

const search = () => screen.queryByRole('searchbox');

describe('the conversation list view, its chunk loaded when wanted', () => {
  it('1. cold: the header at once, a quiet loading state in the same box, the focus where it was; then the list', async () => {
    const { load, attempts } = controlledLoad();
    await panelWith(load);
    const button = openList();
    expect(screen.getByRole('heading', { name: 'Conversations' })).toBeTruthy();
    expect(button.getAttribute('aria-label'), 'the same button, now the way back').toBe('Back to chat');
    const box = document.querySelector('[part=conversations]')!;
    expect(box.getAttribute('aria-busy')).toBe('true');
    expect(box.textContent).toBe('Loading conversations…');
    expect(document.activeElement).toBe(button);
    expect(load).toHaveBeenCalledExactlyOnceWith(0);
    act(() => attempts[0]!.resolve());
    await waitFor(() => expect(search()).not.toBeNull());
    expect(screen.getByRole('button', { name: /^How do I embed confab\?/ })).toBeTruthy();
    expect(document.querySelector('[part=conversations]')!.hasAttribute('aria-busy')).toBe(false);
    expect(document.activeElement, 'the focus stays on the header, as when the list was part of the panel').toBe(button);
  });

  it('2. loaded already (at idle): the list at once, without a loading state', async () => {
    const { conversationList } = await panelWith(async () => listModule);
    await conversationList.load();
    openList();
    expect(search()).not.toBeNull();
    expect(screen.queryByText('Loading conversations…')).toBeNull();
  });

  const failures: Array<[n: number, lang: string, list: string, sentence: string, retry: string]> = [
    [1, 'en', 'Conversations', 'The conversation list could not be loaded. Check your connection, then try again.', 'Retry'],
    [2, 'de', 'Unterhaltungen', 'Die Liste der Unterhaltungen konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.', 'Erneut versuchen'],
    [3, 'ar', 'المحادثات', 'تعذّر تحميل قائمة المحادثات. تحقّق من اتصالك، ثم أعد المحاولة.', 'إعادة المحاولة'],
  ];
  it.each(failures)('3.%i failed (%s): the sentence and Retry; Retry shows the loading state, then the list, and the focus follows', async (_n, lang, list, sentence, retry) => {
    const { load, attempts } = controlledLoad();
    await panelWith(load, lang);
    openList(list);
    act(() => attempts[0]!.reject());
    const status = await screen.findByRole('status');
    expect(status.querySelector('p')!.textContent).toBe(sentence);
    press(screen.getByRole('button', { name: retry }));
    expect(load.mock.calls.map(([attempt]) => attempt), 'a new attempt (the loader asks under a new query)').toEqual([0, 1]);
    await waitFor(() => expect(document.activeElement?.className).toBe('list-status'));
    act(() => attempts[1]!.resolve());
    await waitFor(() => expect(document.activeElement, 'on the list, not fallen to the page').toBe(search()));
  });

  it('4. a Retry that fails again keeps the focus on Retry', async () => {
    const { load, attempts } = controlledLoad();
    await panelWith(load);
    openList();
    act(() => attempts[0]!.reject());
    press(await screen.findByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(attempts).toHaveLength(2));
    act(() => attempts[1]!.reject());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Retry' })));
  });

  const elsewhere: Array<[n: number, where: string, control: () => HTMLElement]> = [
    [1, 'in the panel', () => screen.getByRole('button', { name: 'Larger panel' })],
    [2, 'on the page', () => document.body.appendChild(Object.assign(document.createElement('button'), { textContent: 'A control of the page' }))],
  ];
  it.each(elsewhere)('5.%i a focus the reader moved elsewhere (%s) while Retry loads stays there', async (_n, _where, control) => {
    const { load, attempts } = controlledLoad();
    await panelWith(load);
    openList();
    act(() => attempts[0]!.reject());
    press(await screen.findByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(document.activeElement?.className).toBe('list-status'));
    const moved = control();
    moved.focus();
    act(() => attempts[1]!.resolve());
    await waitFor(() => expect(search()).not.toBeNull());
    expect(document.activeElement).toBe(moved);
    expect(load).toHaveBeenCalledTimes(2);
    if (moved.parentElement === document.body) moved.remove();
  });

  it('6. an earlier failure (the idle prefetch) is not shown while the reader’s own request is under way', async () => {
    const { load, attempts } = controlledLoad();
    const { conversationList } = await panelWith(load);
    const prefetch = conversationList.load();
    act(() => attempts[0]!.reject());
    await prefetch;
    expect(conversationList.failed.value).toBe(true);
    openList();
    expect(load).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getByText('Loading conversations…')).toBeTruthy();
    act(() => attempts[1]!.resolve());
    await waitFor(() => expect(search()).not.toBeNull());
  });

  it('7. while the list cannot be loaded the rest of the panel works: back to the chat, a new conversation, the list again', async () => {
    const { load, attempts } = controlledLoad();
    const { chat } = await panelWith(load);
    openList();
    act(() => attempts[0]!.reject());
    await screen.findByRole('button', { name: 'Retry' });
    fireEvent.click(screen.getByRole('button', { name: 'New conversation' }));
    expect(screen.getByRole('textbox', { name: 'Ask a question…' })).toBeTruthy();
    expect(chat.messages.value).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Conversations' }));
    expect(load, 'asked for again when the reader asks for the list').toHaveBeenCalledTimes(2);
    act(() => attempts[1]!.resolve());
    await waitFor(() => expect(search()).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Back to chat' }));
    expect(screen.getByRole('textbox', { name: 'Ask a question…' })).toBeTruthy();
  });
});

describe('the panel fetches the list’s chunk ahead', () => {
  /** A panel on an element's shadow root; `loadFeature` fails for every chunk but the list's, and for that too where `listFails`. */
  function panelOnPage(listFails = false) {
    const element = document.createElement('div');
    document.body.append(element);
    const loadFeature = vi.fn(async (name: FeatureName) => {
      if (name === 'conversation-list' && !listFails) return listModule;
      throw new ConfabError('chunk_load_failed', `confab could not load confab-${name}-x.js (next to confab.js): Not Found.`);
    }) as unknown as PanelHost['loadFeature'] & ReturnType<typeof vi.fn>;
    const reportError = vi.fn();
    const root = element.attachShadow({ mode: 'open' });
    const panel = createPanel({ root, emit: () => undefined, reportError, openChanged: () => undefined, loadFeature });
    const { config, problems } = parseSettings({ mode: 'inline' });
    panel.update(config, problems.map((problem) => problem.message));
    return { panel, loadFeature, reportError, root, element };
  }
  /** Resolves once an idle time after every one asked for before it has come (the callbacks run in order). */
  const idle = () => new Promise<void>((resolve) => whenIdle(resolve));

  it('8. not before the panel is shown; once it is, at idle, naming what still works', async () => {
    const { panel, loadFeature, element } = panelOnPage();
    await idle();
    expect(loadFeature).not.toHaveBeenCalled();
    panel.mount(false);
    expect(loadFeature, 'not while the panel is being painted').not.toHaveBeenCalled();
    await idle();
    expect(loadFeature).toHaveBeenCalledExactlyOnceWith('conversation-list', 0, 'the chat works without it, and Retry in the list loads it again');
    panel.dispose();
    element.remove();
  });

  it('9. a panel gone before the page is idle does not fetch it', async () => {
    const { panel, loadFeature, element } = panelOnPage();
    panel.mount(false);
    panel.dispose();
    element.remove();
    await idle();
    expect(loadFeature).not.toHaveBeenCalled();
  });

  it('10. a failure ahead of need is not reported; opening the list asks again, and that failure is, naming the file', async () => {
    const { panel, loadFeature, reportError, root, element } = panelOnPage(true);
    panel.mount(false);
    await idle();
    await waitFor(() => expect(loadFeature).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    expect(reportError, 'the visitor did not ask for the list (and may just be offline)').not.toHaveBeenCalled();
    fireEvent.click(root.querySelector('[aria-label=Conversations]')!);
    await waitFor(() => expect(root.querySelector('[part=conversations][role=status]')).not.toBeNull());
    expect(loadFeature.mock.calls.map(([name, attempt]) => [name, attempt])).toEqual([
      ['conversation-list', 0],
      ['conversation-list', 1],
    ]);
    expect(reportError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ code: 'chunk_load_failed', message: expect.stringContaining('confab-conversation-list-x.js') }));
    panel.dispose();
    element.remove();
  });
});
