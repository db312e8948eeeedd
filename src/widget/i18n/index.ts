export { format } from './format';
export { isRtl } from './is-rtl';
export { resolveLauncherStrings, resolveStrings } from './resolve-strings';
export type { ResolvedStrings } from './resolve-strings';
// English is also the shape every translation follows (config.strings is checked against it).
export { en } from './translations';
export { FEEDBACK_REASONS } from './strings';
export type { DeepPartial, FeedbackReason, Strings } from './strings';
