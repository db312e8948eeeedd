import { createAnalyticsCore, type AnalyticsCore } from '../sdk/analytics/analytics-core';
import { createChatStore } from '../sdk/chat/chat-store';
import type { ConfabError } from '../sdk/http/errors';
import type { ChatProvider } from '../sdk/providers/chat-provider';
import { openaiProvider } from '../sdk/providers/openai/openai-provider';
import { createPulseClient } from '../sdk/providers/pulse/pulse-client';
import { pulseProviderOn } from '../sdk/providers/pulse/pulse-provider';
import { randomId } from '../sdk/random-id';
import type { ResolvedConfig } from './config';
// Imported last: the controller then sits next to the providers in the script-tag bundle, and
// in this order it compresses best (measured, bench/budgets.ts).
import { createChat, type Chat, type ChatEvent } from '../sdk/chat/create-chat';

/** What the element runs on: the controller and what it was made of. */
export interface Runtime {
  chat: Chat;
  dispose(): void;
}

/** Hooks the element gives the runtime. */
export interface RuntimeHooks {
  onEvent(event: ChatEvent): void;
  onError(error: ConfabError): void;
}

/**
 * PulseAI scopes every conversation by a `user` string. Without `user-id`, a random id kept
 * in this browser (per store name) keeps the same visitor's conversations together.
 */
function visitorId(storeName: string): string {
  const key = `confab-user:${storeName}`;
  try {
    const known = localStorage.getItem(key);
    if (known) return known;
    const id = randomId('visitor-');
    localStorage.setItem(key, id);
    return id;
  } catch {
    // Storage blocked (privacy settings, sandboxed frame): an id for this page only.
    return randomId('visitor-');
  }
}

function providerFor(config: ResolvedConfig, getToken: (() => string) | undefined): ChatProvider {
  if (typeof config.provider === 'object') return config.provider;
  const baseUrl = config.chatUrl ?? '';
  if (config.provider === 'pulse') return pulseProviderOn(createPulseClient({ baseUrl, apiKey: config.chatKey, getToken, user: config.userId ?? visitorId(config.storeName) }));
  return openaiProvider({ baseUrl, apiKey: config.chatKey, getToken, model: config.model ?? '' });
}

/** Builds the provider, the store, the analytics outbox (when configured) and the controller. */
export function createRuntime(config: ResolvedConfig, hooks: RuntimeHooks, latest: () => ResolvedConfig): Runtime {
  // Functions are called through the latest settings: a framework that passes a new arrow
  // function on every render must not rebuild the controller (and stop the answer) each time.
  const throughLatest = <K extends 'getToken' | 'redact' | 'suggest'>(name: K): ResolvedConfig[K] => {
    const call = (...args: unknown[]) => ((latest()[name] ?? config[name]) as (...args: unknown[]) => unknown)(...args);
    return config[name] && (call as ResolvedConfig[K]);
  };
  const getToken = throughLatest('getToken');
  const redact = throughLatest('redact');
  const suggest = throughLatest('suggest');
  // The widget's credential to its confab server: the signed-in user's token, else this browser's visitor id.
  const serverToken = config.server ? (getToken as () => string) ?? (() => visitorId(config.storeName)) : undefined;
  const analytics: AnalyticsCore | undefined = config.analyticsReady
    ? createAnalyticsCore({ baseUrl: config.analyticsUrl, apiKey: config.analyticsKey, getToken: serverToken ?? getToken, storeName: config.storeName, redact, onError: hooks.onError })
    : undefined;
  const store = createChatStore({ name: config.storeName, onError: hooks.onError });
  const chat = createChat({
    provider: providerFor(config, serverToken),
    store,
    analytics,
    user: config.user,
    tags: config.tags,
    properties: config.properties,
    welcome: config.welcome,
    starters: config.suggestions?.length ? config.suggestions : undefined,
    suggest,
    onEvent: hooks.onEvent,
    onError: hooks.onError,
  });
  return {
    chat,
    dispose() {
      chat.dispose();
      store.close();
      void analytics?.close();
    },
  };
}
