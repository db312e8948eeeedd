// Compiled by `npm run typecheck`, and in a fresh project against the packed package
// (test/package/fresh-projects.test.ts): `import 'confab-chat/element'` alone types the
// element, its `config` and each event's `detail`, with no other import.
import 'confab-chat/element';
import type { ConfabChatElement, ConfabConfigInput, ConfabEventDetails } from 'confab-chat/element';

const chat = document.createElement('confab-chat');
export const element: ConfabChatElement = chat;
export const found: ConfabChatElement | null = document.querySelector('confab-chat');

chat.config = { chatUrl: '/api/chat/v1', model: 'confab-docs', theme: 'dark', user: { id: 'user_42' }, redact: (conversation) => conversation };
export const config: ConfabConfigInput = chat.config;
chat.open();
void chat.send('How do I embed confab?');

chat.addEventListener('confab-message', (event) => {
  const text: string = event.detail.message.content;
  const conversation: string = event.detail.conversationId;
  console.log(text, conversation);
});
chat.addEventListener('confab-feedback', (event) => {
  const rating: 'positive' | 'negative' | null = event.detail.rating;
  console.log(rating);
});
chat.addEventListener('confab-error', (event) => console.warn(event.detail.code, event.detail.option, event.detail.error.message));
// The events bubble: an ancestor's listener knows them too.
document.body.addEventListener('confab-delete', (event) => console.log(event.detail.conversationId));

export const detail: ConfabEventDetails['confab-open'] = {};

// @ts-expect-error: not a theme
chat.config = { theme: 'neon' };

// @ts-expect-error: a message's detail has no rating
chat.addEventListener('confab-message', (event) => event.detail.rating);
