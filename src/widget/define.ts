import { ConfabChatElement } from './element';

/** The tag confab registers unless told otherwise. */
export const CONFAB_TAG = 'confab-chat';

/**
 * Registers `<confab-chat>` (or `tagName`) once. Safe to call many times, and from two copies
 * of confab on one page: the first registration wins and later calls return it.
 */
export function defineConfabChat(tagName: string = CONFAB_TAG): CustomElementConstructor {
  const existing = customElements.get(tagName);
  if (existing) return existing;
  // A subclass per extra tag name: one constructor may be registered under one name only.
  const constructor = tagName === CONFAB_TAG ? ConfabChatElement : class extends ConfabChatElement {};
  customElements.define(tagName, constructor);
  return constructor;
}

declare global {
  interface HTMLElementTagNameMap {
    'confab-chat': ConfabChatElement;
  }
}
