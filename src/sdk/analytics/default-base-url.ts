/**
 * The analytics API's default host (contracts/analytics.md §7.1: Inkeep's widget uses
 * `https://api.io.inkeep.com`). A module of its own: the widget's settings read it, and must
 * not take the request builders (requests.ts) into the panel's core with it.
 */
export const DEFAULT_ANALYTICS_BASE_URL = 'https://api.analytics.inkeep.com';
