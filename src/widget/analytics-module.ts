/**
 * The logging chunk of the script-tag build: the analytics outbox whole, both its writing and
 * its sending half, and the trimming of a conversation over the API's size limit. Loaded with
 * the panel only where the chat logs (an analytics key, `data-server` or `getToken`, and
 * consent), so a site that does not log never fetches it; where it logs, the panel starts only
 * once this is there, so nothing is said in the chat that its log could not keep. The sending
 * half is exported only to keep it in this chunk: split off, what it shares with the writing
 * half became a third chunk behind another request (bench/budgets.ts).
 */
export { createAnalyticsCore } from '../sdk/analytics/analytics-core';
export { fitConversation } from '../sdk/analytics/fit-conversation';
export { createPass } from '../sdk/analytics/outbox-pass';
