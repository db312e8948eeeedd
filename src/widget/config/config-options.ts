import type { ChatProvider, ChatUser } from '../../sdk';
import type { GetToken, Redact, Suggest } from './config-types';
import { callback, choice, flag, list, option, shaped, text, type ConfigOption } from './option-kinds';
import { checkWith, isPlainRecord, isProvider, isUrlOrPath, isUser } from './value-checks';
import { handoffOption } from '../handoff/handoff-option';

const URL_WHY = 'must be an absolute http(s) URL or a path starting with "/"';
type ProviderSetting = 'openai' | 'pulse' | ChatProvider;
const isProviderSetting = (value: unknown): value is ProviderSetting => value === 'openai' || value === 'pulse' || isProvider(value);

/**
 * Every setting but `strings`, in the order problems are reported, keyed by its `config`
 * name; its attribute is the kebab-case of the key (`chatUrl` → `chat-url`).
 */
export const CONFIG_OPTIONS = {
  // The attribute can only name a built-in provider; the property may also carry an instance.
  provider: option<ProviderSetting>({
    ...choice(['openai', 'pulse'], 'openai'),
    fromValue: checkWith(isProviderSetting, 'must be "openai", "pulse" or a ChatProvider object'),
  }),
  server: text('https://example.com/api/confab', isUrlOrPath, URL_WHY),
  chatUrl: text('https://api.example.com/v1', isUrlOrPath, URL_WHY),
  chatKey: text('your-chat-key', undefined, undefined, true),
  model: text('gpt-4o-mini'),
  userId: text('user-123'),
  analyticsUrl: text('https://api.analytics.inkeep.com', isUrlOrPath, URL_WHY),
  analyticsKey: text('your-web-integration-key', undefined, undefined, true),
  getToken: callback<GetToken>('must be a function that returns the analytics token', 'async () => (await fetch("/analytics-token")).text()', true),
  mode: choice(['launcher', 'inline'], 'launcher'),
  open: flag(),
  title: text('Ask AI'),
  welcome: text('Hi! Ask me anything.'),
  placeholder: text('Ask a question…'),
  avatar: text('/logo.svg', isUrlOrPath, URL_WHY),
  suggestions: list(['How do I get started?', 'Where are the docs?']),
  theme: choice(['light', 'dark', 'auto'], 'auto'),
  lang: text('en', (value) => /^[a-z]{2,3}(-[a-z\d]{1,8})*$/i.test(value), 'must be a language tag such as "en", "de-AT" or "ar"'),
  // The name becomes part of IndexedDB store names, so it stays within safe characters.
  storeName: text('docs-site', (value) => /^[\w-]+$/.test(value), 'must contain only ASCII letters, digits, "-" and "_"'),
  allowImages: flag(),
  position: choice(['right', 'left'], 'left'),
  tags: list(['docs', 'pricing']),
  // Consent: `off` stops new logs at once and drops what waits to be sent.
  logging: choice(['on', 'off'], 'off'),
  // Logged as properties.pageUrl: query strings carry tokens and e-mail addresses.
  pageUrl: choice(['path', 'full', 'none'], 'full'),
  redact: callback<Redact>('must be a function that takes a conversation and returns it without personal data', '(conversation) => conversation'),
  user: shaped<ChatUser>(isUser, 'must be an object with an id (a string or a number)', '{ id: "user-123" }'),
  suggest: callback<Suggest>('must be a function that takes the messages and returns follow-up questions', '(messages) => ["Tell me more"]'),
  properties: shaped(isPlainRecord, 'must be an object', '{ plan: "pro" }'),
  // Where "Talk to a person" is offered; needs `server` (its /handoff routes).
  handoff: handoffOption,
};

/** A `config` key with an option above. */
export type ConfigOptionKey = keyof typeof CONFIG_OPTIONS;

/** The checked values, each `undefined` until a valid one is found. */
export type ConfigValues = {
  [K in ConfigOptionKey]?: (typeof CONFIG_OPTIONS)[K] extends ConfigOption<infer T> ? T : never;
};
