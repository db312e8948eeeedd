export { defineConfabChat, CONFAB_TAG } from './widget/define';
export { ConfabChatElement } from './widget/element';
export type { ConfabEventDetails } from './widget/events';
export type { ConfabChatAttributes, ConfabChatEvents } from './jsx/attributes';
export { CONFIG_ATTRIBUTES } from './widget/config';
export type { ConfabConfigInput, LauncherPosition, Theme, WidgetMode } from './widget/config';
export type { DeepPartial, Strings } from './widget/i18n';
export * from './sdk/index';
