/**
 * `confab-chat/element`: importing it registers `<confab-chat>`, and gives TypeScript the
 * element: `document.createElement('confab-chat')` is a {@link ConfabChatElement}, its
 * `config` is typed, and so is each `confab-*` event's `detail`.
 */
import { defineConfabChat } from './widget/define';

defineConfabChat();

export { ConfabChatElement } from './widget/element';
export type { ConfabConfigInput } from './widget/config/config-types';
export type { ConfabEventDetails } from './widget/events';
// Only for the declarations: `<confab-chat>` in HTMLElementTagNameMap (declared beside the
// registration) and its events in HTMLElementEventMap. Neither adds code.
export type {} from './widget/define';
export type {} from './jsx/dom';
