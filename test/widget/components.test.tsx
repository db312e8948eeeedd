// @vitest-environment jsdom
import { signal } from '@preact/signals-core';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatStore } from '../../src/sdk/chat/chat-store';
import type { ChatMessage } from '../../src/sdk/chat/chat-types';
import type { Failure } from '../../src/sdk/http/failure';
import { createChat, type Chat } from '../../src/sdk/chat/create-chat';
import { memoryBackend } from '../../src/sdk/chat/kv-backend';
import { Composer } from '../../src/widget/components/composer';
import { ConversationList } from '../../src/widget/components/conversation-list';
import { Feedback } from '../../src/widget/components/feedback';
import { MessageItem } from '../../src/widget/components/message-item';
import { MessageList } from '../../src/widget/components/message-list';
import { plainText } from '../../src/widget/components/plain-text';
import { dayHeading, timeAgo } from '../../src/widget/components/when';
import { Panel } from '../../src/widget/components/panel';
import { Sources } from '../../src/widget/components/sources';
import { Suggestions } from '../../src/widget/components/suggestions';
import { featureChunk } from '../../src/widget/feature-chunk';
import { resolveStrings } from '../../src/widget/i18n';
import { texts as arabic } from '../../src/widget/i18n/ar';
import { texts as german } from '../../src/widget/i18n/de';
import { createUiState, WidgetContext, type WidgetContextValue } from '../../src/widget/widget-context';
import { answer, scriptedProvider, type LiveReply } from '../support/scripted-provider';

const strings = resolveStrings('en').strings;
/** German and Arabic, as the panel has them once their chunks are loaded. */
const loaded = { de: german, ar: arabic };

/** What the components' actions failed with (the element reports these as confab-error). */
let actionFailures: unknown[] = [];

afterEach(() => {
  cleanup();
  const failures = actionFailures;
  actionFailures = [];
  expect(failures, 'an action failed without the test expecting it').toEqual([]);
});

function context(chat: Chat | undefined, overrides: Partial<WidgetContextValue> = {}): WidgetContextValue {
  const ui = createUiState();
  ui.open.value = true;
  return {
    chat,
    ui,
    strings,
    settings: { mode: 'launcher', title: 'Docs', welcome: undefined, placeholder: undefined, allowImages: false },
    copy: vi.fn(async () => true),
    act: (action) => void action?.catch((error: unknown) => actionFailures.push(error)),
    conversationList: featureChunk(async () => ({ ConversationList })),
    ...overrides,
  };
}

function withContext(value: WidgetContextValue, children: ComponentChildren) {
  return render(<WidgetContext value={signal(value)}>{children}</WidgetContext>);
}

function chatOn(turns: Parameters<typeof scriptedProvider>[0] = []) {
  const { provider } = scriptedProvider(turns);
  return createChat({ provider, store: createChatStore({ backend: memoryBackend() }), onError: () => undefined });
}

const answerMessage = (overrides: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'a1',
  conversationId: 'c1',
  index: 1,
  role: 'assistant',
  content: 'An *answer*.',
  status: 'done',
  createdAt: 0,
  updatedAt: 0,
  ...overrides,
});

describe('Composer', () => {
  it('sends trimmed text, is disabled when empty, and turns into Stop while an answer streams', async () => {
    // A reply that never arrives: the answer streams until stopped.
    const chat = chatOn([() => undefined]);
    withContext(context(chat), <Composer />);
    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.input(screen.getByRole('textbox'), { target: { value: '  hello  ' } });
    expect(send.disabled).toBe(false);
    fireEvent.click(send);
    const stop = await screen.findByRole('button', { name: 'Stop' });
    expect(chat.messages.value[0]?.content).toBe('hello');
    fireEvent.click(stop);
    await waitFor(() => expect(chat.messages.value[1]?.status).toBe('stopped'));
    await screen.findByRole('button', { name: 'Send' });
  });

  it('Stop shows only in the conversation whose answer is arriving; elsewhere Send waits for it', async () => {
    let live!: LiveReply;
    const chat = chatOn([answer('Earlier.'), (_request, reply) => (live = reply)]);
    await chat.send('an earlier conversation');
    const earlier = chat.conversation.value!.id;
    chat.newConversation();
    withContext(context(chat), <Composer />);
    const sending = chat.send('a long question');
    await screen.findByRole('button', { name: 'Stop' });
    const streamingId = chat.conversation.value!.id;

    await chat.selectConversation(earlier);
    const send = (await screen.findByRole('button', { name: 'Send' })) as HTMLButtonElement;
    fireEvent.input(screen.getByRole('textbox'), { target: { value: 'meanwhile' } });
    expect(send.disabled).toBe(true);

    await chat.selectConversation(streamingId);
    await screen.findByRole('button', { name: 'Stop' });
    live.push(...answer('Done.'));
    live.end();
    await sending;
    await waitFor(() => expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(false));
  });
});

