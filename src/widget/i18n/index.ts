export { en } from './en';
export { format } from './format';
export { isRtl } from './is-rtl';
export { builtInLanguage, resolveLauncherStrings, resolveStrings } from './resolve-strings';
export type { ResolvedStrings } from './resolve-strings';
export type { LanguageModule, PanelTexts, Translated } from './translations';
export { FEEDBACK_REASONS } from './strings';
export type { DeepPartial, FeedbackReason, Strings } from './strings';
