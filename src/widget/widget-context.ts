import { signal, type Signal } from '@preact/signals-core';
import { Component, type ComponentChildren } from 'preact';
import type { Connection } from '../sdk/chat/connection';
import type { Chat } from '../sdk/chat/create-chat';
import type { StorageProblem } from '../sdk/http/errors';
import type { ConversationListChunk } from './components/conversation-list-slot';
import type { ChoiceStorage } from './components/remembered';
import type { FeatureChunk } from './feature-chunk';
import type { Strings } from './i18n';

/** What the panel shows. */
export type PanelView = 'chat' | 'conversations';

/** The widget's own UI state (the conversation state lives in the chat controller). */
export interface UiState {
  open: Signal<boolean>;
  view: Signal<PanelView>;
  /** An answer finished while the panel was closed. */
  unread: Signal<boolean>;
  /** What screen readers are told next (aria-live). */
  announcement: Signal<string>;
  /** Config problems shown in the panel, so a bad setup is visible, not just logged. */
  problems: Signal<string[]>;
  /** What a storage problem means for the reader's conversations, shown in the panel. */
  storage: Signal<StorageProblem | undefined>;
  /** What the reader is typing: kept while the list shows and when the backend changes. */
  typed: Signal<string>;
}

export function createUiState(): UiState {
  return { open: signal(false), view: signal('chat'), unread: signal(false), announcement: signal(''), problems: signal([]), storage: signal(undefined), typed: signal('') };
}

/** The settings the components read. */
export interface WidgetSettings {
  mode: 'launcher' | 'inline';
  title: string | undefined;
  welcome: string | undefined;
  placeholder: string | undefined;
  /** Shown above the welcome of an empty conversation. */
  avatar?: string | undefined;
  allowImages: boolean;
}

/** Everything a component needs, provided once by the element. */
export interface WidgetContextValue {
  chat: Chat | undefined;
  ui: UiState;
  strings: Strings;
  settings: WidgetSettings;
  /** Copies text to the clipboard, reporting failures the way the element reports errors. */
  copy(text: string): Promise<boolean>;
  /** Runs a reader's action on the controller: a failure is reported as `confab-error`, never left unhandled. */
  act(action: Promise<unknown> | undefined): void;
  /** The conversation list's chunk (the list view shows it once loaded), one per panel. */
  conversationList: FeatureChunk<ConversationListChunk>;
  /** The logging chunk: where the settings log and it failed to load, the panel has no chat, and says so with Retry. */
  logging?: FeatureChunk<unknown> | undefined;
  /** Whether the browser is online; the page's own by default (a test passes its own). */
  connection?: Connection | undefined;
  /** The widget's language (times and dates are written in it); `en` when not given. */
  lang?: string | undefined;
  /** The time now, in epoch milliseconds (relative times); `Date.now` by default. */
  now?: (() => number) | undefined;
  /** Where the reader's choices (a larger panel) are remembered; `localStorage` by default. */
  choices?: ChoiceStorage | undefined;
}

/**
 * What the components receive as Preact's legacy context: the widget context in a signal.
 * Preact copies a legacy context's properties into a new object per level, and hands a
 * component re-rendered on its own (by a signal) the context it had when it was created, so
 * a changing value must travel inside one signal that keeps its identity.
 */
export interface ProvidedContext {
  widget: Signal<WidgetContextValue>;
}

/**
 * Provides `value` to every component below (widget-component.ts): Preact's legacy context,
 * so createContext's Provider and Consumer machinery stays out of the script-tag bundle. A
 * new value of the signal renders everything below again.
 */
export class WidgetContext extends Component<{ value: Signal<WidgetContextValue>; children?: ComponentChildren }> {
  override getChildContext(): ProvidedContext {
    return { widget: this.props.value };
  }

  override render() {
    return this.props.children;
  }
}