describe('MessageItem', () => {
  it('a user message is plain text, never markdown', () => {
    withContext(context(chatOn()), <ol><MessageItem message={{ ...answerMessage(), role: 'user', content: '**not bold** <b>x</b>' }} last={false} /></ol>);
    expect(screen.getByText('**not bold** <b>x</b>')).toBeTruthy();
  });

  it('a fast stream renders the draft, and keeps its end in view, once per frame rather than once per token', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    try {
      let live!: LiveReply;
      const chat = chatOn([(_request, reply) => (live = reply)]);
      const sending = chat.send('q');
      await waitFor(() => expect(live).toBeDefined());
      live.push({ type: 'text', delta: 'start' });
      await waitFor(() => expect(chat.draft.value?.content).toBe('start'));
      const follow = vi.fn();
      const view = withContext(context(chat), <ol><MessageItem message={chat.messages.value[1]!} last follow={follow} /></ol>);
      follow.mockClear();
      const words = Array.from({ length: 50 }, (_, k) => ` w${k}`);
      live.push(...words.map((delta) => ({ type: 'text' as const, delta })));
      await waitFor(() => expect(chat.draft.value?.content).toBe(`start${words.join('')}`));
      const bubble = view.container.querySelector('.bubble')!;
      expect(bubble.textContent).toBe('start');
      expect(frames).toHaveLength(1);
      frames.splice(0).forEach((callback) => callback(performance.now()));
      await waitFor(() => expect(bubble.textContent).toBe(`start${words.join('')}`));
      expect(follow).toHaveBeenCalledTimes(1);
      live.push(...answer(''));
      live.end();
      await sending;
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('an answer that ended while its text was still being shown (a backend faster than frames): actions and aria-busy wait until it is all shown', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    try {
      const long = Array.from({ length: 20_000 }, (_, k) => `word${k}`).join(' ');
      const arriving = answerMessage({ status: 'streaming', content: 'word0' });
      const view = withContext(context(chatOn()), <ol><MessageItem message={arriving} last /></ol>);
      view.rerender(<WidgetContext value={signal(context(chatOn()))}><ol><MessageItem message={{ ...arriving, status: 'done', content: long }} last /></ol></WidgetContext>);
      const item = () => view.container.querySelector('li.message.assistant')!;
      // Pieces of a long paragraph are cut at spaces: count what is shown without them.
      const shown = () => item().querySelector('.bubble')!.textContent!.replace(/\s/g, '').length;
      const all = long.replace(/\s/g, '').length;
      expect(shown()).toBeLessThan(all);
      expect(item().querySelector('.actions'), 'no actions while the text is still being shown').toBeNull();
      expect(item().getAttribute('aria-busy')).toBe('true');
      for (let frame = 0; frame < 100 && frames.length > 0; frame++) act(() => frames.splice(0).forEach((callback) => callback(performance.now())));
      expect(shown()).toBe(all);
      expect(item().querySelector('.actions')).not.toBeNull();
      expect(item().getAttribute('aria-busy')).toBe('false');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a streaming answer shows the draft with a caret; a finished one its markdown and actions', async () => {
    let live!: LiveReply;
    const chat = chatOn([(_request, reply) => (live = reply)]);
    const value = context(chat);
    const sending = chat.send('q');
    await waitFor(() => expect(live).toBeDefined());
    live.push({ type: 'text', delta: 'Part **one**' });
    await waitFor(() => expect(chat.draft.value?.content).toBe('Part **one**'));
    const view = withContext(value, <ol><MessageItem message={chat.messages.value[1]!} last /></ol>);
    expect(view.container.querySelector('.caret')).not.toBeNull();
    expect(screen.getByText('one', { selector: 'strong' })).toBeTruthy();
    live.push(...answer(' done.'));
    live.end();
    await sending;
    view.rerender(<WidgetContext value={signal(value)}><ol><MessageItem message={chat.messages.value[1]!} last /></ol></WidgetContext>);
    expect(view.container.querySelector('.caret')).toBeNull();
    expect(screen.getByRole('button', { name: 'Copy answer' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Regenerate' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy answer' }));
    await waitFor(() => expect(value.copy).toHaveBeenCalledWith('Part **one** done.'));
  });

  // Issue 11, item 10: past the longest answer shown, an answer is stopped and cut with a note.
  it('an answer past 1,000,000 characters is stopped, and shown up to there with a note', async () => {
    let live!: LiveReply;
    const chat = chatOn([(_request, reply) => (live = reply)]);
    const stop = vi.spyOn(chat, 'stop');
    const sending = chat.send('Repeat yourself');
    await waitFor(() => expect(live).toBeDefined());
    const view = withContext(context(chat), <ol><MessageItem message={chat.messages.value[1]!} last /></ol>);
    live.push({ type: 'text', delta: 'word '.repeat(150_000) });
    await waitFor(() => expect(chat.draft.value?.content.length).toBe(750_000));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(stop).not.toHaveBeenCalled();
    live.push({ type: 'text', delta: 'word '.repeat(60_000) });
    await waitFor(() => expect(stop).toHaveBeenCalledTimes(1));
    await sending;
    expect(chat.messages.value[1]).toMatchObject({ status: 'stopped' });
    expect(chat.messages.value[1]!.content.length).toBe(1_050_000);
    view.rerender(<WidgetContext value={signal(context(chat))}><ol><MessageItem message={chat.messages.value[1]!} last /></ol></WidgetContext>);
    const notes = [...view.container.querySelectorAll('.note')].map((note) => note.textContent);
    expect(notes, 'the cut note, not "Stopped"').toEqual(['Too long: the answer was cut here.']);
    // Shown up to the limit: 200,000 words of four letters (the rest of the stream never shows).
    await expect.poll(() => view.container.querySelector('.bubble')!.textContent!.replace(notes[0]!, '').replace(/\s/g, '').length, { timeout: 20_000 }).toBe(800_000);
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('a failed answer offers retry; an interrupted one says so', () => {
    const chat = chatOn();
    const retry = vi.spyOn(chat, 'retry').mockResolvedValue();
    withContext(context(chat), <ol><MessageItem message={answerMessage({ status: 'error', content: '', error: { code: 'network_error', message: 'offline' } })} last /></ol>);
    expect(screen.getByRole('alert').textContent).toMatch(/could not be loaded/);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalledWith('a1');
    withContext(context(chat), <ol><MessageItem message={answerMessage({ id: 'a2', status: 'interrupted', content: 'Half' })} last /></ol>);
    expect(screen.getByText('This answer was interrupted.')).toBeTruthy();
  });

  // Issue 11, item 12 and issue 13, item 2: one plain, translated sentence per kind of failure,
  // with Retry; the technical detail (which may name internal addresses) never reaches the panel.
  const failures: Array<[n: number, kind: Failure['kind'], retryAfterMs: number | undefined, online: boolean, en: string, de: string, ar: string]> = [
    [1, 'offline', undefined, true, 'Could not connect. Check your connection.', 'Keine Verbindung. Prüfen Sie Ihr Netzwerk.', 'تعذّر الاتصال. تحقّق من اتصالك.'],
    [2, 'unavailable', undefined, true, 'The service is unavailable.', 'Der Dienst ist nicht verfügbar.', 'الخدمة غير متاحة.'],
    [3, 'busy', 20_000, true, 'Too many requests. Retry in 20 s.', 'Zu viele Anfragen. Erneut in 20 s.', 'طلبات كثيرة جدًا. أعد المحاولة بعد 20 ث.'],
    [4, 'busy', undefined, true, 'Too many requests.', 'Zu viele Anfragen.', 'طلبات كثيرة جدًا.'],
    [5, 'interrupted', undefined, true, 'This answer was interrupted.', 'Diese Antwort wurde unterbrochen.', 'انقطعت هذه الإجابة.'],
    [6, 'slow', undefined, true, 'The answer took too long.', 'Die Antwort dauerte zu lange.', 'استغرقت الإجابة وقتًا طويلًا.'],
    [7, 'refused', undefined, true, 'The request was refused.', 'Die Anfrage wurde abgelehnt.', 'رُفض الطلب.'],
    [8, 'unknown', undefined, true, 'The answer could not be loaded.', 'Die Antwort konnte nicht geladen werden.', 'تعذّر تحميل الإجابة.'],
    [9, undefined, undefined, true, 'The answer could not be loaded.', 'Die Antwort konnte nicht geladen werden.', 'تعذّر تحميل الإجابة.'],
    // Issue 13, item 3: asked while the browser is offline, the question waits for the connection.
    [12, 'offline', undefined, false, 'Waiting for the connection: this question is sent when you are back online.', 'Warten auf die Verbindung: Diese Frage wird gesendet, sobald Sie wieder online sind.', 'بانتظار الاتصال: يُرسل هذا السؤال عند عودتك إلى الاتصال.'],
    [13, 'unavailable', undefined, false, 'The service is unavailable.', 'Der Dienst ist nicht verfügbar.', 'الخدمة غير متاحة.'],
  ];
  const retryIn = { en: 'Retry', de: 'Erneut versuchen', ar: 'إعادة المحاولة' };
  it.each(failures)('failure %i (%s, online: %s): the sentence and Retry in every language, no detail, no empty bubble', (_n, kind, retryAfterMs, online, en, de, ar) => {
    const detail = '502 Bad Gateway: The upstream server http://127.0.0.1:11499/v1 could not be reached: fetch failed (ECONNREFUSED)';
    const message = answerMessage({ status: 'error', content: '', error: { code: 'bad_gateway', message: detail, kind, retryAfterMs } });
    for (const [lang, sentence] of [['en', en], ['de', de], ['ar', ar]] as const) {
      const view = withContext(context(chatOn(), { strings: resolveStrings(lang, undefined, loaded).strings, connection: { online: signal(online) } }), <ol><MessageItem message={message} last /></ol>);
      expect(screen.getByRole('alert').textContent).toBe(sentence + retryIn[lang]);
      expect(view.container.textContent).not.toContain('127.0.0.1');
      expect(view.container.querySelector('.bubble'), 'no empty bubble').toBeNull();
      cleanup();
    }
  });

  it('failure 14: the sentence of a question asked offline changes when the connection comes back', () => {
    const online = signal(false);
    const message = answerMessage({ status: 'error', content: '', error: { code: 'network_error', message: 'Failed to fetch', kind: 'offline' } });
    withContext(context(chatOn(), { connection: { online } }), <ol><MessageItem message={message} last /></ol>);
    expect(screen.getByRole('alert').textContent).toMatch(/^Waiting for the connection/);
    act(() => void (online.value = true));
    expect(screen.getByRole('alert').textContent).toMatch(/^Could not connect/);
  });

  it('failure 10: an answer that broke off keeps its text, says so and offers Retry', () => {
    withContext(context(chatOn()), <ol><MessageItem message={answerMessage({ content: 'Half an', finishReason: 'incomplete' })} last /></ol>);
    expect(screen.getByRole('alert').textContent).toBe('This answer was interrupted.Retry');
    expect(document.querySelector('.bubble')?.textContent).toBe('Half an');
  });

  it('failure 11: an Arabic sentence for a 429', () => {
    const message = answerMessage({ status: 'error', content: '', error: { code: 'too_many_requests', message: '429', kind: 'busy', retryAfterMs: 1_500 } });
    withContext(context(chatOn(), { strings: resolveStrings('ar', undefined, loaded).strings }), <ol><MessageItem message={message} last /></ol>);
    expect(screen.getByRole('alert').textContent).toBe('طلبات كثيرة جدًا. أعد المحاولة بعد 2 ث.إعادة المحاولة');
  });
});

describe('Feedback', () => {
  it('up votes and withdraws; down opens the reasons, which refine the vote', () => {
    const chat = chatOn();
    const setFeedback = vi.spyOn(chat, 'setFeedback').mockResolvedValue();
    const view = withContext(context(chat), <Feedback message={answerMessage()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Helpful' }));
    expect(setFeedback).toHaveBeenLastCalledWith('a1', 'positive');
    view.rerender(<WidgetContext value={signal(context(chat))}><Feedback message={answerMessage({ feedback: { rating: 'positive', at: 1 } })} /></WidgetContext>);
    expect(screen.getByRole('button', { name: 'Helpful' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Helpful' }));
    expect(setFeedback).toHaveBeenLastCalledWith('a1', null);
    fireEvent.click(screen.getByRole('button', { name: 'Not helpful' }));
    expect(setFeedback).toHaveBeenLastCalledWith('a1', 'negative');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Irrelevant sources' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Tell us more (optional)' }), { target: { value: 'Old docs' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send feedback' }));
    expect(setFeedback).toHaveBeenLastCalledWith('a1', 'negative', { labels: ['irrelevant_citations'], details: 'Old docs' });
    expect(screen.getByRole('status').textContent).toBe('Thanks for the feedback');
  });

  it('Esc closes the reasons without sending them', () => {
    const chat = chatOn();
    const setFeedback = vi.spyOn(chat, 'setFeedback').mockResolvedValue();
    withContext(context(chat), <Feedback message={answerMessage()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Not helpful' }));
    fireEvent.keyDown(screen.getByRole('group', { name: 'What was wrong?' }), { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'What was wrong?' })).toBeNull();
    expect(setFeedback).toHaveBeenCalledTimes(1);
  });

  it('the reasons take the focus when they open, and give it back to the thumb when sent or cancelled', () => {
    const chat = chatOn();
    vi.spyOn(chat, 'setFeedback').mockResolvedValue();
    withContext(context(chat), <Feedback message={answerMessage()} />);
    const thumbDown = screen.getByRole('button', { name: 'Not helpful' });
    fireEvent.click(thumbDown);
    expect(document.activeElement).toBe(screen.getAllByRole('checkbox')[0]);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(thumbDown);
  });
});

describe('Sources', () => {
  it('links by the URL policy, shows breadcrumbs, and never links javascript:', () => {
    withContext(
      context(chatOn()),
      <Sources sources={[{ url: 'https://example.com/a', title: 'Guide', breadcrumbs: ['Docs', 'Guide'] }, { url: 'javascript:alert(1)', title: 'Evil' }, { title: 'No page' }]} />,
    );
    const link = screen.getByRole('link', { name: 'Guide' });
    expect(link.getAttribute('href')).toBe('https://example.com/a');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByText('Docs › Guide')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Evil' })).toBeNull();
    expect(screen.getByText('Evil')).toBeTruthy();
    expect(screen.getByText('No page')).toBeTruthy();
  });
});

describe('Suggestions', () => {
  it('starters send on click', async () => {
    const { provider } = scriptedProvider([answer('A.')]);
    const chat = createChat({ provider, store: createChatStore({ backend: memoryBackend() }), starters: ['Where do I start?'], onError: () => undefined });
    await chat.ready;
    withContext(context(chat), <Suggestions />);
    // A question keeps its own direction inside a right-to-left widget.
    expect(screen.getByRole('button', { name: 'Where do I start?' }).getAttribute('dir')).toBe('auto');
    fireEvent.click(screen.getByRole('button', { name: 'Where do I start?' }));
    await waitFor(() => expect(chat.messages.value[0]?.content).toBe('Where do I start?'));
  });
});

describe('ConversationList', () => {
  it('searches messages, and confirms before deleting', async () => {
    const chat = chatOn([answer('About billing.'), answer('About exports.')]);
    await chat.send('first');
    chat.newConversation();
    await chat.send('second');
    withContext(context(chat), <ConversationList />);
    expect(screen.getAllByRole('button', { name: /^(first|second)/ })).toHaveLength(2);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'billing' } });
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^(first|second)/ }).map((button) => button.textContent)).toEqual([expect.stringMatching(/^first/)]));
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'nothing like this' } });
    await screen.findByText('No matching conversations');
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: '' } });
    const deleteConversation = vi.spyOn(chat, 'deleteConversation');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete: first' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(deleteConversation).not.toHaveBeenCalled();
    expect(chat.conversations.value).toHaveLength(2);
  });

  // Issue 13, item 4: previews as plain text, relative times, grouped by day, a named delete.
  const previews: Array<[n: number, markdown: string, plain: string]> = [
    [1, '**Bold** and __strong__, *em* and _em_', 'Bold and strong , em and em'],
    [2, 'Run `npm install` first', 'Run npm install first'],
    [3, '```ts\nconst a = 1;\n```', 'const a = 1;'],
    [4, '| Name | Size |\n|---|:---:|\n| a | 1 |', 'Name Size a 1'],
    [5, 'See [the docs](https://example.com/docs) and ![a logo](logo.png)', 'See the docs and a logo'],
    [6, '# Heading\n> quoted\n- item\n1. first', 'Heading quoted item 1. first'],
    [7, 'A link cut off: [the guide](https://exa', 'A link cut off: the guide'],
    [8, '~~gone~~ plain', 'gone plain'],
  ];
  it.each(previews)('13.4 preview %i: %j reads as plain text', (_n, markdown, plain) => {
    expect(plainText(markdown)).toBe(plain);
  });

  const NOW = new Date(2026, 11, 6, 15, 0).getTime();
  const times: Array<[n: number, at: number, en: string, de: string, ar: string, day: string]> = [
    [1, NOW - 20_000, 'now', 'jetzt', 'الآن', 'Today'],
    [2, NOW - 5 * 60_000, '5 minutes ago', 'vor 5 Minuten', 'قبل 5 دقائق', 'Today'],
    [3, NOW - 3 * 3_600_000, '3 hours ago', 'vor 3 Stunden', 'قبل 3 ساعات', 'Today'],
    [4, new Date(2026, 11, 5, 10, 0).getTime(), 'yesterday', 'gestern', 'أمس', 'Yesterday'],
    [5, new Date(2026, 10, 20, 9, 0).getTime(), '2 weeks ago', 'vor 2 Wochen', 'قبل أسبوعين', 'November 20'],
    [6, new Date(2025, 5, 1, 9, 0).getTime(), 'last year', 'letztes Jahr', 'السنة الماضية', 'June 1, 2025'],
  ];
  it.each(times)('13.4 time %i: how long ago in each language, and the day heading', (_n, at, en, de, ar, day) => {
    expect([timeAgo(at, NOW, 'en'), timeAgo(at, NOW, 'de'), timeAgo(at, NOW, 'ar')]).toEqual([en, de, ar]);
    expect(dayHeading(at, NOW, 'en', strings)).toBe(day);
  });

  it('13.4 the list: plain previews under day headings, each with its time; the delete confirmation names the conversation', async () => {
    const store = createChatStore({ backend: memoryBackend() });
    const saved = (id: string, title: string, updatedAt: number, preview: string) => store.saveConversation({ id, title, createdAt: updatedAt, updatedAt, status: 'idle', messageCount: 2, preview });
    await saved('c1', 'Billing', NOW - 5 * 60_000, '**Invoices** are sent with `cron`');
    await saved('c2', 'Exports', new Date(2026, 11, 5, 10, 0).getTime(), '| Format | Size |\n|---|---|');
    await saved('c3', 'Setup', new Date(2026, 10, 20, 9, 0).getTime(), 'See [the guide](https://example.com)');
    const { provider } = scriptedProvider([]);
    const chat = createChat({ provider, store, onError: () => undefined });
    await chat.ready;
    const view = withContext(context(chat, { lang: 'de', strings: resolveStrings('de', undefined, loaded).strings, now: () => NOW }), <ConversationList />);
    await waitFor(() => expect(view.container.querySelectorAll('.conversation')).toHaveLength(3));
    expect([...view.container.querySelectorAll('.day h3')].map((heading) => heading.textContent)).toEqual(['Heute', 'Gestern', '20. November']);
    const rows = [...view.container.querySelectorAll('.open-conversation')].map((row) => [...row.children].map((part) => part.textContent));
    expect(rows).toEqual([
      ['Billing', 'vor 5 Minuten', 'Invoices are sent with cron'],
      ['Exports', 'gestern', 'Format Size'],
      ['Setup', 'vor 2 Wochen', 'See the guide'],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Löschen: Exports' }));
    expect(screen.getByRole('group').getAttribute('aria-label')).toBe('„Exports“ löschen? Das kann nicht rückgängig gemacht werden.');
    expect(view.container.querySelector('.confirming p')!.textContent).toBe('„Exports“ löschen? Das kann nicht rückgängig gemacht werden.');
  });

  // Every form in a row replaces the control the reader was at: the focus must land on the
  // control they continue from, never fall to the page, and Escape must stay in the row.
  async function listOfTwo() {
    const chat = chatOn([answer('One.'), answer('Two.')]);
    await chat.send('first');
    chat.newConversation();
    await chat.send('second');
    const escapedToPanel = vi.fn();
    withContext(
      context(chat),
      <div onKeyDown={escapedToPanel}>
        <ConversationList />
      </div>,
    );
    await screen.findByRole('button', { name: 'Delete: first' });
    return { chat, escapedToPanel };
  }

  it('rename: the field takes the focus with its text selected; Save, Cancel and Escape return it to Rename', async () => {
    const { chat, escapedToPanel } = await listOfTwo();
    fireEvent.click(screen.getByRole('button', { name: 'Rename: first' }));
    const field = screen.getByRole('textbox', { name: 'Conversation title' }) as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 'first'.length]);

    fireEvent.input(field, { target: { value: 'abandoned' } });
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(escapedToPanel).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rename: first' }));

    fireEvent.click(screen.getByRole('button', { name: 'Rename: first' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Conversation title' }), { target: { value: 'also abandoned' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rename: first' }));
    fireEvent.click(screen.getByRole('button', { name: 'Rename: first' }));
    expect((screen.getByRole('textbox', { name: 'Conversation title' }) as HTMLInputElement).value).toBe('first');

    fireEvent.input(screen.getByRole('textbox', { name: 'Conversation title' }), { target: { value: 'Billing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(chat.conversations.value.map((item) => item.title)).toContain('Billing'));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rename: Billing' }));
  });

  it('delete: the confirmation focuses Cancel; Escape and Cancel return to Delete; deleting moves to the next conversation', async () => {
    const { chat, escapedToPanel } = await listOfTwo();
    const [top, bottom] = chat.conversations.value.map((item) => item.title);
    fireEvent.click(screen.getByRole('button', { name: `Delete: ${top}` }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    expect(escapedToPanel).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: `Delete: ${top}` }));

    fireEvent.click(screen.getByRole('button', { name: `Delete: ${top}` }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: `Delete: ${top}` }));

    fireEvent.click(screen.getByRole('button', { name: `Delete: ${top}` }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(chat.conversations.value).toHaveLength(1));
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(new RegExp(`^${bottom}`)));

    fireEvent.click(screen.getByRole('button', { name: `Delete: ${bottom}` }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('searchbox')));
  });

  // The search runs once the query settles: a reader may click a row before its results come.
  // Their arrival must not take the row from under the pointer (a click between mousedown and
  // mouseup on a replaced row, or at a place the row left, opens nothing).
  it('a search changes the layout as the query is typed; its results keep the rows the reader sees', async () => {
    const { chat } = await listOfTwo();
    expect(document.querySelectorAll('.day')).toHaveLength(1);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'first' } });
    expect(document.querySelectorAll('.day'), 'no day headings over search results, from the first keystroke').toHaveLength(0);
    const row = screen.getByRole('button', { name: /^first/ });
    await waitFor(() => expect(screen.queryByRole('button', { name: /^second/ })).toBeNull());
    expect(screen.getByRole('button', { name: /^first/ }), 'the same row, not a new one in its place').toBe(row);
    const select = vi.spyOn(chat, 'selectConversation');
    fireEvent.click(row);
    expect(select).toHaveBeenCalledWith(chat.conversations.value.find((item) => item.title === 'first')!.id);
  });

  it('Escape clears the search before it may close the panel', async () => {
    const { escapedToPanel } = await listOfTwo();
    const search = screen.getByRole('searchbox') as HTMLInputElement;
    fireEvent.input(search, { target: { value: 'first' } });
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(search.value).toBe('');
    expect(escapedToPanel).not.toHaveBeenCalled();
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(escapedToPanel).toHaveBeenCalledTimes(1);
  });
});

