import { effect, signal, type Signal } from '@preact/signals-core';
import type { ChatEvent } from '../sdk/chat/create-chat';
import { ConfabError, StorageError, toConfabError } from '../sdk/http/errors';
import { CONFIG_ATTRIBUTES, parseConfig, type ConfabConfigInput, type ResolvedConfig } from './config';
import { createRuntime, liveSettings, type Runtime } from './create-runtime';
import { format, resolveStrings } from './i18n';
import { mountWidget, unmountWidget } from './mount';
import type { ConfabEventDetails } from './events';
import css from './styles/widget.css?inline';
import { createUiState, type WidgetContextValue } from './widget-context';

// Server-side rendering imports this module where `HTMLElement` does not exist; the class
// must still be definable there so that importing `confab` never throws.
const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

let sharedSheet: CSSStyleSheet | undefined;

/**
 * Styles go in as a constructed stylesheet, shared by every instance: no `<style>` element,
 * so a strict CSP (`style-src 'self'`) allows them. Browsers without constructable
 * stylesheets (Safari before 16.4) get a `<style>` in the shadow root instead.
 */
function adoptStyles(root: ShadowRoot) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sharedSheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}

/** JSON for comparing values by content; a value JSON cannot hold (BigInt, a cycle) compares by identity. */
function byValue(value: unknown): unknown {
  try {
    return JSON.stringify(value);
  } catch {
    return value;
  }
}

/**
 * The settings whose change means a new controller: another backend, store or log. The rest
 * (welcome, suggestions, tags, properties, user) apply live, without stopping an answer.
 * Functions count only by presence (they are called through the latest settings), so
 * re-rendering a framework parent with equal settings changes nothing.
 */
function runtimeKey(config: ResolvedConfig): unknown[] {
  return [
    config.provider,
    config.chatUrl,
    config.chatKey,
    config.model,
    config.userId,
    config.storeName,
    config.analyticsUrl,
    config.analyticsKey,
    config.logging,
    Boolean(config.getToken),
    Boolean(config.redact),
  ];
}

const sameKey = (a: unknown[] | undefined, b: unknown[]) => a !== undefined && a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * `<confab-chat>`: the chat widget. Attributes and the `config` property set it up (they
 * may change at any time); `open()`, `close()`, `send(text)` and `newConversation()` drive
 * it; `confab-*` events (bubbling, composed) report what happens.
 */
export class ConfabChatElement extends ElementBase {
  static get observedAttributes(): readonly string[] {
    return CONFIG_ATTRIBUTES;
  }

  #input: ConfabConfigInput = {};
  #ui = createUiState();
  #runtime: Runtime | undefined;
  #runtimeKey: unknown[] | undefined;
  /** The live settings the controller has (by value), so an equal set is not applied again. */
  #liveKey: unknown;
  #shownProblems = new Set<string>();
  #lastOpenSetting: boolean | undefined;
  #stopWatching: (() => void) | undefined;
  #updateQueued = false;
  #config: ResolvedConfig | undefined;
  /** What the components read: one signal for the element's life, a new value when what they show changes. */
  #context: Signal<WidgetContextValue> | undefined;
  /** What the mounted components were rendered with; undefined when nothing is mounted. */
  #renderedWith: string | undefined;

  #root = this.attachShadow({ mode: 'open' });

