// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { configure, fireEvent, waitFor, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReplyEvent } from '../../src/sdk/providers/chat-provider';
import { customProvider } from '../../src/sdk/providers/custom-provider';
import { defineConfabChat } from '../../src/widget/define';
import type { ConfabChatElement } from '../../src/widget/element';
import { startBackendProcess, type BackendProcess } from '../support/backend-process';

/*
 * Issue 10's failures at the element (10.N is the issue's numbering): what a page does to the
 * widget — remove it mid-answer, change a setting, close it, use PulseAI — loses nothing.
 * Logging goes to the reference analytics server over real HTTP.
 */

let backend: BackendProcess;
beforeAll(async () => {
  defineConfabChat();
  // The element loads its panel with a dynamic import: more than the default second on a loaded machine.
  configure({ asyncUtilTimeout: 5_000, getElementError: (message) => new Error(message ?? 'query failed') });
  backend = await startBackendProcess();
}, 30_000);
afterAll(async () => {
  // Removed elements save and log their last turn in the background (an SPA route change):
  // let that end while this file's window and the backend still exist, or a report it makes
  // would be dispatched into a window already torn down (an unhandled rejection in CI).
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await backend.stop();
});
beforeEach(async () => {
  await Promise.all([backend.reset('analytics'), backend.reset('pulse')]);
});

interface LoggedConversation {
  tags?: string[];
  properties?: Record<string, unknown>;
  userProperties?: Record<string, unknown>;
  messages: Array<{ content: string }>;
}
const logged = async () => (await backend.state<{ conversations: LoggedConversation[] }>('analytics')).conversations;

let storeCounter = 0;
const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

/** A provider the test feeds: `push` pieces of text, then `end`. */
function liveProvider() {
  const pieces: Array<ReplyEvent | 'end'> = [];
  let wake = () => undefined as void;
  const provider = customProvider(async function* ({ signal }) {
    for (;;) {
      while (pieces.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const next = pieces.shift()!;
      if (next === 'end' || signal.aborted) return;
      yield next;
    }
  });
  return {
    provider,
    push(text: string) {
      pieces.push({ type: 'text', delta: text });
      wake();
    },
    end() {
      pieces.push('end');
      wake();
    },
  };
}

function mount(attributes: Record<string, string>, config: Record<string, unknown> = {}) {
  const element = document.createElement('confab-chat') as ConfabChatElement;
  element.config = { storeName: `widget-zero-loss-${storeCounter++}`, ...config };
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  const errors: unknown[] = [];
  element.addEventListener('confab-error', (event) => errors.push((event as CustomEvent).detail));
  document.body.append(element);
  mounted.push(element);
  const shadow = () => within(element.shadowRoot as unknown as HTMLElement);
  return { element, errors, shadow };
}

const analyticsAttributes = () => ({ 'analytics-url': `${backend.url}/api/analytics`, 'analytics-key': 'confab-demo-web-key' });
const loggedContents = async () => (await logged()).map((conversation) => conversation.messages.map((message) => message.content));

describe('issue 10 at the element', () => {
  it('10.4 removing the widget during an answer (an SPA route change) keeps the turn and logs it, with no error', async () => {
    const live = liveProvider();
    const { element, errors, shadow } = mount({ ...analyticsAttributes(), open: '' }, { provider: live.provider });
    void element.send('asked before the route change').catch(() => undefined);
    live.push('Half of the answer');
    await shadow().findByText('Half of the answer');
    element.remove();
    await waitFor(async () => expect(await loggedContents()).toEqual([['asked before the route change', 'Half of the answer']]), { timeout: 5_000 });
    expect(errors).toEqual([]);
  });

  it('10.6 changing the welcome, suggestions, tags, properties or user during an answer does not stop it; they apply at once', async () => {
    const live = liveProvider();
    const { element, errors, shadow } = mount({ ...analyticsAttributes(), open: '' }, { provider: live.provider });
    const sending = element.send('a long question');
    live.push('The answer begins');
    await shadow().findByText('The answer begins');
    element.setAttribute('welcome', 'A new greeting');
    element.setAttribute('suggestions', '["Another starter?"]');
    element.config = { ...element.config, tags: ['changed'], properties: { plan: 'pro' }, user: { id: 'user_7' } };
    await new Promise((resolve) => setTimeout(resolve, 20));
    live.push(' and ends.');
    live.end();
    await sending;
    await shadow().findByText('The answer begins and ends.');
    await waitFor(async () => expect((await logged()).at(-1)).toMatchObject({ tags: ['changed'], properties: { plan: 'pro' }, userProperties: { id: 'user_7' } }), { timeout: 5_000 });
    expect(errors).toEqual([]);
  });

  it('10.10 the open attribute follows the panel: closed by the reader, it is removed, and setting it again opens', async () => {
    const { element, shadow } = mount({ open: '', 'chat-url': `${backend.url}/api/chat/v1`, model: 'confab-docs' });
    const dialog = () => element.shadowRoot!.querySelector<HTMLElement>('[role=dialog]')!;
    await waitFor(() => expect(dialog().hidden).toBe(false));
    fireEvent.click(await shadow().findByRole('button', { name: 'Close chat' }));
    await waitFor(() => expect(dialog().hidden).toBe(true));
    expect(element.hasAttribute('open')).toBe(false);
    element.setAttribute('open', '');
    await waitFor(() => expect(dialog().hidden).toBe(false));
    element.close();
    await waitFor(() => expect(element.hasAttribute('open')).toBe(false));
    element.open();
    await waitFor(() => expect(element.hasAttribute('open')).toBe(true));
    expect(typeof element.open).toBe('function');
  });

  it('10.11 PulseAI and the analytics log know the visitor by one id', async () => {
    const { element } = mount({ ...analyticsAttributes(), provider: 'pulse', 'chat-url': `${backend.url}/api/pulse/v1`, 'chat-key': 'app-confab-demo', open: '' });
    await element.send('Which id am I?');
    const [pulseConversation] = (await backend.state<{ conversations: Array<{ user: string }> }>('pulse')).conversations;
    await waitFor(async () => expect(await logged()).toHaveLength(1), { timeout: 5_000 });
    const [conversation] = await logged();
    expect(pulseConversation?.user).toMatch(/^visitor_/);
    expect(conversation?.userProperties).toMatchObject({ id: pulseConversation?.user, identificationType: 'COOKIED' });
  });
});
