import { effect, signal, type Signal } from '@preact/signals-core';
import type { ChatEvent } from '../../sdk/chat/create-chat';
import { ConfabError, StorageError, toConfabError, type ConfigError } from '../../sdk/http/errors';
import { chatLogs, checkStrings, type ResolvedConfig } from '../config';
import { createRuntime, liveSettings, type Runtime } from '../create-runtime';
import type { ConfabEventDetails } from '../events';
import { featureChunk } from '../feature-chunk';
import { format, resolveStrings, type ResolvedStrings } from '../i18n';
import type { Chunks, FeatureName } from '../load-panel';
import { mountWidget, unmountWidget } from '../mount';
import { createUiState, type WidgetContextValue } from '../widget-context';
import { whenIdle } from '../when-idle';
import { languageChunks } from './language-chunks';
import { byValue, runtimeKey, sameKey } from './runtime-key';
import { adoptPanelStyles } from './panel-styles';

/** What the element gives the panel: its shadow root, and how to tell the page. */
export interface PanelHost {
  root: ShadowRoot;
  emit<K extends keyof ConfabEventDetails>(type: K, detail: ConfabEventDetails[K]): void;
  reportError(error: ConfabError): void;
  /** The reader opened or closed the panel from inside it (its launcher, Close, Escape). */
  openChanged(open: boolean): void;
  /**
   * Loads a feature's chunk (`attempt` counts the tries); a failure rejects with a
   * `chunk_load_failed` error naming the file and `meanwhile` (what still works, and how to get
   * the rest), for the panel to report.
   */
  loadFeature<K extends FeatureName>(name: K, attempt: number, meanwhile: string): Promise<Chunks[K]>;
  /** The logging chunk, where the element loaded it beside the panel's (the settings logged then). */
  analytics?: Chunks['analytics'] | undefined;
}

/** The panel chunk's side of `<confab-chat>`: the controller, the store, the outbox and the components. */
export interface Panel {
  /** New settings (the element parsed them; `problems` are their messages, shown in the panel). */
  update(config: ResolvedConfig, problems: readonly string[]): void;
  /**
   * Whether the panel can be rendered now, in its language. Not while the chunk of a language
   * other than English is on its way for the first time: `then` runs once it is there (or
   * failed), so the panel's first frame is in the page's language.
   */
  ready(then: () => void): boolean;
  setOpen(open: boolean): void;
  /**
   * Renders the panel's components (until then only the controller ran: logs of an earlier
   * visit are delivered without them). `focus`: it was opened by the reader or the page, and
   * takes the focus as any opening does. `typed`: what the reader typed while it was coming.
   */
  mount(focus: boolean, typed?: string): void;
  send(text: string): Promise<void>;
  newConversation(): void;
  /** The element left the page: the arriving answer is saved and logged, then everything closes. */
  dispose(): void;
}

/** The language the panel is shown in: its own `lang`, else the page's. */
const languageOf = (config: ResolvedConfig) => config.lang ?? document.documentElement.lang;

