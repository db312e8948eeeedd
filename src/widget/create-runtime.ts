import type { AnalyticsCore } from '../sdk/analytics/analytics-core';
import { createChatStore, type ChatStore } from '../sdk/chat/chat-store';
import type { ChatSettings } from '../sdk/chat/chat-interface';
import type { StoredConversation } from '../sdk/chat/chat-types';
import { ConfabError, toConfabError } from '../sdk/http/errors';
import type { ChatProvider } from '../sdk/providers/chat-provider';
import { openaiProvider } from '../sdk/providers/openai/openai-provider';
import { randomId } from '../sdk/random-id';
import { chatLogs, type ResolvedConfig } from './config';
import { deferredProvider } from './deferred-provider';
import { featureChunk, type FeatureChunk } from './feature-chunk';
import type { HandoffController } from './handoff/handoff-controller';
import { registerHandoffChunk } from './handoff/handoff-registry';
import type { Chunks, FeatureName } from './load-panel';
// Imported last: the controller then sits next to the providers in the script-tag bundle, and
// in this order it compresses best (measured, bench/budgets.ts).
import { createChat, type Chat, type ChatEvent } from '../sdk/chat/create-chat';

/** What the element runs on: the controller and what it was made of. */
export interface Runtime {
  chat: Chat;
  /** Ends the controller, then its store and outbox; resolves once the last turn is logged. */
  dispose(): Promise<void>;
}

/** Hooks the element gives the runtime. */
export interface RuntimeHooks {
  onEvent(event: ChatEvent): void;
  onError(error: ConfabError): void;
  /** Loads a feature's chunk; see {@link PanelHost.loadFeature}. */
  loadFeature<K extends FeatureName>(name: K, attempt: number, meanwhile: string): Promise<Chunks[K]>;
}

/**
 * The visitor's id, one per browser and store name, shared by the analytics log (`COOKIED`)
 * and PulseAI, which scopes every conversation by a `user` string. Claimed in IndexedDB in one
 * transaction, so two widgets or tabs starting together agree; an id an earlier version kept
 * in localStorage is adopted, so the visitor's PulseAI conversations stay theirs.
 */
function claimVisitorId(store: ChatStore, storeName: string): Promise<string> {
  let earlier: string | null = null;
  try {
    earlier = localStorage.getItem(`confab-user:${storeName}`);
  } catch {
    // Storage blocked (privacy settings, sandboxed frame): nothing to adopt.
  }
  // Where nothing can be kept, an id for this page only.
  return store.claimSetting('visitorId', () => earlier ?? randomId('visitor_')).catch(() => randomId('visitor_'));
}

/** Errors reported already where they happened: a chunk that failed to load, its file named. */
const alreadyReported = new WeakSet<ConfabError>();
const reported = (error: ConfabError) => (alreadyReported.add(error), error);

function providerFor(config: ResolvedConfig, visitor: Promise<string>, getToken: ResolvedConfig['getToken'], loadFeature: RuntimeHooks['loadFeature']): ChatProvider {
  if (typeof config.provider === 'object') return config.provider;
  const baseUrl = config.chatUrl ?? '';
  if (config.provider === 'pulse') {
    // Its chunk loads now, beside the visitor id; a call made before both are there waits.
    const chunk = featureChunk((attempt) => loadFeature('pulse', attempt, 'the question waits, and Retry or the connection coming back loads it again'));
    const make = async () => {
      const [loaded, user] = await Promise.all([chunk.load(), config.userId ?? visitor]);
      // The panel reported the file; the answer that needed it fails as if offline, and is
      // answered again when the reader retries or the connection comes back.
      if (!loaded) throw reported(new ConfabError('chunk_load_failed', 'The PulseAI provider could not be loaded; the question waits, and Retry loads it again.'));
      return loaded.widgetPulseProvider({ baseUrl, apiKey: config.chatKey, getToken, user });
    };
    const provider = deferredProvider('pulse', undefined, make);
    void chunk.load();
    return provider;
  }
  return openaiProvider({ baseUrl, apiKey: config.chatKey, getToken, model: config.model ?? '' });
}

/** The page's address as `page-url` says to log it: origin and path, the full address, or nothing. */
function pageUrlAs(setting: ResolvedConfig['pageUrl']): string | undefined {
  if (setting === 'none') return undefined;
  return setting === 'full' ? location.href : location.origin + location.pathname;
}

/** The settings the controller takes live, without a new controller: see `ChatSettings`. */
export function liveSettings(config: ResolvedConfig, suggest: ResolvedConfig['suggest']): ChatSettings {
  return {
    user: config.user,
    tags: config.tags,
    properties: config.properties,
    welcome: config.welcome,
    starters: config.suggestions?.length ? config.suggestions : undefined,
    suggest,
  };
}