describe('MessageList', () => {
  /** A chat store holding conversations `ids`, each of `count` messages (questions and answers in turn). */
  async function storeWith(ids: string[], count: number) {
    const store = createChatStore({ backend: memoryBackend() });
    for (const id of ids) {
      await store.saveConversation({ id, title: id, createdAt: 1, updatedAt: 1, status: 'idle', messageCount: count });
      await store.saveMessages(
        Array.from({ length: count }, (_, index): ChatMessage => ({ id: `${id}-${index}`, conversationId: id, index, role: index % 2 ? 'assistant' : 'user', content: `${id} message ${index}`, status: 'done', createdAt: 1, updatedAt: 1 })),
      );
    }
    return store;
  }

  it('opens a long conversation at its newest 50 messages; earlier ones come 50 at a time, and another conversation starts again at 50', async () => {
    const { provider } = scriptedProvider([answer('ok')]);
    const chat = createChat({ provider, store: await storeWith(['long', 'other'], 120), onError: () => undefined });
    await chat.selectConversation('long');
    const view = withContext(context(chat), <MessageList />);
    const shown = () => [...view.container.querySelectorAll('li.message')].map((item) => item.textContent?.replace(/^(You|Assistant): /, ''));
    expect(shown()).toHaveLength(50);
    expect(shown()[0]).toBe('long message 70');
    expect(shown().at(-1)).toBe('long message 119');

    fireEvent.click(screen.getByRole('button', { name: 'Earlier messages' }));
    await waitFor(() => expect(shown()).toHaveLength(100));
    // A new turn adds below; the earlier messages the reader brought in stay.
    await chat.send('one more');
    await waitFor(() => expect(shown()).toHaveLength(102));
    expect(shown()[0]).toBe('long message 20');
    fireEvent.click(screen.getByRole('button', { name: 'Earlier messages' }));
    await waitFor(() => expect(shown()).toHaveLength(122));
    expect(shown()[0]).toBe('long message 0');
    expect(screen.queryByRole('button', { name: 'Earlier messages' }), 'nothing earlier left').toBeNull();
    expect(document.activeElement, 'the focus stays in the list').toBe(view.container.querySelector('.messages'));

    await chat.selectConversation('other');
    await waitFor(() => expect(shown()[0]).toBe('other message 70'));
    expect(shown()).toHaveLength(50);
  });
});

