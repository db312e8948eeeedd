import type { ChatMessage, ChatProvider, ChatUser, CreateConversation } from '../../sdk';
import type { DeepPartial, Strings } from '../i18n';
import type { HandoffOffer } from '../handoff/handoff-option';

/** Where the launcher sits; `undefined` resolves to the inline end: right in LTR, left in RTL. */
export type LauncherPosition = 'right' | 'left';

/** `auto` follows `prefers-color-scheme`. */
export type Theme = 'light' | 'dark' | 'auto';

/** `launcher`: a button that opens a floating panel; `inline`: the panel fills the element. */
export type WidgetMode = 'launcher' | 'inline';

/** Asked before every analytics request, so short-lived tokens stay fresh. */
export type GetToken = () => string | Promise<string>;

/** Runs on every conversation before it is stored or sent to analytics: strip PII here. */
export type Redact = (conversation: CreateConversation) => CreateConversation | Promise<CreateConversation>;

/** Follow-up questions after an answer, when the backend offers none. */
export type Suggest = (messages: readonly ChatMessage[]) => string[] | Promise<string[]>;

/**
 * The element's `config` property: every attribute camelCased with its real type, plus what
 * an attribute cannot carry (functions, objects, a provider instance). Wins over attributes.
 */
export interface ConfabConfigInput {
  /** `openai` (default), `pulse`, or a `ChatProvider` you built (then `chatUrl` and `model` are not needed). */
  provider?: 'openai' | 'pulse' | ChatProvider | undefined;
  /**
   * Your confab server (`confab-chat/server`), e.g. `/api/confab`: chat (and PulseAI), and
   * logging through it, in one setting; no key in the page. `chatUrl` and `analyticsUrl` still win.
   */
  server?: string | undefined;
  /** The chat backend: an absolute http(s) URL up to and including the version, or a same-origin path. */
  chatUrl?: string | undefined;
  /** Sent as `Authorization: Bearer`; visible to anyone who opens the page, so prefer a proxy. */
  chatKey?: string | undefined;
  /** Required for `openai`. */
  model?: string | undefined;
  /** The PulseAI `user`. Default: a per-browser id the element keeps. */
  userId?: string | undefined;
  /** Default `https://api.analytics.inkeep.com` once a key or `getToken` is given. */
  analyticsUrl?: string | undefined;
  /** A web integration key; without it (or `getToken`) nothing is logged. */
  analyticsKey?: string | undefined;
  getToken?: GetToken | undefined;
  mode?: WidgetMode | undefined;
  open?: boolean | undefined;
  title?: string | undefined;
  welcome?: string | undefined;
  placeholder?: string | undefined;
  /** An image (a logo, an avatar) shown above the welcome of an empty conversation. */
  avatar?: string | undefined;
  /** Starter questions; the backend's (PulseAI `/parameters`) when not given. */
  suggestions?: string[] | undefined;
  theme?: Theme | undefined;
  /** A BCP 47 tag; default: the document's language. */
  lang?: string | undefined;
  /** Names this widget's IndexedDB stores, so two widgets on one site keep apart. */
  storeName?: string | undefined;
  /** Load remote images in answers; off by default because loading one tells its host who read the answer. */
  allowImages?: boolean | undefined;
  position?: LauncherPosition | undefined;
  /** Logged with every conversation. */
  tags?: string[] | undefined;
  /** `off` (no consent): nothing more is logged, and what waits to be sent is dropped. Default `on`. */
  logging?: 'on' | 'off' | undefined;
  /** How much of the page's address is logged: `path` (origin and path, the default), `full`, or `none`. */
  pageUrl?: 'path' | 'full' | 'none' | undefined;
  redact?: Redact | undefined;
  /** The signed-in user, logged as `ID_PROVIDED`. */
  user?: ChatUser | undefined;
  /** Replaces any of the built-in texts. */
  strings?: DeepPartial<Strings> | undefined;
  suggest?: Suggest | undefined;
  /** Logged with every conversation. */
  properties?: Record<string, unknown> | undefined;
  /**
   * Where "Talk to a person" is offered (human handoff through `server`): any of `menu`
   * (always, in the header), `after-thumbs-down`, `when-unsure` (under an answer that says it
   * does not know), as an array or space-separated; `never` (the default) offers none.
   */
  handoff?: HandoffOffer[] | string | undefined;
}

/**
 * Every setting after {@link parseConfig}: valid, defaults filled, functions passed through.
 * Settings without a default stay `undefined`.
 */
export interface ResolvedConfig {
  provider: 'openai' | 'pulse' | ChatProvider;
  server: string | undefined;
  /** The given one, else derived from `server`. */
  chatUrl: string | undefined;
  chatKey: string | undefined;
  model: string | undefined;
  userId: string | undefined;
  /** Set whenever analytics is on: the given URL or the default. */
  analyticsUrl: string | undefined;
  analyticsKey: string | undefined;
  getToken: GetToken | undefined;
  mode: WidgetMode;
  open: boolean;
  title: string | undefined;
  welcome: string | undefined;
  placeholder: string | undefined;
  avatar: string | undefined;
  suggestions: string[] | undefined;
  theme: Theme;
  lang: string | undefined;
  storeName: string;
  allowImages: boolean;
  /** `undefined`: the inline end (DESIGN.md: bottom-right, bottom-left in RTL). */
  position: LauncherPosition | undefined;
  tags: string[];
  logging: 'on' | 'off';
  pageUrl: 'path' | 'full' | 'none';
  redact: Redact | undefined;
  user: ChatUser | undefined;
  /** Only the overrides that fit the `Strings` shape. */
  strings: DeepPartial<Strings> | undefined;
  suggest: Suggest | undefined;
  properties: Record<string, unknown> | undefined;
  /** Where "Talk to a person" is offered; empty: nowhere. */
  handoff: HandoffOffer[];
  /** False when the chat cannot answer (no `chat-url`, no `model` for openai); the problems say why. */
  chatReady: boolean;
  /** True when conversations are logged: an analytics key, `getToken` or `server` is set. */
  analyticsReady: boolean;
}
