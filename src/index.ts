export { defineConfabChat, CONFAB_TAG } from './widget/define';
export { ConfabChatElement, CONFAB_ATTRIBUTES } from './widget/element';
export * from './sdk/index';