  constructor() {
    super();
    adoptStyles(this.#root);
  }

  /** Everything the attributes set, camelCased, plus functions (`getToken`, `redact`, `user`, `provider`, `strings`, `suggest`). Wins over attributes. */
  get config(): ConfabConfigInput {
    return this.#input;
  }

  set config(value: ConfabConfigInput | null | undefined) {
    this.#input = value ?? {};
    this.#queueUpdate();
  }

  connectedCallback() {
    // A `config` or an `open` a framework set before the element was defined (a lazy
    // `import('confab-chat/element')`) is an own property hiding the accessor: hand it over (the
    // "upgrade property" step).
    for (const name of ['config', 'open'] as const) {
      if (!Object.hasOwn(this, name)) continue;
      const early: unknown = this[name];
      delete (this as Partial<this>)[name];
      (this as Record<typeof name, unknown>)[name] = early;
    }
    this.#update();
    // Moved in the DOM (disconnected, then connected again in the same task): everything kept.
    if (this.#stopWatching) return;
    let first = true;
    this.#stopWatching = effect(() => {
      const open = this.#ui.open.value;
      if (first) return void (first = false);
      if (open) this.#ui.unread.value = false;
      // A boolean attribute reflected, as Shoelace's dialog does: attribute, property and panel
      // agree, and setting `open` again after the reader closed the panel opens it.
      if (this.#config?.mode !== 'inline') this.toggleAttribute('open', open);
      this.#emit(open ? 'confab-open' : 'confab-close', {});
    });
  }

  disconnectedCallback() {
    // Deferred: a framework that moves the element (disconnect, then connect) must not lose
    // the conversation or stop the answer that is arriving.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#stopWatching?.();
      this.#stopWatching = undefined;
      // The answer arriving is saved and logged before anything closes (an SPA route change).
      this.#runtime?.dispose().catch(this.#reportError);
      this.#runtime = undefined;
      this.#runtimeKey = undefined;
      this.#liveKey = undefined;
      this.#renderedWith = undefined;
      unmountWidget(this.#root);
    });
  }

  attributeChangedCallback() {
    this.#queueUpdate();
  }

  /**
   * `open()` opens the panel (launcher mode). `open` is an attribute too, and React 19 and Vue
   * assign a bound attribute to the element's property of that name when it has one: such an
   * assignment (`<confab-chat open={false}>`) sets the attribute instead of replacing the method.
   */
  get open(): () => void {
    return this.#openPanel;
  }

  set open(value: boolean | string | null | undefined) {
    if (value === false || value === null || value === undefined) this.removeAttribute('open');
    else this.setAttribute('open', value === true ? '' : value);
  }

