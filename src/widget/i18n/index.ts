export { format } from './format';
export { isRtl } from './is-rtl';
export { resolveStrings } from './resolve-strings';
export type { ResolvedStrings } from './resolve-strings';
export { FEEDBACK_REASONS } from './strings';
export type { DeepPartial, FeedbackReason, Strings } from './strings';
