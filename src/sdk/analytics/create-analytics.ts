import { DEV } from '../dev';
import { createAnalyticsCore, type Analytics, type AnalyticsOptions } from './analytics-core';
import type { AnalyticsClient, AnalyticsClientOptions } from './create-analytics-client';
import type { Outbox } from './outbox';

export { feedbackIdFor } from './analytics-core';
export type { Analytics, AnalyticsCore, AnalyticsOptions, ConversationInput } from './analytics-core';

/**
 * Creates the logging SDK with its durable outbox: the write methods, plus `client` (direct
 * calls that validate the server's answers) and, in development builds, zod checks of what
 * is logged.
 */
export function createAnalytics(options: AnalyticsOptions): Analytics {
  // Loading starts now, so a first log while offline is still checked; a check module that
  // cannot load (offline dev server) is skipped rather than losing the log.
  const checks = DEV ? import('./check-input').catch(() => undefined) : undefined;
  const core = createAnalyticsCore(options, checks, inspection);
  // The client fills in the same defaults (base URL, clock) as the outbox.
  return { ...core, client: lazyClient(options) };
}

/** The queue's inspection: `pending()` at hand, the dead letters' methods loaded on first use. */
function inspection(outbox: Outbox): Pick<Analytics, 'pending' | 'deadLetters' | 'retryDeadLetters'> {
  let loaded: Promise<ReturnType<typeof import('./outbox-inspection').inspectOutbox>> | undefined;
  const load = () => (loaded ??= import('./outbox-inspection').then((module) => module.inspectOutbox(outbox)));
  return {
    pending: outbox.pending,
    deadLetters: async () => (await load()).deadLetters(),
    retryDeadLetters: async () => (await load()).retryDeadLetters(),
  };
}

/**
 * The direct client, loaded on first use: it validates responses with zod, which the
 * logging path does without, so an app that only logs never downloads it.
 */
function lazyClient(options: AnalyticsClientOptions): AnalyticsClient {
  let client: Promise<AnalyticsClient> | undefined;
  const load = () => (client ??= import('./create-analytics-client').then((module) => module.createAnalyticsClient(options)));
  // Every method is async, so each can wait for the module; a Proxy forwards whatever the
  // client offers without listing it twice.
  return new Proxy({} as AnalyticsClient, {
    // Not a thenable: `await analytics.client` must not call a forwarded `then`.
    get: (_target, method: keyof AnalyticsClient | 'then') =>
      method === 'then' ? undefined : async (...args: unknown[]) => ((await load())[method] as (...args: unknown[]) => Promise<unknown>)(...args),
  });
}
