import { ConfabError, ConfigError } from '../../sdk/http/errors';
import { checkStrings } from './check-strings';
import { kebab } from './config-attributes';
import { CONFIG_OPTIONS, type ConfigOptionKey, type ConfigValues } from './config-options';
import { invalidValue, quoteAttribute, unknownKey } from './config-problems';
import type { ConfabConfigInput, ResolvedConfig } from './config-types';
import { describeValue } from './describe-value';
import type { ConfigOption } from './option-kinds';
// Imported last: in this order the script-tag bundle compresses best (measured, bench/budgets.ts).
import { DEFAULT_ANALYTICS_BASE_URL } from '../../sdk/analytics/default-base-url';

/** The result of {@link parseConfig}: a config the widget can always render with, and what was wrong. */
export interface ParsedConfig {
  config: ResolvedConfig;
  /** One per refused or missing value, in attribute order; empty when all is well. */
  problems: ConfigError[];
  /** Settings that work but endanger the site (a secret key on the page): reported, not shown to visitors. */
  warnings: ConfabError[];
}

/** The start of a key that must stay on a server: OpenAI (`sk-`, `sk-proj-`), Anthropic (`sk-ant-`), a PulseAI/Dify app (`app-`). */
const SECRET_KEY = /^(?:sk-(?:proj-|ant-)?|app-)/;

// `chatReady` and `analyticsReady` are accepted silently so a ResolvedConfig given back as input is no typo.
const KNOWN_KEYS = [...Object.keys(CONFIG_OPTIONS), 'strings', 'chatReady', 'analyticsReady'];

/**
 * Reads the element's attributes (by name: `chat-url`, …; the script tag's `data-*` mapped by
 * the caller) and its `config` property, which wins over them. Never throws: every refused
 * value becomes a `ConfigError` naming the attribute (or `config.<key>`) and the fix, and is
 * replaced by the next source (attribute, then default), so the widget still renders and can
 * show the problems.
 */
export function parseConfig(
  attributes: Readonly<Record<string, string | null | undefined>>,
  property?: ConfabConfigInput,
): ParsedConfig {
  const parsed = parseSettings(attributes, property);
  const { strings } = parsed.config;
  if (strings != null) parsed.config.strings = checkStrings(strings, parsed.problems);
  return parsed;
}

/**
 * {@link parseConfig} without checking `config.strings` against every built-in text: the
 * loader's part, which must not carry the texts of the panel. `strings` is passed on as given
 * (the texts it reads skip what does not fit); the panel checks it with {@link checkStrings}.
 */
export function parseSettings(
  attributes: Readonly<Record<string, string | null | undefined>>,
  property?: ConfabConfigInput,
): ParsedConfig {
  const problems: ConfigError[] = [];
  const values: Record<string, unknown> = {};
  const refused = new Set<string>();
  let input: Record<string, unknown> = {};
  // Plain JS can assign anything to `element.config`.
  if (typeof property === 'object' && property !== null && !Array.isArray(property)) input = property as Record<string, unknown>;
  else if (property != null) problems.push(invalidValue('config', 'must be an object of settings', describeValue(property), 'config to { chatUrl: "/api/chat" }'));

  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.includes(key)) problems.push(unknownKey(`config.${key}`, 'setting', KNOWN_KEYS));
  }

  for (const [key, option] of Object.entries(CONFIG_OPTIONS) as [string, ConfigOption<unknown>][]) {
    const name = `config.${key}`;
    const given = input[key];
    // `null` and `''` count as not given, as the attributes' absence and emptiness do.
    if (given != null && given !== '') {
      const checked = option.fromValue(given, name);
      if (checked.ok) {
        values[key] = checked.value;
        continue;
      }
      refused.add(key);
      problems.push(invalidValue(name, checked.why, describeValue(given, option.secret), `${name} to ${option.code}`));
    }
    const attribute = kebab(key);
    const text = option.fromText && attributes[attribute]?.trim();
    if (text == null || (text === '' && !option.flag)) continue;
    const checked = option.fromText?.(text, attribute);
    if (checked?.ok) {
      values[key] = checked.value;
    } else if (checked) {
      refused.add(key);
      problems.push(invalidValue(attribute, checked.why, describeValue(text, option.secret), `${attribute}=${quoteAttribute(option.text)}`));
    }
  }

  // Every setting present, `undefined` when not given (the cast states what the mapping makes).
  const v = Object.fromEntries(Object.keys(CONFIG_OPTIONS).map((key) => [key, values[key]])) as { [K in ConfigOptionKey]: ConfigValues[K] | undefined };
  const provider = v.provider ?? 'openai';
  const custom = typeof provider === 'object';
  // A trailing slash is left as given: the server reads `//pulse` as `/pulse`.
  const server = v.server;
  const chatUrl = v.chatUrl ?? (server && (provider === 'pulse' ? `${server}/pulse` : server));
  if (!custom && !chatUrl && !refused.has('chatUrl') && !refused.has('server')) {
    problems.push(
      new ConfigError(
        'chat-url',
        'chat-url is missing, so the chat cannot answer. Set chat-url="https://api.example.com/v1" (your OpenAI-compatible or PulseAI endpoint), or pass a ChatProvider as config.provider.',
      ),
    );
  }
  if (provider === 'openai' && !v.model && !server && !refused.has('model')) {
    problems.push(new ConfigError('model', 'model is missing; provider "openai" needs it. Set model="gpt-4o-mini" (a model your endpoint serves).'));
  }
  const analyticsReady = Boolean(v.analyticsKey || v.getToken || server);
  if (!analyticsReady && v.analyticsUrl && !refused.has('analyticsKey') && !refused.has('getToken')) {
    problems.push(
      new ConfigError(
        'analytics-key',
        'analytics-key is missing, so no conversation is logged although analytics-url is set. Set analytics-key="your-web-integration-key", or pass config.getToken.',
      ),
    );
  }

  if (v.handoff?.length && !server) {
    problems.push(new ConfigError('handoff', 'handoff needs server, the confab server that reaches the helpdesk. Set server="/api/confab" (where confab-chat/server runs with handoff set up), or handoff="never".'));
  }

  const config: ResolvedConfig = {
    ...v,
    provider,
    chatUrl,
    analyticsUrl: analyticsReady ? (v.analyticsUrl ?? (server ? `${server}/analytics` : DEFAULT_ANALYTICS_BASE_URL)) : v.analyticsUrl,
    mode: v.mode ?? 'launcher',
    open: v.open ?? false,
    theme: v.theme ?? 'auto',
    storeName: v.storeName ?? 'default',
    allowImages: v.allowImages ?? false,
    tags: v.tags ?? [],
    logging: v.logging ?? 'on',
    pageUrl: v.pageUrl ?? 'path',
    handoff: server ? (v.handoff ?? []) : [],
    strings: (input['strings'] ?? undefined) as ResolvedConfig['strings'],
    chatReady: custom || (Boolean(chatUrl) && (provider === 'pulse' || Boolean(v.model || server))),
    analyticsReady,
  };
  const secret = SECRET_KEY.exec(v.chatKey ?? '')?.[0];
  const warnings = secret
    ? [new ConfabError('exposed_key', `chat-key is a secret key (${secret}…), now public on this page: revoke it, and keep keys on your server, behind chat-url.`)]
    : [];
  return { config, problems, warnings };
}
