/**
 * Puts a real analytics outbox (IndexedDB, navigator.locks, page lifecycle) on the page for
 * the browser tests. `?store=NAME&delay=MS` pick the store name and the flush delay;
 * `&locks=none` takes `navigator.locks` away, as in a browser without Web Locks.
 */
import { createAnalytics, type Analytics, type ConfabError } from '../../../src/sdk/index';

const params = new URLSearchParams(location.search);
const errors: string[] = [];
if (params.get('locks') === 'none') Object.defineProperty(navigator, 'locks', { value: undefined });

declare global {
  interface Window {
    analytics: Analytics;
    analyticsErrors: string[];
  }
}

window.analyticsErrors = errors;
window.analytics = createAnalytics({
  baseUrl: '/api/analytics',
  apiKey: 'confab-demo-web-key',
  storeName: params.get('store') ?? 'browser-test',
  flushDelayMs: Number(params.get('delay') ?? 50),
  onError: (error: ConfabError) => errors.push(`${error.code}: ${error.message}`),
});