async function purgeLogs(outbox: AnalyticsCore, onError: RuntimeHooks['onError']) {
  try {
    await outbox.purge();
  } catch (error) {
    onError(toConfabError(error));
  } finally {
    await outbox.close();
  }
}

/**
 * Builds the provider, the store, the analytics outbox (when configured) and the controller.
 * `logging` is the logging chunk, which must be loaded already where the settings log.
 */
export function createRuntime(config: ResolvedConfig, hooks: RuntimeHooks, latest: () => ResolvedConfig, logging: FeatureChunk<Chunks['analytics']>): Runtime {
  // Functions are called through the latest settings: a framework that passes a new arrow
  // function on every render must not rebuild the controller (and stop the answer) each time.
  const throughLatest = <K extends 'getToken' | 'redact' | 'suggest'>(name: K): ResolvedConfig[K] => {
    const call = (...args: unknown[]) => ((latest()[name] ?? config[name]) as (...args: unknown[]) => unknown)(...args);
    return config[name] && (call as ResolvedConfig[K]);
  };
  const getToken = throughLatest('getToken');
  const redact = throughLatest('redact');
  const suggest = throughLatest('suggest');
  const store = createChatStore({ name: config.storeName, onError: hooks.onError });
  // Claimed before the controller looks its visitor up, so an earlier id is the one adopted.
  const visitor = claimVisitorId(store, config.storeName);
  // The widget's credential to its confab server: the signed-in user's token, else this browser's visitor id.
  const serverToken = config.server ? (getToken ?? (() => visitor)) : undefined;
  const analyticsOptions = { baseUrl: config.analyticsUrl, apiKey: config.analyticsKey, getToken: serverToken ?? getToken, storeName: config.storeName, redact, onError: hooks.onError };
  const analytics: AnalyticsCore | undefined = chatLogs(config) ? logging.module.peek()!.createAnalyticsCore(analyticsOptions) : undefined;
  let disposed = false;
  // No consent: what an earlier visit left waiting is dropped, never sent, once the logging
  // code is there (the chat does not wait for it: it logs nothing).
  if (config.analyticsReady && config.logging !== 'on') {
    void logging.load().then((code) => {
      if (code && !disposed) return purgeLogs(code.createAnalyticsCore({ ...analyticsOptions, autoFlush: false }), hooks.onError);
    });
  }
  let handoff: HandoffController | undefined;
  // Only where a person is offered (and the confab server runs the handoff) does it start,
  // and its chunk load now; elsewhere the chunk loads only to show an earlier handoff's messages.
  const offered = Boolean(config.server && serverToken && config.handoff.length > 0);
  const handoffChunk = featureChunk((attempt) => hooks.loadFeature('handoff', attempt, 'a conversation with a person waits, and Retry loads it again'), (loaded) => {
    if (offered && !handoff && !disposed) handoff = loaded.startHandoff(chat, config, serverToken, () => analytics, () => latest().lang, hooks.onError);
  });
  const handoffStarted = offered ? handoffChunk.load().then(() => handoff) : undefined;
  /**
   * What the visitor types into a conversation with a person: to the person once the
   * handoff runs; while its chunk loads, it waits for it; where the chunk could not be
   * loaded, it is kept as not yet sent to the person, and sent once Retry loads it.
   */
  function divert(text: string, conversation: StoredConversation): Promise<void> | undefined {
    if (handoff || !handoffStarted || !conversation.handoff || conversation.handoff.returned) return handoff?.divert(text, conversation);
    return handoffStarted.then((started) => {
      if (started) return started.divert(text, conversation) ?? chat.send(text);
      const now = Date.now();
      return chat.outside.add(conversation.id, { id: randomId('msg_'), role: 'user', content: text, status: 'done', createdAt: now, updatedAt: now, delivery: 'sending' }).then(() => undefined);
    });
  }
  const chat = createChat({
    ...liveSettings(config, suggest),
    // While the open conversation is with a person, what the visitor types goes to them.
    divert,
    provider: providerFor(config, visitor, serverToken, hooks.loadFeature),
    store,
    analytics,
    // Read through the latest settings: page-url applies at once.
    pageUrl: () => pageUrlAs(latest().pageUrl),
    onEvent: hooks.onEvent,
    // A chunk that could not be loaded was reported as it failed, naming its file: the turn
    // that needed it (its question kept, with Retry) is not reported a second time.
    onError(error) {
      if (!alreadyReported.has(error)) hooks.onError(error);
    },
  });
  registerHandoffChunk(chat, handoffChunk);
  return {
    chat,
    async dispose() {
      // The answer arriving is cut off, saved and logged first; then its log is sent while the
      // page is still here, and only then is anything closed.
      disposed = true;
      handoff?.dispose();
      await chat.dispose();
      store.close();
      await analytics?.flush().catch(() => undefined);
      await analytics?.close();
    },
  };
}
