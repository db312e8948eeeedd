import { ConfabError } from '../sdk/http/errors';
import { adoptStyles } from './adopt-styles';
import { chunkLoadError } from './chunk-load-error';
import { CONFIG_ATTRIBUTES, chatLogs, parseSettings, type ConfabConfigInput, type ResolvedConfig } from './config';
import { keepEarlyKeys } from './early-keys';
import type { ConfabEventDetails } from './events';
import { resolveLauncherStrings } from './i18n';
import { createLauncher } from './launcher-view';
import { createLoadFailureView } from './load-failure-view';
import { loadChunk, type Chunks } from './load-panel';
import type { Panel, PanelHost } from './panel/create-panel';
import css from './styles/launcher.css?inline';
import { whenIdle } from './when-idle';

// Server-side rendering imports this module where `HTMLElement` does not exist; the class
// must still be definable there so that importing `confab` never throws.
const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

/**
 * `<confab-chat>`: the chat widget. Attributes and the `config` property set it up (they
 * may change at any time); `open()`, `close()`, `send(text)` and `newConversation()` drive
 * it; `confab-*` events (bubbling, composed) report what happens.
 *
 * The element itself is the loader's part: settings, the launcher, the open state. The panel
 * (controller, store, outbox, components) is a chunk of its own, loaded when the page is idle
 * or as soon as it is wanted (the launcher hovered, focused or pressed, `open`, inline mode, a
 * method called), and rendered only when first wanted.
 */
export class ConfabChatElement extends ElementBase {
  static get observedAttributes(): readonly string[] {
    return CONFIG_ATTRIBUTES;
  }

  #input: ConfabConfigInput = {};
  #config: ResolvedConfig | undefined;
  #problems: string[] = [];
  #strings: ReturnType<typeof resolveLauncherStrings> | undefined;
  #shownProblems = new Set<string>();
  #lastOpenSetting: boolean | undefined;
  #open = false;
  #updateQueued = false;
  #root = this.attachShadow({ mode: 'open' });

  /** The panel, once its chunk is loaded and the element is on the page. */
  #panel: Panel | undefined;
  #loading: Promise<unknown> | undefined;
  #attempts = 0;
  /** The chunk's last failure, until a load succeeds: opening shows it with Retry. */
  #failed = false;
  /** The panel is to be rendered as soon as it is there. */
  #mountWanted = false;
  #mounted = false;
  /** Opened by the reader or the page before the panel was rendered: it takes the focus when it is. */
  #focusOnMount = false;
  /** Calls (send) that wait for the panel, in order: nothing is lost while its chunk loads or fails. */
  #waiting: Array<(panel: Panel) => void> = [];
  #cancelIdle: (() => void) | undefined;

  #launcher = createLauncher({ press: () => this.#toggle(), want: () => this.#want(false) });
  #failure = createLoadFailureView(() => this.#want(true));
  #earlyKeys = keepEarlyKeys(this.#launcher.button, () => this.#open && !this.#mounted);

