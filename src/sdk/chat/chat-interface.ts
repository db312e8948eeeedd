import type { ReadonlySignal } from '@preact/signals-core';
import type { Clock } from '../clock';
import type { ConfabError } from '../http/errors';
import type { ChatProvider, Welcome } from '../providers/chat-provider';
import type { ChatStatus, ConversationSummary, Draft } from './chat-state';
import type { ChatStore } from './chat-store';
import type { ChatMessage, StoredConversation } from './chat-types';
import type { ChatAnalytics } from './conversation-logger';
import type { ChatUser } from './identity';
import type { OutsideMessages } from './outside-messages';
import type { SearchResult } from './search-conversations';
import type { Connection } from './connection';
import type { StreamLiveness } from './stream-liveness';

/** What the controller tells its host (the widget turns these into DOM events). */
export type ChatEvent =
  /** An answer finished (`done`) or was stopped; it has been logged. */
  | { type: 'message'; conversationId: string; message: ChatMessage }
  | { type: 'feedback'; conversationId: string; messageId: string; rating: 'positive' | 'negative' | null; reasons?: string[] | undefined; details?: string | undefined }
  | { type: 'delete'; conversationId: string }
  | { type: 'error'; error: ConfabError };

/** The reasons of a negative vote: standard labels and free text. */
export interface FeedbackReasons {
  labels?: string[] | undefined;
  details?: string | undefined;
}

/** The settings that change what is shown or logged, not which backend or store: applied live by {@link Chat.configure}. */
export interface ChatSettings {
  /** The signed-in user, logged as `ID_PROVIDED`; without it a visitor id kept in IndexedDB (`COOKIED`). */
  user?: ChatUser | undefined;
  /** Logged with every conversation. */
  tags?: string[] | undefined;
  properties?: Record<string, unknown> | undefined;
  /** Greeting and starter questions; the backend's (PulseAI `/parameters`) when not given. */
  welcome?: string | undefined;
  starters?: string[] | undefined;
  /** Follow-up questions after an answer, when the backend offers none. */
  suggest?: ((messages: readonly ChatMessage[]) => string[] | Promise<string[]>) | undefined;
  /**
   * `false`: nothing more is logged (conversations, feedback, events), e.g. when the visitor
   * withdraws consent; deletes still reach the analytics API. Default `true`.
   */
  logging?: boolean | undefined;
}

/** Options of `createChat`. */
export interface ChatOptions extends ChatSettings {
  provider: ChatProvider;
  /** Default: `createChatStore()` (IndexedDB `confab-chat-default`), closed by `dispose()`. */
  store?: ChatStore | undefined;
  /** Where turns, feedback and deletes are logged (`createAnalytics(…)`). */
  analytics?: ChatAnalytics | undefined;
  onEvent?: ((event: ChatEvent) => void) | undefined;
  /** Default: `console.error`. */
  onError?: ((error: ConfabError) => void) | undefined;
  /** Longest wait for the server to end a stopped answer (PulseAI) before cutting it locally. Default 3 s. */
  stopGraceMs?: number | undefined;
  /** Writes of a streaming answer are at most this often. Default 250 ms. */
  writeIntervalMs?: number | undefined;
  /**
   * Logged as `properties.pageUrl`. Default: the page's origin and path (`location.origin +
   * location.pathname`), not its query string, which often carries tokens and e-mail addresses.
   */
  pageUrl?: (() => string | undefined) | undefined;
  clock?: Clock | undefined;
  liveness?: StreamLiveness | undefined;
  /**
   * Whether the browser is online. Default: the page's (`navigator.onLine` and its events). An
   * answer arriving when it goes offline ends at once as an `offline` failure, keeping its text.
   */
  connection?: Connection | undefined;
  /**
   * Asked first by `send`: a promise when the text goes elsewhere than the model (to a person
   * the conversation was handed over to), which `send` then returns; `undefined` to ask the model.
   */
  divert?: ((text: string, conversation: StoredConversation) => Promise<void> | undefined) | undefined;
}

/** The chat controller: state as signals, operations as methods. */
export interface Chat {
  readonly conversations: ReadonlySignal<ConversationSummary[]>;
  /** The open conversation; `undefined` for a new one not yet sent. */
  readonly conversation: ReadonlySignal<StoredConversation | undefined>;
  readonly messages: ReadonlySignal<readonly ChatMessage[]>;
  readonly draft: ReadonlySignal<Draft | undefined>;
  readonly status: ReadonlySignal<ChatStatus>;
  /** Starters for an empty conversation, else the follow-ups of the last answer. */
  readonly suggestions: ReadonlySignal<string[]>;
  readonly welcome: ReadonlySignal<Welcome>;
  /** The last error, cleared by the next successful turn. */
  readonly error: ReadonlySignal<ConfabError | undefined>;
  /**
   * Resolves once what is kept in this browser is loaded: the list, the visitor and the latest
   * conversation. The backend's welcome and conversation list load after, in the background.
   */
  readonly ready: Promise<void>;
  send(text: string): Promise<void>;
  stop(): Promise<void>;
  /** Answers again a turn that failed or was cut off (the last one by default). */
  retry(messageId?: string): Promise<void>;
  /** Replaces the last answer with a new one. */
  regenerate(): Promise<void>;
  setFeedback(messageId: string, rating: 'positive' | 'negative' | null, reasons?: FeedbackReasons): Promise<void>;
  newConversation(): void;
  selectConversation(id: string): Promise<void>;
  renameConversation(id: string, title: string): Promise<void>;
  deleteConversation(id: string): Promise<void>;
  search(text: string): Promise<SearchResult[]>;
  /** Messages from outside a turn with the model (a person's, in a human handoff): stored, shown and logged like the others, each once. */
  readonly outside: OutsideMessages;
  /** Applies new settings at once, without stopping an answer that is arriving. */
  configure(settings: ChatSettings): void;
  /**
   * Stops: an answer still arriving is cut off as `interrupted`, then saved and logged, and
   * only then resolves (close the analytics outbox after it). Owned stores are closed.
   */
  dispose(): Promise<void>;
}