  #openPanel = (): void => {
    this.#ui.open.value = true;
  };

  /** Closes the panel (launcher mode). */
  close(): void {
    this.#ui.open.value = false;
  }

  /** Sends `text` as if typed, opening the panel. Rejects when an answer is still arriving. */
  async send(text: string): Promise<void> {
    this.#flushUpdate();
    this.open();
    const chat = this.#runtime?.chat;
    if (!chat) throw new ConfabError('not_ready', 'The chat is not set up yet: check the confab-error events for the attribute to fix.');
    await chat.send(text);
  }

  /** Starts a new, empty conversation. */
  newConversation(): void {
    this.#flushUpdate();
    this.#runtime?.chat.newConversation();
    this.#ui.view.value = 'chat';
  }

  #emit<K extends keyof ConfabEventDetails>(type: K, detail: ConfabEventDetails[K]) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #reportError = (error: ConfabError) => {
    // What it means for the reader's conversations is said in the panel, in plain words.
    if (error instanceof StorageError && error.problem) this.#ui.storage.value = error.problem;
    // The detail is for developers: the console and confab-error, never the panel.
    console.warn('[confab]', error);
    this.#emit('confab-error', { error, code: error.code, message: error.message, option: 'option' in error ? String(error.option) : undefined });
  };

  /** Several attribute changes in one task become one update. */
  #queueUpdate() {
    if (!this.isConnected || this.#updateQueued) return;
    this.#updateQueued = true;
    queueMicrotask(() => this.#flushUpdate());
  }

  /** Applies a queued update now: `send()` right after `setAttribute()` must reach the new settings. */
  #flushUpdate() {
    if (!this.#updateQueued) return;
    this.#updateQueued = false;
    if (this.isConnected) this.#update();
  }

  #update() {
    const attributes = Object.fromEntries(CONFIG_ATTRIBUTES.map((name) => [name, this.getAttribute(name)]));
    const { config, problems, warnings } = parseConfig(attributes, this.#input);
    this.#config = config;
    const { strings, dir, lang } = resolveStrings(config.lang ?? document.documentElement.lang, config.strings);

    // Each problem is reported once, not on every later update.
    for (const problem of [...problems, ...warnings]) {
      if (this.#shownProblems.has(problem.message)) continue;
      this.#shownProblems.add(problem.message);
      this.#reportError(problem);
    }
    this.#ui.problems.value = problems.map((problem) => format(strings.configProblem, { problem: problem.message }));

    const key = runtimeKey(config);
    if (!sameKey(this.#runtimeKey, key)) {
      this.#runtime?.dispose().catch(this.#reportError);
      this.#runtimeKey = key;
      this.#liveKey = undefined;
      this.#runtime = config.chatReady ? createRuntime(config, { onEvent: (event) => this.#onChatEvent(event), onError: this.#reportError }, () => this.#config!) : undefined;
      // Another backend or store: the components start afresh on the new controller.
      this.#renderedWith = undefined;
      unmountWidget(this.#root);
    }
    const live = liveSettings(config, config.suggest && ((messages) => this.#config!.suggest!(messages)));
    const liveKey = byValue([live.user, live.tags, live.properties, live.welcome, live.starters, Boolean(live.suggest)]);
    if (this.#runtime && liveKey !== this.#liveKey) {
      if (this.#liveKey !== undefined) this.#runtime.chat.configure(live);
      this.#liveKey = liveKey;
    }
    if (config.open !== this.#lastOpenSetting) {
      // The first time, an open() called before the element was connected is kept.
      const openedEarly = this.#lastOpenSetting === undefined && this.#ui.open.peek();
      this.#lastOpenSetting = config.open;
      this.#ui.open.value = config.open || openedEarly || config.mode === 'inline';
    }

    // Resolved settings the stylesheet reads (`:host([data-theme=dark])`, …).
    this.dataset['theme'] = config.theme;
    this.dataset['mode'] = config.mode;
    if (config.position) this.dataset['position'] = config.position;
    else delete this.dataset['position'];

    const settings = { mode: config.mode, title: config.title, welcome: config.welcome, placeholder: config.placeholder, avatar: config.avatar, allowImages: config.allowImages };
    // A framework may set an equal config on every render of its own: the components render
    // again only when something they show changed (the direction follows the language).
    const renderWith = JSON.stringify([lang, strings, settings]);
    if (renderWith === this.#renderedWith) return;
    this.#renderedWith = renderWith;
    const context = { chat: this.#runtime?.chat, ui: this.#ui, strings, settings, lang, copy: this.#copy, act: this.#act };
    if (this.#context) this.#context.value = context;
    else this.#context = signal(context);
    mountWidget(this.#root, this.#context, dir, lang);
  }

  #copy = async (text: string): Promise<boolean> => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      this.#reportError(new ConfabError('copy_failed', `The browser did not allow copying to the clipboard: ${String(error)}`, { cause: error }));
      return false;
    }
  };

  #act = (action: Promise<unknown> | undefined): void => void action?.catch((error: unknown) => this.#reportError(toConfabError(error)));

  #onChatEvent(event: ChatEvent) {
    // Errors arrive through the controller's onError as well; reported there, once.
    if (event.type === 'error') return;
    if (event.type === 'message') {
      // In the current language, and without markdown punctuation read out as symbols.
      const plain = event.message.content.replace(/[*_`#>|~[\]]+/g, ' ').replace(/\s+/g, ' ').trim();
      this.#ui.announcement.value = `${this.#context!.peek().strings.answerReceived}: ${plain.slice(0, 140)}`;
      if (!this.#ui.open.peek()) this.#ui.unread.value = true;
      return this.#emit('confab-message', event);
    }
    if (event.type === 'feedback') return this.#emit('confab-feedback', event);
    this.#emit('confab-delete', event);
  }
}
