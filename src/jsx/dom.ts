/**
 * Types `<confab-chat>`'s events in the DOM's own event map, so that `addEventListener` on the
 * element, or on any element above it (the events bubble and are composed), knows each
 * event's `detail`. `confab-chat` and `confab-chat/element` both load it.
 */
import type { ConfabChatEvents } from './attributes';

declare global {
  // Merged into lib.dom's map: `chat.addEventListener('confab-message', (event) => event.detail.message)`.
  interface HTMLElementEventMap extends ConfabChatEvents {}
}

export type { ConfabChatEvents };
