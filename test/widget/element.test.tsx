// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { configure, fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { customProvider } from '../../src/sdk/providers/custom-provider';
import type { ReplyEvent } from '../../src/sdk/providers/chat-provider';
import { defineConfabChat } from '../../src/widget/define';
import type { ConfabChatElement } from '../../src/widget/element';

beforeAll(() => {
  defineConfabChat();
  // testing-library cannot pretty-print a ShadowRoot: without this a failed query inside one
  // crashes while building its message and the test hangs instead of failing.
  // The element loads its panel with a dynamic import: more than the default second on a loaded machine.
  configure({ asyncUtilTimeout: 5_000, getElementError: (message) => new Error(message ?? 'query failed') });
});

let storeCounter = 0;
const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

/** A widget on a scripted backend, each in its own store. */
function mount(attributes: Record<string, string> = {}, answers: Array<string | ReplyEvent[]> = ['Hello from **confab**.']) {
  const element = document.createElement('confab-chat') as ConfabChatElement;
  const queue = [...answers];
  element.config = {
    provider: customProvider(async function* () {
      const next = queue.shift() ?? 'ok';
      if (typeof next === 'string') yield next;
      else yield* next;
    }),
    storeName: `widget-${storeCounter++}`,
  };
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  const events: Array<{ type: string; detail: unknown }> = [];
  for (const type of ['confab-open', 'confab-close', 'confab-message', 'confab-feedback', 'confab-delete', 'confab-error']) {
    element.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
  }
  document.body.append(element);
  mounted.push(element);
  const shadow = () => within(element.shadowRoot as unknown as HTMLElement);
  return { element, events, shadow };
}