  constructor() {
    super();
    adoptStyles(this.#root, css, 'launcher');
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
    if (this.#panel || this.#cancelIdle) return;
    // Logs an earlier visit left waiting go out a few seconds after load, panel opened or not.
    this.#cancelIdle = whenIdle(() => this.#want(false));
  }

  disconnectedCallback() {
    // Deferred: a framework that moves the element (disconnect, then connect) must not lose
    // the conversation or stop the answer that is arriving.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#cancelIdle?.();
      this.#cancelIdle = undefined;
      // The answer arriving is saved and logged before anything closes (an SPA route change).
      this.#panel?.dispose();
      this.#panel = undefined;
      this.#mounted = false;
      this.#root.replaceChildren();
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

  #openPanel = (): void => this.#setOpen(true);

  /** Closes the panel (launcher mode). */
  close(): void {
    this.#setOpen(false);
  }

  /**
   * Sends `text` as if typed, opening the panel. Before the panel's chunk is there the text
   * waits for it (through a failed load and its Retry), and is sent once it is. Rejects when
   * the chat is not set up, or an answer is still arriving.
   */
  async send(text: string): Promise<void> {
    this.#flushUpdate();
    this.open();
    if (!this.isConnected || !this.#config?.chatReady) throw new ConfabError('not_ready', 'The chat is not set up: a confab-error event names the setting to fix.');
    const panel = await this.#whenPanel();
    await panel.send(text);
  }

  /** Starts a new, empty conversation. */
  newConversation(): void {
    this.#flushUpdate();
    void this.#whenPanel().then((panel) => panel.newConversation());
  }

  #whenPanel(): Promise<Panel> {
    if (this.#panel) return Promise.resolve(this.#panel);
    this.#want(true);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #emit = <K extends keyof ConfabEventDetails>(type: K, detail: ConfabEventDetails[K]): void => {
    // An event of the element's own window: it may have been adopted into a frame's document,
    // or report while a test's window is torn down, where another realm's event is refused.
    this.dispatchEvent(new this.ownerDocument.defaultView!.CustomEvent(type, { detail, bubbles: true, composed: true }));
  };

  #reportError = (error: ConfabError) => {
    // The detail is for developers: the console and confab-error, never the panel.
    console.warn('[confab]', error);
    this.#emit('confab-error', { error, code: error.code, message: error.message, option: 'option' in error ? String(error.option) : undefined });
  };

  #toggle() {
    this.#setOpen(!this.#open);
  }

  /**
   * The one place the open state changes: the attribute reflects it and the page hears of it,
   * except for the state the settings start with (`initial`), which is where the widget starts,
   * not a change.
   */
  #setOpen(open: boolean, initial = false) {
    if (open) this.#want(true);
    if (open === this.#open) return;
    this.#open = open;
    // An opening by the reader or the page takes the focus into the panel, once it is rendered.
    this.#focusOnMount = open && !initial;
    this.#panel?.setOpen(open);
    if (this.#config && !initial) {
      // A boolean attribute reflected, as Shoelace's dialog does: attribute, property and panel
      // agree, and setting `open` again after the reader closed the panel opens it.
      if (this.#config.mode !== 'inline') this.toggleAttribute('open', open);
      this.#emit(open ? 'confab-open' : 'confab-close', {});
    }
    this.#render();
  }

  /** The panel is wanted soon (`mount`: now): its chunk loads, and it is rendered once there. */
  #want(mount: boolean) {
    this.#cancelIdle?.();
    if (mount) this.#mountWanted = true;
    if (!this.isConnected) return;
    if (this.#panel) return this.#mountPanel();
    if (this.#loading) return;
    const attempt = this.#attempts++;
    const meanwhile = 'the launcher works on, and Retry loads it again';
    // Where the settings log, the panel starts with its logging chunk (fetched beside it), or
    // not at all: nothing is said in the chat that its log could not keep.
    const loads = [this.#load('panel', attempt, meanwhile), this.#config && chatLogs(this.#config) ? this.#load('analytics', attempt, meanwhile) : undefined] as const;
    // Each file that fails is named, not only the first.
    for (const load of loads) load?.catch(this.#reportError);
    this.#loading = Promise.all(loads).then(
      ([{ createPanel }, analytics]) => {
        this.#loading = undefined;
        this.#failed = false;
        if (!this.isConnected || this.#panel) return;
        const host: PanelHost = {
          root: this.#root,
          emit: this.#emit,
          reportError: this.#reportError,
          openChanged: (open) => this.#setOpen(open),
          // The panel reports a failure where the reader needs the feature.
          loadFeature: this.#load,
          analytics,
        };
        const panel = (this.#panel = createPanel(host));
        panel.update(this.#config!, this.#problems);
        panel.setOpen(this.#open);
        this.#mountPanel();
        for (const resume of this.#waiting.splice(0)) resume(panel);
      },
      () => {
        this.#loading = undefined;
        this.#failed = true;
        this.#render();
      },
    );
  }

  /**
   * Loads a chunk; a failure is named here, where the files are known, with the loader's own
   * error classes (the panel's are another copy).
   */
  #load = <K extends keyof Chunks>(name: K, attempt: number, meanwhile: string): Promise<Chunks[K]> =>
    loadChunk(name, attempt).catch((cause: unknown) => {
      throw chunkLoadError(name, cause, meanwhile);
    });

  #mountPanel() {
    const panel = this.#panel;
    if (!panel || this.#mounted || !(this.#mountWanted || this.#config?.mode === 'inline')) return;
    // Its texts in the page's language may be on their way: the loader's launcher stays (and
    // keeps what is typed) until they are there, so the panel's first frame is in that language.
    if (!panel.ready(() => this.#mountPanel())) return;
    this.#mounted = true;
    // The panel renders its own launcher: the loader's leaves (focus goes with it).
    const hadFocus = this.#root.activeElement === this.#launcher.button;
    this.#root.replaceChildren();
    panel.mount(this.#focusOnMount, this.#earlyKeys.take());
    if (hadFocus && !this.#focusOnMount) this.#root.querySelector<HTMLElement>('[part~=launcher]')?.focus();
  }

  /** The loader's own view until the panel is rendered: the launcher, and the failure with Retry when open. */
  #render() {
    if (this.#mounted || !this.#config || !this.#strings) return;
    const launcher = this.#config.mode === 'launcher';
    const nodes: Node[] = [];
    const { strings, dir, lang } = this.#strings;
    if (this.#failed && (this.#open || !launcher)) {
      this.#failure.show(strings);
      nodes.push(this.#failure.box);
    }
    if (launcher) {
      this.#launcher.show({ open: this.#open, strings });
      nodes.push(this.#launcher.button);
    }
    // As the panel's root does: the launcher's side follows the language's direction.
    for (const node of nodes) Object.assign(node, { dir, lang });
    const current = [...this.#root.childNodes];
    if (current.length !== nodes.length || current.some((node, index) => node !== nodes[index])) this.#root.replaceChildren(...nodes);
  }

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
    const { config, problems, warnings } = parseSettings(attributes, this.#input);
    this.#config = config;
    this.#strings = resolveLauncherStrings(config.lang ?? document.documentElement.lang, config.strings);

    // Each problem is reported once, not on every later update.
    for (const problem of [...problems, ...warnings]) {
      if (this.#shownProblems.has(problem.message)) continue;
      this.#shownProblems.add(problem.message);
      this.#reportError(problem);
    }
    this.#problems = problems.map((problem) => problem.message);
    this.#panel?.update(config, this.#problems);

    // Resolved settings the stylesheet reads (`:host([data-theme=dark])`, …).
    this.dataset['theme'] = config.theme;
    this.dataset['mode'] = config.mode;
    if (config.position) this.dataset['position'] = config.position;
    else delete this.dataset['position'];

    if (config.open !== this.#lastOpenSetting) {
      // The first time, an open() called before the element was connected is kept.
      const first = this.#lastOpenSetting === undefined;
      const openedEarly = first && this.#open;
      this.#lastOpenSetting = config.open;
      this.#setOpen(config.open || openedEarly || config.mode === 'inline', first && !openedEarly);
    }
    if (config.mode === 'inline') this.#want(true);
    this.#render();
  }
}
