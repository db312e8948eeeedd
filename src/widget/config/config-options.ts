import * as z from 'zod/mini';
import type { ChatProvider, ChatUser } from '../../sdk';
import type { GetToken, Redact, Suggest } from './config-types';
import { kindOf } from './describe-value';

/** One value checked: the value to use, or why it was refused (`must be …`). */
export type Checked<T> = { ok: true; value: T } | { ok: false; why: string };

/** How one setting is read from an attribute or the `config` property, and how to fix it. */
export interface ConfigOption<T> {
  /** A valid value, as attribute text and as JavaScript, for the fix in a problem message. */
  readonly text: string;
  readonly code: string;
  /** Problem messages show only the kind of value (keys, tokens must not reach logs). */
  readonly secret: boolean;
  /** A boolean attribute: present (even empty) means true. */
  readonly flag: boolean;
  /** Reads the attribute; absent for settings only the `config` property can carry. */
  readonly fromText?: (text: string, name: string) => Checked<T>;
  readonly fromValue: (value: unknown, name: string) => Checked<T>;
}

function by<T>(schema: z.ZodMiniType, why: string): (value: unknown) => Checked<T> {
  return (value) => {
    // The value itself, not zod's copy: the integrator's `user` and `properties` objects keep
    // their identity. The schema is the one written for T below; zod cannot infer function types.
    return z.safeParse(schema, value).success ? { ok: true, value: value as T } : { ok: false, why };
  };
}

const option = <T>(fields: Partial<ConfigOption<T>> & Pick<ConfigOption<T>, 'fromValue'>): ConfigOption<T> => ({
  text: '',
  code: '',
  secret: false,
  flag: false,
  ...fields,
});

function text(example: string, check?: (value: string) => boolean, why = 'must be a string', secret = false): ConfigOption<string> {
  const fromValue = by<string>(check ? z.string().check(z.refine(check)) : z.string(), why);
  return option({ text: example, code: JSON.stringify(example), secret, fromText: fromValue, fromValue });
}

function choice<const T extends readonly [string, ...string[]]>(values: T, example: T[number]): ConfigOption<T[number]> {
  const fromValue = by<T[number]>(z.enum(values), `must be ${values.map((value) => `"${value}"`).join(', ').replace(/, ([^,]+)$/, ' or $1')}`);
  // HTML enumerated attributes are ASCII case-insensitive (`mode="Inline"`).
  return option({ text: example, code: JSON.stringify(example), fromText: (value) => fromValue(value.toLowerCase()), fromValue });
}

function flag(): ConfigOption<boolean> {
  return option({
    code: 'true',
    flag: true,
    // A boolean attribute is on when present, as in HTML; `="false"` is the one way off that templating needs.
    fromText: (value) => ({ ok: true, value: value.toLowerCase() !== 'false' }),
    fromValue: by(z.boolean(), 'must be true or false'),
  });
}

function list(example: string[]): ConfigOption<string[]> {
  const check = (value: unknown, name: string, what: string): Checked<string[]> => {
    const result = z.safeParse(z.array(z.string()), value);
    if (result.success) return { ok: true, value: result.data };
    const index = result.error.issues[0]?.path[0];
    const actual = Array.isArray(value) && typeof index === 'number' ? `${name}[${index}] is ${kindOf(value[index])}` : `it is ${kindOf(value)}`;
    return { ok: false, why: `must be ${what}, but ${actual}` };
  };
  const json = JSON.stringify(example);
  return option({
    text: json,
    code: json,
    fromText: (value, name) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return { ok: false, why: 'must be a JSON array of strings, but it is not valid JSON' };
      }
      return check(parsed, name, 'a JSON array of strings');
    },
    fromValue: (value, name) => check(value, name, 'an array of strings'),
  });
}

const shaped = <T>(schema: z.ZodMiniType, why: string, code: string, secret = false): ConfigOption<T> =>
  option({ code, secret, fromValue: by<T>(schema, why) });

const fn = <T>(why: string, code: string, secret = false): ConfigOption<T> =>
  shaped<T>(z.custom((value) => typeof value === 'function'), why, code, secret);

function isUrlOrPath(value: string): boolean {
  if (value.startsWith('/')) return true;
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

const URL_WHY = 'must be an absolute http(s) URL or a path starting with "/"';
const isProvider = (value: unknown): value is ChatProvider =>
  typeof value === 'object' && value !== null && typeof (value as { stream?: unknown }).stream === 'function';
const providerName = choice(['openai', 'pulse'], 'openai');
const providerValue = by<'openai' | 'pulse'>(z.enum(['openai', 'pulse']), 'must be "openai", "pulse" or a ChatProvider object');

/**
 * Every setting but `strings`, in the order problems are reported, keyed by its `config`
 * name; its attribute is the kebab-case of the key (`chatUrl` → `chat-url`).
 */
export const CONFIG_OPTIONS = {
  provider: option<'openai' | 'pulse' | ChatProvider>({
    ...providerName,
    fromValue: (value) => (isProvider(value) ? { ok: true, value } : providerValue(value)),
  }),
  chatUrl: text('https://api.example.com/v1', isUrlOrPath, URL_WHY),
  chatKey: text('your-chat-key', undefined, undefined, true),
  model: text('gpt-4o-mini'),
  userId: text('user-123'),
  analyticsUrl: text('https://api.analytics.inkeep.com', isUrlOrPath, URL_WHY),
  analyticsKey: text('your-web-integration-key', undefined, undefined, true),
  getToken: fn<GetToken>('must be a function that returns the analytics token', 'async () => (await fetch("/analytics-token")).text()', true),
  mode: choice(['launcher', 'inline'], 'launcher'),
  open: flag(),
  title: text('Ask AI'),
  welcome: text('Hi! Ask me anything.'),
  placeholder: text('Ask a question…'),
  suggestions: list(['How do I get started?', 'Where are the docs?']),
  theme: choice(['light', 'dark', 'auto'], 'auto'),
  lang: text('en', (value) => /^[a-z]{2,3}(-[a-z\d]{1,8})*$/i.test(value), 'must be a language tag such as "en", "de-AT" or "ar"'),
  storeName: text('docs-site', (value) => /^[\w-]+$/.test(value), 'must contain only ASCII letters, digits, "-" and "_"'),
  allowImages: flag(),
  position: choice(['right', 'left'], 'left'),
  tags: list(['docs', 'pricing']),
  redact: fn<Redact>('must be a function that takes a conversation and returns it without personal data', '(conversation) => conversation'),
  user: shaped<ChatUser>(
    z.looseObject({ id: z.union([z.string(), z.number()]) }),
    'must be an object with an id (a string or a number)',
    '{ id: "user-123" }',
  ),
  suggest: fn<Suggest>('must be a function that takes the messages and returns follow-up questions', '(messages) => ["Tell me more"]'),
  properties: shaped<Record<string, unknown>>(z.record(z.string(), z.unknown()), 'must be an object', '{ plan: "pro" }'),
};

/** A `config` key with an option above. */
export type ConfigOptionKey = keyof typeof CONFIG_OPTIONS;

/** The checked values, each `undefined` until a valid one is found. */
export type ConfigValues = {
  [K in ConfigOptionKey]?: (typeof CONFIG_OPTIONS)[K] extends ConfigOption<infer T> ? T : never;
};