describe('<confab-chat>', () => {
  it('renders only a launcher in an open shadow root; opening shows the panel, focuses the input and fires confab-open', async () => {
    const { element, events, shadow } = mount({ title: 'Ask the docs' });
    const launcher = await shadow().findByRole('button', { name: 'Open chat' });
    expect(element.shadowRoot?.mode).toBe('open');
    // Issue 14: the panel is rendered when first wanted, not at startup.
    expect(element.shadowRoot!.querySelector('[role=dialog]')).toBeNull();
    fireEvent.click(launcher);
    // jsdom caches computed styles and does not invalidate them inside shadow roots, so a role
    // query would still see the panel as display:none: read the attribute and the label instead.
    const dialog = await waitFor(() => {
      const panel = element.shadowRoot!.querySelector<HTMLElement>('[role=dialog]');
      expect(panel).not.toBeNull();
      return panel!;
      // The first test loads the panel's chunk (compiled on demand here).
    }, { timeout: 10_000 });
    await waitFor(() => expect(dialog.hidden).toBe(false));
    expect(element.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Ask the docs');
    await waitFor(() => expect(element.shadowRoot?.activeElement).toBe(element.shadowRoot!.querySelector('textarea')));
    expect(events.map((event) => event.type)).toEqual(['confab-open']);
  });

  it('the host’s title (the widget’s title) is never a tooltip over the widget: with only the launcher, and with the panel open', async () => {
    const { element, shadow } = mount({ title: 'Ask the docs' });
    /** Elements whose tooltip would be the host's: the nearest title up the composed tree is the host's own. */
    const underHostTitle = () =>
      [...element.shadowRoot!.querySelectorAll(':not(style, link)')].filter((node) => {
        let at: Node | null = node;
        while (at) {
          if (at instanceof Element && at.hasAttribute('title')) return at === element;
          at = at.parentNode instanceof ShadowRoot ? at.parentNode.host : at.parentNode;
        }
        return false;
      });
    fireEvent.pointerEnter(await shadow().findByRole('button', { name: 'Open chat' }));
    expect(underHostTitle().map((node) => node.tagName)).toEqual([]);
    fireEvent.click(await shadow().findByRole('button', { name: 'Open chat' }));
    await waitFor(() => expect(element.shadowRoot!.querySelector('[role=dialog] textarea')).not.toBeNull());
    expect(underHostTitle().map((node) => node.tagName)).toEqual([]);
  });

  it('Esc closes the panel, fires confab-close and gives focus back to the launcher', async () => {
    const { element, events, shadow } = mount({ open: '' });
    const dialog = await shadow().findByRole('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const input = shadow().getByRole('textbox');
    input.focus();
    fireEvent.keyDown(input, { key: 'Escape' });
    await waitFor(() => expect(shadow().queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(element.shadowRoot?.activeElement).toBe(shadow().getByRole('button', { name: 'Open chat' })));
    expect(events.map((event) => event.type)).toEqual(['confab-close']);
  });

  it('opened on the conversation list, the panel still takes the focus', async () => {
    const { element, shadow } = mount();
    const launcher = await shadow().findByRole('button', { name: 'Open chat' });
    fireEvent.click(launcher);
    // By attribute: jsdom keeps the panel's cached display:none (see the first test).
    await waitFor(() => expect(element.shadowRoot!.querySelector('[aria-label=Conversations]')).not.toBeNull());
    fireEvent.click(element.shadowRoot!.querySelector('[aria-label=Conversations]')!);
    fireEvent.click(launcher);
    await waitFor(() => expect(element.shadowRoot!.querySelector<HTMLElement>('[role=dialog]')!.hidden).toBe(true));
    fireEvent.click(launcher);
    await waitFor(() => expect(element.shadowRoot!.querySelector('[role=dialog]')!.contains(element.shadowRoot!.activeElement)).toBe(true));
  });

  it('Escape on the launcher closes the open panel; an Escape that ends an IME composition does not', async () => {
    const { element, events, shadow } = mount({ open: '' });
    const input = await shadow().findByRole('textbox');
    fireEvent.keyDown(input, { key: 'Escape', isComposing: true });
    // Closing would be seen a task later: wait one, then nothing may have happened.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(element.shadowRoot!.querySelector<HTMLElement>('[role=dialog]')!.hidden).toBe(false);
    expect(events).toEqual([]);
    fireEvent.keyDown(shadow().getByRole('button', { name: 'Close chat' }), { key: 'Escape' });
    await waitFor(() => expect(events.map((event) => event.type)).toEqual(['confab-close']));
  });

  it('a half-typed question survives a visit to the conversation list and a change of language', async () => {
    const { element } = mount({ open: '' });
    const root = element.shadowRoot!;
    await waitFor(() => expect(root.querySelector('textarea')).not.toBeNull());
    fireEvent.input(root.querySelector('textarea')!, { target: { value: 'half a quest' } });
    fireEvent.click(root.querySelector('[aria-label=Conversations]')!);
    await waitFor(() => expect(root.querySelector('textarea')).toBeNull());
    fireEvent.click(root.querySelector('.back')!);
    await waitFor(() => expect(root.querySelector('textarea')?.value).toBe('half a quest'));
    element.setAttribute('lang', 'de');
    await waitFor(() => expect(root.querySelector('textarea')?.getAttribute('placeholder')).not.toBe('Ask a question…'));
    expect(root.querySelector('textarea')?.value).toBe('half a quest');
  });

  it('a change of language reaches every component in place: the answer’s controls, its code block and an open rename form', async () => {
    const { element, shadow } = mount({ open: '' }, ['Run:\n\n```sh\nnpm test\n```']);
    const root = element.shadowRoot!;
    await element.send('How do I test?');
    await shadow().findByRole('button', { name: 'Copy code' });
    element.setAttribute('lang', 'de');
    await shadow().findByRole('button', { name: 'Code kopieren' });
    expect(shadow().getByRole('button', { name: 'Antwort kopieren' })).toBeTruthy();
    expect(shadow().getByRole('button', { name: 'Hilfreich' })).toBeTruthy();
    expect(shadow().queryByRole('button', { name: 'Copy answer' })).toBeNull();

    fireEvent.click(root.querySelector('[aria-label=Unterhaltungen]')!);
    await waitFor(() => expect(root.querySelector('[part~=rename]')).not.toBeNull());
    fireEvent.click(root.querySelector('[part~=rename]')!);
    // Queried by attribute: jsdom keeps the list's earlier computed style (see the first test).
    const renameField = (label: string) => root.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`);
    await waitFor(() => expect(renameField('Titel der Unterhaltung')).not.toBeNull());
    fireEvent.input(renameField('Titel der Unterhaltung')!, { target: { value: 'Tests laufen lassen' } });
    element.setAttribute('lang', 'en');
    await waitFor(() => expect(renameField('Conversation title')).not.toBeNull());
    expect(renameField('Conversation title')!.value, 'the open form and its text stay').toBe('Tests laufen lassen');
  });

  it('close() from the page leaves the page its focus', async () => {
    const { element, shadow } = mount({ open: '' });
    await shadow().findByRole('dialog');
    const pageField = document.createElement('input');
    document.body.append(pageField);
    pageField.focus();
    element.close();
    await waitFor(() => expect(shadow().queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(pageField);
    pageField.remove();
  });

  it('an answer that arrives while the panel is closed is announced from outside the panel', async () => {
    const { element } = mount();
    await element.send('q');
    element.close();
    const live = element.shadowRoot!.querySelector('[aria-live]')!;
    await waitFor(() => expect(live.textContent).toMatch(/Hello from confab/));
    expect(live.closest('[role=dialog]')).toBeNull();
  });

  it('send() opens the panel, streams the answer, renders markdown and fires confab-message', async () => {
    const { element, events, shadow } = mount();
    await element.send('What is confab?');
    await shadow().findByText('confab', { selector: 'strong' });
    expect(shadow().getByText('What is confab?')).toBeTruthy();
    await waitFor(() => expect(events.map((event) => event.type)).toEqual(['confab-open', 'confab-message']));
    expect(events[1]!.detail).toMatchObject({ type: 'message', message: { content: 'Hello from **confab**.', status: 'done' } });
  });

  it('Enter sends, Shift+Enter does not', async () => {
    const { shadow } = mount({ open: '' });
    const input = (await shadow().findByRole('textbox', { name: 'Ask a question…' })) as HTMLTextAreaElement;
    fireEvent.input(input, { target: { value: 'line one' } });
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(input.value).toBe('line one');
    expect(shadow().queryByText('line one', { selector: '.bubble' })).toBeNull();
    fireEvent.keyDown(input, { key: 'Enter' });
    await shadow().findByText('line one', { selector: '.bubble' });
    await shadow().findByText('confab', { selector: 'strong' });
    expect(input.value).toBe('');
  });

  it('a bad attribute fires confab-error naming it and the fix, and the widget still renders', async () => {
    const { events, shadow } = mount({ theme: 'neon', suggestions: '[not json' });
    await shadow().findByRole('button', { name: 'Open chat' });
    await waitFor(() => expect(events.filter((event) => event.type === 'confab-error')).toHaveLength(2));
    const problems = events.map((event) => event.detail as { option?: string; message: string });
    expect(problems.map((problem) => problem.option).sort()).toEqual(['suggestions', 'theme']);
    expect(problems.find((problem) => problem.option === 'theme')?.message).toMatch(/theme.*light.*dark.*auto/s);
  });

  it('a secret chat-key fires confab-error and a console warning once, and is not shown in the panel (issue 11, item 15)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { element, events, shadow } = mount({ 'chat-key': 'sk-proj-abc123', open: '' });
    await shadow().findByRole('textbox');
    element.setAttribute('title', 'Still one warning');
    await waitFor(() => expect(events.filter((event) => event.type === 'confab-error')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const errors = events.filter((event) => event.type === 'confab-error').map((event) => event.detail as { code: string; message: string });
    expect(errors).toEqual([expect.objectContaining({ code: 'exposed_key', message: expect.stringMatching(/^chat-key is a secret key \(sk-proj-…\), now public on this page/) })]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![1])).toMatch(/exposed|secret key/);
    expect(element.shadowRoot!.querySelector('.config-problems')).toBeNull();
    expect(element.shadowRoot!.textContent).not.toMatch(/secret|sk-proj/);
  });

  it('a missing chat-url is reported in the panel, not only as an event', async () => {
    const element = document.createElement('confab-chat') as ConfabChatElement;
    const errors: string[] = [];
    element.addEventListener('confab-error', (event) => errors.push((event as CustomEvent).detail.option));
    element.setAttribute('open', '');
    document.body.append(element);
    mounted.push(element);
    const alert = await within(element.shadowRoot as unknown as HTMLElement).findByRole('alert');
    expect(alert.textContent).toMatch(/chat-url/);
    expect(errors).toContain('chat-url');
  });

  it('attributes react after mount: title, theme, mode and lang (Arabic is right-to-left)', async () => {
    const { element, shadow } = mount({ open: '' });
    await shadow().findByRole('dialog', { name: 'Ask AI' });
    element.setAttribute('title', 'Support');
    element.setAttribute('theme', 'dark');
    element.setAttribute('lang', 'ar');
    await waitFor(() => expect(element.dataset['theme']).toBe('dark'));
    const root = element.shadowRoot!.querySelector('.root')!;
    await waitFor(() => expect(root.getAttribute('dir')).toBe('rtl'));
    expect(shadow().getByRole('dialog', { name: 'Support' })).toBeTruthy();
    // The texts follow the language, not only the layout.
    expect(element.shadowRoot!.querySelector('textarea')?.getAttribute('placeholder')).toBe('اطرح سؤالًا…');
    element.setAttribute('mode', 'inline');
    await waitFor(() => expect(shadow().queryByRole('button', { name: /chat/i, expanded: false })).toBeNull());
    expect(shadow().getByRole('region', { name: 'Support' })).toBeTruthy();
  });

  it('thumbs down asks for reasons; the vote and its reasons fire confab-feedback and survive a remount', async () => {
    const { element, events, shadow } = mount({ open: '' });
    await element.send('q');
    fireEvent.click(await shadow().findByRole('button', { name: 'Not helpful' }));
    fireEvent.click(await shadow().findByRole('checkbox', { name: 'Inaccurate statement' }));
    fireEvent.click(shadow().getByRole('button', { name: 'Send feedback' }));
    await waitFor(() => expect(events.filter((event) => event.type === 'confab-feedback').at(-1)?.detail).toMatchObject({ rating: 'negative', reasons: ['inaccurate_statement'] }));
    expect(shadow().getByRole('button', { name: 'Not helpful' }).getAttribute('aria-pressed')).toBe('true');

    // A new element on the same store opens the same conversation with the vote kept.
    const again = document.createElement('confab-chat') as ConfabChatElement;
    again.config = { ...element.config };
    again.setAttribute('open', '');
    document.body.append(again);
    mounted.push(again);
    const view = within(again.shadowRoot as unknown as HTMLElement);
    fireEvent.click(await view.findByRole('button', { name: 'Conversations' }));
    fireEvent.click(await view.findByRole('button', { name: /^q/ }));
    await waitFor(() => expect(view.getByRole('button', { name: 'Not helpful' }).getAttribute('aria-pressed')).toBe('true'));
  });

  it('the conversation list: switch, rename inline, delete after confirming (confab-delete)', async () => {
    const { element, events, shadow } = mount({ open: '' }, ['first answer', 'second answer']);
    await element.send('first question');
    element.newConversation();
    await element.send('second question');
    fireEvent.click(shadow().getByRole('button', { name: 'Conversations' }));
    fireEvent.click(await shadow().findByRole('button', { name: 'Rename: first question' }));
    const field = shadow().getByRole('textbox', { name: 'Conversation title' });
    fireEvent.input(field, { target: { value: 'Billing' } });
    fireEvent.submit(field.closest('form')!);
    await shadow().findByText('Billing');
    fireEvent.click(shadow().getByRole('button', { name: 'Delete: Billing' }));
    fireEvent.click(await shadow().findByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(events.some((event) => event.type === 'confab-delete')).toBe(true));
    await waitFor(() => expect(shadow().queryByRole('button', { name: /^Billing/ })).toBeNull());
    fireEvent.click(shadow().getByRole('button', { name: /^second question/ }));
    await shadow().findByText('second answer');
  });

  it('a suggestion click sends it', async () => {
    const { shadow } = mount({ open: '', suggestions: '["How do I start?"]' });
    fireEvent.click(await shadow().findByRole('button', { name: 'How do I start?' }));
    await shadow().findByText('How do I start?', { selector: '.bubble' });
  });

  it('an unread dot appears when an answer arrives while closed', async () => {
    const { element, shadow } = mount();
    const sending = element.send('q');
    element.close();
    await sending;
    await shadow().findByRole('button', { name: 'Open chat (New message)' });
  });

  it('loading the registration twice is harmless', async () => {
    // A fresh copy of the module, as a second confab bundle on the page would be.
    vi.resetModules();
    const { defineConfabChat: again } = await import('../../src/widget/define');
    expect(again()).toBe(customElements.get('confab-chat'));
  });

  it('a backend failure fires confab-error exactly once', async () => {
    const element = document.createElement('confab-chat') as ConfabChatElement;
    element.config = {
      provider: customProvider(() => {
        throw new Error('backend down');
      }),
      storeName: `widget-${storeCounter++}`,
    };
    const errors: unknown[] = [];
    element.addEventListener('confab-error', (event) => errors.push((event as CustomEvent).detail));
    document.body.append(element);
    mounted.push(element);
    await element.send('q');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors).toHaveLength(1);
  });

  it('an action the controller refuses is reported as confab-error, not left as an unhandled rejection', async () => {
    let calls = 0;
    const element = document.createElement('confab-chat') as ConfabChatElement;
    element.config = {
      provider: customProvider(async function* () {
        if (calls++ === 0) throw new Error('backend down');
        yield 'recovered';
      }),
      storeName: `widget-${storeCounter++}`,
    };
    const errors: string[] = [];
    element.addEventListener('confab-error', (event) => errors.push((event as CustomEvent).detail.code));
    document.body.append(element);
    mounted.push(element);
    await element.send('q');
    const shadow = within(element.shadowRoot as unknown as HTMLElement);
    const retry = await shadow.findByRole('button', { name: 'Retry' });
    // Two clicks before the widget renders again: the second finds an answer already running.
    fireEvent.click(retry);
    fireEvent.click(retry);
    await shadow.findByText('recovered');
    expect(errors).toContain('busy');
  });

  it('a new function or an equal object in config does not rebuild the controller (the conversation stays)', async () => {
    const { element, shadow } = mount({ open: '' }, ['first answer', 'second answer']);
    element.config = { ...element.config, suggest: () => [], user: { id: 'same' } };
    await element.send('first question');
    await shadow().findByText('first answer');
    // What a framework re-render does: a new arrow function and an equal, new object.
    element.config = { ...element.config, suggest: () => [], user: { id: 'same' } };
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(shadow().getByText('first answer')).toBeTruthy();
    await element.send('second question');
    await shadow().findByText('second answer');
    expect(shadow().getByText('first answer')).toBeTruthy();
  });

  it('moving the element keeps its conversation', async () => {
    const { element, shadow } = mount({ open: '' });
    await element.send('q');
    await shadow().findByText('confab', { selector: 'strong' });
    const box = document.createElement('div');
    document.body.append(box);
    box.append(element);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(shadow().getByText('q', { selector: '.bubble' })).toBeTruthy();
    box.remove();
  });

  it('send() right after a settings change reaches the new settings', async () => {
    const { element, shadow } = mount({ open: '' });
    element.setAttribute('store-name', `widget-${storeCounter++}`);
    await element.send('to the new store');
    await shadow().findByText('to the new store', { selector: '.bubble' });
  });

  it('a config set before the element was defined is used (the upgrade step)', async () => {
    const early = document.createElement('confab-early') as HTMLElement & { config?: unknown };
    early.config = { chatUrl: '/api/chat/v1', model: 'm', storeName: `widget-${storeCounter++}` };
    const errors: string[] = [];
    early.addEventListener('confab-error', (event) => errors.push((event as CustomEvent).detail.message));
    document.body.append(early);
    mounted.push(early);
    const { defineConfabChat: define } = await import('../../src/widget/define');
    define('confab-early');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors).toEqual([]);
    // The upgrade step took the own property over: `config` is the element's accessor now.
    expect(Object.prototype.hasOwnProperty.call(early, 'config')).toBe(false);
    expect((early as unknown as ConfabChatElement).config).toMatchObject({ chatUrl: '/api/chat/v1' });
  });

  it('an open bound by a framework before the element was defined opens it, and open() stays a method', async () => {
    const early = document.createElement('confab-early-open') as HTMLElement & { open?: unknown; config?: unknown };
    early.config = { provider: customProvider(() => ['x']), storeName: `widget-${storeCounter++}` };
    early.open = true;
    document.body.append(early);
    mounted.push(early);
    const { defineConfabChat: define } = await import('../../src/widget/define');
    define('confab-early-open');
    await waitFor(() => expect(early.shadowRoot?.querySelector<HTMLElement>('[role=dialog]')?.hidden).toBe(false));
    expect(early.hasAttribute('open')).toBe(true);
    expect(typeof (early as unknown as ConfabChatElement).open).toBe('function');
  });

  it('open() before the element is connected is kept', async () => {
    const element = document.createElement('confab-chat') as ConfabChatElement;
    element.config = { provider: customProvider(() => ['x']), storeName: `widget-${storeCounter++}` };
    element.open();
    document.body.append(element);
    mounted.push(element);
    await waitFor(() => expect(element.shadowRoot!.querySelector<HTMLElement>('[role=dialog]')?.hidden).toBe(false));
  });

  it('send() right after logging is set up (a sign-in on a panel already shown) waits for the logging chunk and is answered, not refused', async () => {
    const { element, shadow } = mount();
    element.open();
    await waitFor(() => expect(element.shadowRoot!.querySelector('[role=dialog]')).not.toBeNull());
    element.config = { ...element.config, analyticsKey: 'web-key', analyticsUrl: 'http://127.0.0.1:9' };
    await element.send('Asked right after sign-in');
    await shadow().findByText('Asked right after sign-in');
  });
});

describe('the script-tag entry', () => {
  it('mounts one widget from its data-* attributes, exposes window.confab, and a second load changes nothing', async () => {
    const script = document.createElement('script');
    script.setAttribute('src', '/static/confab.js');
    script.dataset['chatUrl'] = '/api/chat/v1';
    script.dataset['model'] = 'confab-docs';
    script.dataset['title'] = 'Ask the docs';
    script.dataset['storeName'] = `embed-${storeCounter++}`;
    document.head.append(script);
    await import('../../src/widget/embed');
    const first = window.confab!;
    expect(first.element.getAttribute('chat-url')).toBe('/api/chat/v1');
    expect(first.element.getAttribute('title')).toBe('Ask the docs');
    expect(document.querySelectorAll('confab-chat')).toHaveLength(1);
    first.open();
    await waitFor(() => expect(first.element.shadowRoot!.querySelector<HTMLElement>('[role=dialog]')?.hidden).toBe(false));
    vi.resetModules();
    await import('../../src/widget/embed');
    expect(window.confab).toBe(first);
    expect(document.querySelectorAll('confab-chat')).toHaveLength(1);
    first.element.remove();
    script.remove();
  });
});
