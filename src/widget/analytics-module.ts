/**
 * The logging chunk of the script-tag build: the analytics outbox whole, both its writing and
 * its sending half, and the trimming of a conversation over the API's size limit. Loaded with
 * the panel only where logging is set up (an analytics key, `data-server` or `getToken`), so a
 * site that does not log never fetches it; where it is set up, the panel starts only once this
 * is there, so nothing is said in the chat that its log could not keep.
 */
export { createAnalyticsCore } from '../sdk/analytics/analytics-core';
export { fitConversation } from '../sdk/analytics/fit-conversation';
export { createPass } from '../sdk/analytics/outbox-pass';
