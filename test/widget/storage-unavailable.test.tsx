// @vitest-environment jsdom
// No fake-indexeddb here: a browser that keeps nothing (private mode, storage blocked).
import { configure, within } from '@testing-library/preact';
import { beforeAll, expect, it } from 'vitest';
import { customProvider } from '../../src/sdk/providers/custom-provider';
import { defineConfabChat } from '../../src/widget/define';
import type { ConfabChatElement } from '../../src/widget/element';

beforeAll(() => {
  defineConfabChat();
  // The element loads its panel with a dynamic import: more than the default second on a loaded machine.
  configure({ asyncUtilTimeout: 5_000, getElementError: (message) => new Error(message ?? 'query failed') });
});

it('11.6 where nothing can be kept, the panel says the conversations will be gone, and the chat still answers', async () => {
  expect(typeof indexedDB).toBe('undefined');
  const element = document.createElement('confab-chat') as ConfabChatElement;
  element.config = { provider: customProvider(async function* () { yield 'Still answering.'; }), storeName: 'private' };
  element.setAttribute('open', '');
  document.body.append(element);
  const shadow = within(element.shadowRoot as unknown as HTMLElement);
  await shadow.findByText('This browser is not keeping your conversations (private browsing or blocked storage): they will be gone when you leave.');
  await element.send('hello?');
  await shadow.findByText('Still answering.');
  element.remove();
  await new Promise((resolve) => setTimeout(resolve, 0));
});