/** Creates the panel for one element; `update` must be called before anything else. */
export function createPanel(host: PanelHost): Panel {
  const ui = createUiState();
  let config: ResolvedConfig | undefined;
  let runtime: Runtime | undefined;
  let currentKey: unknown[] | undefined;
  /** The live settings the controller has (by value), so an equal set is not applied again. */
  let liveKey: unknown;
  let mounted = false;
  /** Problems with `config.strings`, each reported once. */
  const shownProblems = new Set<string>();
  /** The problems shown in the panel, in the words of the settings (put in a sentence of the panel's language when rendered). */
  let problemMessages: string[] = [];
  /** The language of the last update: a change of language tries a failed chunk again. */
  let lastLanguage: string | undefined;
  /** What runs once the panel can be rendered in its language (see `ready`). */
  let whenReady: (() => void) | undefined;
  /** What the mounted components were rendered with; undefined when nothing is mounted. */
  let renderedWith: string | undefined;
  /** The texts the panel last showed, kept while the texts of a new language are on their way. */
  let shownTexts: ResolvedStrings | undefined;
  /** What the components read: one signal for the panel's life, a new value when what they show changes. */
  let context: Signal<WidgetContextValue> | undefined;

  const reportError = (error: ConfabError) => {
    // What it means for the reader's conversations is said in the panel, in plain words.
    if (error instanceof StorageError && error.problem) ui.storage.value = error.problem;
    host.reportError(error);
  };
  const copy = async (text: string): Promise<boolean> => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      reportError(new ConfabError('copy_failed', `The browser did not allow copying to the clipboard: ${String(error)}`, { cause: error }));
      return false;
    }
  };
  const act = (action: Promise<unknown> | undefined): void => void action?.catch((error: unknown) => reportError(toConfabError(error)));
  /** Loads a feature's chunk; a failure is reported unless `wanted` says the reader does not need the feature now. */
  const loadFeature = <K extends FeatureName>(name: K, attempt: number, meanwhile: string, wanted = () => true) =>
    host.loadFeature(name, attempt, meanwhile).catch((error: ConfabError) => {
      if (wanted()) reportError(error);
      throw error;
    });
  // Some readers never open the conversation list: its chunk is asked for when they do, and
  // fetched beforehand once the panel is shown and the page is idle, so a click finds it there.
  // Only a failure the reader sees (in the list view) is reported: one ahead of need (offline,
  // say) is not, and the list asks again when opened.
  const conversationList = featureChunk((attempt) => loadFeature('conversation-list', attempt, 'the chat works without it, and Retry in the list loads it again', () => ui.view.peek() === 'conversations'));
  let cancelPrefetch: (() => void) | undefined;
  let disposed = false;
  // Logging set up only after the panel loaded (a framework's later settings): the controller
  // starts once its chunk is there, and until then there is no chat, so nothing is said that
  // its log could not keep. A failure is reported, and the panel says so with Retry.
  const logging = featureChunk(
    (attempt) => loadFeature('analytics', attempt, 'where the chat logs, it starts once this is loaded, and Retry in the panel loads it again'),
    () => {
      if (runtime || disposed || !config) return;
      startRuntime();
      renderedWith = undefined;
      render();
    },
    host.analytics,
  );

  const onChatEvent = (event: ChatEvent) => {
    // Errors arrive through the controller's onError as well; reported there, once.
    if (event.type === 'error') return;
    if (event.type === 'message') {
      // In the current language, and without markdown punctuation read out as symbols.
      const plain = event.message.content.replace(/[*_`#>|~[\]]+/g, ' ').replace(/\s+/g, ' ').trim();
      if (context) ui.announcement.value = `${context.peek().strings.answerReceived}: ${plain.slice(0, 140)}`;
      if (!ui.open.peek()) ui.unread.value = true;
      return host.emit('confab-message', event);
    }
    if (event.type === 'feedback') return host.emit('confab-feedback', event);
    host.emit('confab-delete', event);
  };

  let first = true;
  /** The panel is being shown as opened, not opened by the reader: nothing to tell. */
  let quiet = false;
  const stopWatching = effect(() => {
    const open = ui.open.value;
    if (first || quiet) return void (first = false);
    if (open) ui.unread.value = false;
    host.openChanged(open);
  });

  const languages = languageChunks(
    (language, attempt) => loadFeature(language, attempt, 'the panel is in English until it loads, and it is tried again when the panel is next opened or its language changes'),
    () => {
      render();
      const then = whenReady;
      if (!then || !config || !languages.ready(languageOf(config))) return;
      whenReady = undefined;
      then();
    },
  );

  /** The controller for the current settings, once whatever it needs is there. */
  function startRuntime() {
    const next = config!;
    if (!next.chatReady) return;
    if (chatLogs(next) && !logging.module.peek()) return void logging.load();
    runtime = createRuntime(next, { onEvent: onChatEvent, onError: reportError, loadFeature }, () => config!, logging);
    liveKey = liveKeyOf(next).key;
  }

  /** The live settings (by value), so an equal set is not applied again. */
  function liveKeyOf(next: ResolvedConfig) {
    const live = liveSettings(next, next.suggest && ((messages) => config!.suggest!(messages)));
    return { live, key: byValue([live.user, live.tags, live.properties, live.welcome, live.starters, Boolean(live.suggest)]) };
  }

  function render() {
    if (!config) return;
    const asked = languageOf(config);
    // The texts of a language other than English may be on their way: the panel keeps the
    // texts it shows until they are there (or failed), never a frame of English first; a new
    // controller meanwhile (another store or backend) is shown in them, not as an empty panel.
    const texts = languages.ready(asked) ? resolveStrings(asked, config.strings, languages.loaded) : shownTexts;
    if (!texts) return;
    const { strings, dir, lang } = texts;
    ui.problems.value = problemMessages.map((problem) => format(strings.configProblem, { problem }));
    const settings = { mode: config.mode, title: config.title, welcome: config.welcome, placeholder: config.placeholder, avatar: config.avatar, allowImages: config.allowImages };
    const value = { chat: runtime?.chat, ui, strings, settings, lang, copy, act, conversationList, logging };
    // A framework may set an equal config on every render of its own: the components render
    // again only when something they show changed (the direction follows the language).
    // Until mounted nothing is rendered, and the context always takes the newest value.
    const renderWith = JSON.stringify([lang, strings, settings]);
    if (renderWith === renderedWith) return;
    if (context) context.value = value;
    else context = signal(value);
    if (!mounted) return;
    renderedWith = renderWith;
    shownTexts = texts;
    mountWidget(host.root, context, dir, lang);
  }

  return {
    update(settings, problems) {
      // The loader passed `config.strings` on as given: checked here, against every text.
      const textProblems: ConfigError[] = [];
      const next = (config = { ...settings, strings: settings.strings && checkStrings(settings.strings, textProblems) });
      for (const problem of textProblems) {
        if (shownProblems.has(problem.message)) continue;
        shownProblems.add(problem.message);
        reportError(problem);
      }
      problemMessages = [...problems, ...textProblems.map((problem) => problem.message)];
      const language = languageOf(next);
      languages.want(language, language !== lastLanguage);
      lastLanguage = language;
      const key = runtimeKey(next);
      if (!sameKey(currentKey, key)) {
        runtime?.dispose().catch(reportError);
        currentKey = key;
        liveKey = undefined;
        runtime = undefined;
        startRuntime();
        // Another backend or store: the components start afresh on the new controller.
        if (mounted) {
          renderedWith = undefined;
          unmountWidget(host.root);
        }
      }
      const { live, key: nextLive } = liveKeyOf(next);
      if (runtime && nextLive !== liveKey) {
        runtime.chat.configure(live);
        liveKey = nextLive;
      }
      render();
    },
    ready(then) {
      if (!config) return true;
      // The page's <html lang> may have changed since the last update: its texts are asked for now.
      languages.want(languageOf(config), false);
      if (languages.ready(languageOf(config))) return true;
      whenReady = then;
      return false;
    },
    setOpen(open) {
      ui.open.value = open;
      // A chunk that could not be loaded (a language, logging) is tried again on the next opening.
      if (!open || !config) return;
      languages.want(languageOf(config), true);
      if (!runtime) startRuntime();
    },
    mount(focus, typed = '') {
      if (mounted) return;
      mounted = true;
      ui.typed.value += typed;
      adoptPanelStyles(host.root);
      // Rendered closed, then opened: the components move the focus in on the change, as on any opening.
      quiet = focus && ui.open.peek();
      if (quiet) ui.open.value = false;
      render();
      if (quiet) ui.open.value = true;
      quiet = false;
      cancelPrefetch = whenIdle(() => void conversationList.load());
    },
    async send(text) {
      // A chat that logs, waiting for its logging code: the text waits with it.
      if (!runtime && config?.chatReady && chatLogs(config) && !(await logging.load())) {
        throw new ConfabError('chunk_load_failed', 'The chat could not start: its logging code could not be loaded (a confab-error names the file). The text was not sent.');
      }
      const chat = runtime?.chat;
      if (!chat) throw new ConfabError('not_ready', 'The chat is not set up: a confab-error event names the setting to fix.');
      await chat.send(text);
    },
    newConversation() {
      runtime?.chat.newConversation();
      ui.view.value = 'chat';
    },
    dispose() {
      disposed = true;
      stopWatching();
      cancelPrefetch?.();
      // The answer arriving is saved and logged before anything closes (an SPA route change).
      runtime?.dispose().catch(reportError);
      runtime = undefined;
      whenReady = undefined;
      if (mounted) unmountWidget(host.root);
      // A language arriving later renders nothing into the root the element has emptied.
      mounted = false;
    },
  };
}
