// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { configure, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customProvider } from '../../src/sdk/providers/custom-provider';
import { createChatStore } from '../../src/sdk/chat/chat-store';
import { idbBackend } from '../../src/sdk/chat/kv-backend';
import { defineConfabChat } from '../../src/widget/define';
import type { ConfabChatElement } from '../../src/widget/element';

/*
 * Issue 11.6: what a storage problem means for the reader is said in the panel, in plain
 * translated words, not only as a confab-error (see storage-unavailable.test.tsx for a browser
 * without IndexedDB).
 */

beforeAll(() => {
  defineConfabChat();
  // The element loads its panel with a dynamic import: more than the default second on a loaded machine.
  configure({ asyncUtilTimeout: 5_000, getElementError: (message) => new Error(message ?? 'query failed') });
});

let counter = 0;
const mounted: ConfabChatElement[] = [];

// The element unmounts in a microtask after it leaves the page: removed here, while the document
// still exists, rather than by the environment's teardown.
afterEach(async () => {
  for (const element of mounted.splice(0)) element.remove();
  await new Promise((resolve) => setTimeout(resolve, 0));
});

function mount(storeName: string, lang = 'en') {
  const element = document.createElement('confab-chat') as ConfabChatElement;
  element.config = { provider: customProvider(async function* () { yield 'ok'; }), storeName };
  element.setAttribute('open', '');
  element.setAttribute('lang', lang);
  const errors: string[] = [];
  element.addEventListener('confab-error', (event) => errors.push((event as CustomEvent<{ code: string }>).detail.code));
  document.body.append(element);
  mounted.push(element);
  return { element, errors, shadow: () => within(element.shadowRoot as unknown as HTMLElement) };
}

describe('11.6 storage problems shown to the reader', () => {
  it('a saved conversation that cannot be read: the others show, and the panel says some are hidden', async () => {
    const storeName = `notice-${counter++}`;
    const seed = createChatStore({ name: storeName });
    await seed.saveConversation({ id: 'fine', title: 'A fine one', createdAt: 1, updatedAt: 1, status: 'idle', messageCount: 0 });
    seed.close();
    const backend = idbBackend(storeName);
    await backend.write([['conv:broken', null]]);
    backend.close();
    const { shadow, errors } = mount(storeName);
    await shadow().findByText('Some saved conversations could not be read and are not shown.');
    expect(errors).toContain('storage_unavailable');
  });

  it('conversations saved by a newer version: kept safe, and the panel says so, in the reader’s language', async () => {
    const storeName = `notice-${counter++}`;
    const backend = idbBackend(storeName);
    await backend.write([['meta:schema', { version: 99 }]]);
    backend.close();
    const { element, shadow } = mount(storeName, 'de');
    await shadow().findByText(/Unterhaltungen, die eine neuere Version dieses Chats gespeichert hat, bleiben erhalten/);
    await waitFor(() => expect(element.shadowRoot!.querySelector('[part=storage-notice]')).not.toBeNull());
  });
});
