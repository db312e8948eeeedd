/**
 * `confab-chat`: the widget for an app's own bundle. `defineConfabChat()` registers
 * `<confab-chat>` (or `import 'confab-chat/element'`, which does it on import); the SDK's
 * names come along (`confab-chat/sdk` has them alone), for a custom provider or the
 * headless engine beside the element.
 */
export { defineConfabChat, CONFAB_TAG } from './widget/define';
export { ConfabChatElement } from './widget/element';
export type { ConfabEventDetails } from './widget/events';
export type { ConfabChatAttributes } from './jsx/attributes';
export type { ConfabChatEvents } from './jsx/dom';
export type { ConfabConfigInput, GetToken, LauncherPosition, Redact, Suggest, Theme, WidgetMode } from './widget/config/config-types';
export type { HandoffOffer } from './widget/handoff/handoff-option';
export type { DeepPartial, FeedbackReason, Strings } from './widget/i18n/strings';
export * from './sdk/index';