describe('MessageList, shown', () => {
  /** Gives the list the layout jsdom lacks: its content's height, and its own (0 while hidden). */
  function layOut(box: HTMLElement, content: number, height: () => number) {
    Object.defineProperty(box, 'scrollHeight', { configurable: true, get: () => content });
    Object.defineProperty(box, 'clientHeight', { configurable: true, get: height });
  }

  // Issue 13, item 1: the list was scrolled to its end while hidden, which a hidden box ignores.
  it('13.1 shows the newest message whenever the panel opens; a reader who scrolled up finds their place again', async () => {
    const chat = chatOn([answer('one'), answer('two')]);
    await chat.send('first');
    const value = context(chat);
    value.ui.open.value = false;
    const view = withContext(value, <MessageList />);
    const box = view.container.querySelector<HTMLElement>('.messages')!;
    let open = false;
    layOut(box, 2_000, () => (open ? 300 : 0));
    box.scrollTop = 0;

    open = true;
    act(() => void (value.ui.open.value = true));
    expect(box.scrollTop, 'opened at the newest message').toBe(2_000);

    box.scrollTop = 500;
    fireEvent.scroll(box);
    open = false;
    act(() => void (value.ui.open.value = false));
    box.scrollTop = 0;
    open = true;
    act(() => void (value.ui.open.value = true));
    expect(box.scrollTop, 'the place the reader scrolled to').toBe(500);

    box.scrollTop = 1_700;
    fireEvent.scroll(box);
    open = false;
    act(() => void (value.ui.open.value = false));
    box.scrollTop = 0;
    await chat.send('second');
    layOut(box, 3_000, () => (open ? 300 : 0));
    open = true;
    act(() => void (value.ui.open.value = true));
    expect(box.scrollTop, 'back at the end: the answer that came while closed').toBe(3_000);
  });
});

