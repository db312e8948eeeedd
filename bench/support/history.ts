/**
 * A long stored conversation, written into a page's IndexedDB through the widget's own store
 * (`createChatStore` from the built `dist/sdk.js`, bundled as an app would, see sdk-app.ts), so the records are exactly what the widget
 * writes and reads: `conv:<id>`, `msg:<id>:<index>` and `meta:schema` in `confab-chat-<name>`.
 */
import type { Page } from 'playwright-core';
import type { ChatMessage, StoredConversation } from '../../src/sdk/index';
import { SDK_APP_URL, type SdkApp } from './sdk-app';

/** Answers the way the docs assistant writes them: paragraphs, lists, inline code, now and then a code block. */
const ANSWERS = [
  'Add the script tag to your page and set `data-chat-url` to your backend.\n\n- The launcher appears in the corner.\n- Conversations are kept in **IndexedDB**, so a reload keeps them.\n\nSee [the guide](https://example.com/guide) for every attribute.',
  'The outbox keeps every log until the analytics API accepts it. When the API is down, logs wait and are retried with backoff:\n\n1. first after a second,\n2. then doubling up to five minutes,\n3. and a `Retry-After` is honoured.\n\nNothing is lost on a reload.',
  'Use `createAnalytics` on its own when you have your own chat UI:\n\n```ts\nimport { createAnalytics } from \'confab-chat/sdk\';\n\nconst analytics = createAnalytics({ apiKey: \'key\' });\nawait analytics.logConversation({ messages });\n```\n\nEach call sends the full history of the conversation.',
  'Yes. Set `theme` to `dark`, or leave it at `auto` to follow the visitor\'s system setting. Colours come from CSS custom properties on the element, so *your* stylesheet can override any of them without touching the shadow root.',
];

/** `count` messages, questions and answers in turn, oldest first, all finished. */
function longConversation(count: number, now = Date.now()): { conversation: StoredConversation; messages: ChatMessage[] } {
  const id = 'conv_bench_history';
  const messages: ChatMessage[] = Array.from({ length: count }, (_, index) => {
    const at = now - (count - index) * 60_000;
    const question = index % 2 === 0;
    return {
      id: `msg_bench_${index}`,
      conversationId: id,
      index,
      role: question ? 'user' : 'assistant',
      content: question ? `Question ${index / 2 + 1}: how does confab handle this part of the setup?` : (ANSWERS[((index - 1) / 2) % ANSWERS.length] ?? ''),
      status: 'done',
      createdAt: at,
      updatedAt: at,
    };
  });
  const conversation: StoredConversation = {
    id,
    title: `A conversation of ${count} messages`,
    createdAt: messages[0]?.createdAt ?? now,
    updatedAt: now,
    status: 'idle',
    messageCount: count,
    preview: messages.at(-1)?.content.slice(0, 120),
  };
  return { conversation, messages };
}

/** Stores `count` messages in the page's origin, in the store the widget opens by default. */
export async function seedConversation(page: Page, count: number): Promise<StoredConversation> {
  const { conversation, messages } = longConversation(count);
  await page.evaluate(
    async ({ sdkUrl, conversation, messages }) => {
      const sdk = (await import(sdkUrl)) as SdkApp;
      const store = sdk.createChatStore({ name: 'default' });
      await store.ready;
      await store.saveConversation(conversation);
      await store.saveMessages(messages);
      store.close();
    },
    { sdkUrl: SDK_APP_URL, conversation, messages },
  );
  return conversation;
}