describe('Panel', () => {
  it('13.6 the larger panel is remembered where storage allows, and still works for the page where it refuses', () => {
    const kept = new Map<string, string>();
    const storage = { getItem: (key: string) => kept.get(key) ?? null, setItem: (key: string, value: string) => void kept.set(key, value) };
    withContext(context(chatOn(), { choices: storage }), <Panel />);
    fireEvent.click(screen.getByRole('button', { name: 'Larger panel' }));
    expect(screen.getByRole('dialog').classList.contains('expanded')).toBe(true);
    expect(kept.get('confab-expanded')).toBe('1');
    cleanup();
    withContext(context(chatOn(), { choices: storage }), <Panel />);
    expect(screen.getByRole('dialog').classList.contains('expanded'), 'remembered').toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Smaller panel' }));
    expect(kept.get('confab-expanded')).toBe('0');
    cleanup();
    const refusing = { getItem: (): string | null => { throw new DOMException('blocked', 'SecurityError'); }, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    withContext(context(chatOn(), { choices: refusing }), <Panel />);
    fireEvent.click(screen.getByRole('button', { name: 'Larger panel' }));
    expect(screen.getByRole('dialog').classList.contains('expanded')).toBe(true);
  });

  it('13.6 "Thinking…" is three dots, the words for screen readers', () => {
    withContext(context(chatOn()), <ol><MessageItem message={answerMessage({ status: 'pending', content: '' })} last /></ol>);
    const thinking = document.querySelector('.thinking')!;
    expect(thinking.querySelectorAll('i')).toHaveLength(3);
    expect(thinking.querySelector('.visually-hidden')!.textContent).toBe('Thinking…');
  });

  it('13.3 says so while the browser is offline, and the reader can still type and send', async () => {
    const online = signal(true);
    const value = context(chatOn(), { connection: { online } });
    withContext(value, <Panel />);
    expect(screen.queryByText(/You are offline/)).toBeNull();
    act(() => void (online.value = false));
    expect(screen.getByRole('status').textContent).toBe('You are offline. You can keep typing: questions are sent when the connection is back.');
    const input = screen.getByRole('textbox', { name: 'Ask a question…' });
    expect(input.hasAttribute('disabled')).toBe(false);
    fireEvent.input(input, { target: { value: 'typed offline' } });
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(false);
    act(() => void (online.value = true));
    expect(screen.queryByText(/You are offline/)).toBeNull();
  });

  // Tab staying inside the dialog needs layout and a real focus order: see test/browser/widget.browser.test.ts.
  it('shows setup problems in the dialog, named after its title', () => {
    const value = context(chatOn());
    value.ui.problems.value = ['This chat is not set up correctly: chat-url is missing.'];
    withContext(value, <Panel />);
    expect(screen.getByRole('alert').textContent).toMatch(/chat-url is missing/);
    expect(screen.getByRole('dialog', { name: 'Docs' }).getAttribute('aria-modal')).toBe('true');
  });
});
