import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/sdk/http/errors';
import { parseConfig, type ConfabConfigInput, type ResolvedConfig } from '../../src/widget/config';

const base = { 'chat-url': 'https://api.example.com/v1', model: 'gpt-4o-mini' };
const numbered = <T extends object>(rows: T[]) => rows.map((row, index) => ({ n: index + 1, ...row }));
const summary = (problems: ConfigError[]) => problems.map(({ option, message }) => ({ option, message }));
const URL_RULE = 'must be an absolute http(s) URL or a path starting with "/"';
const SUGGESTIONS_FIX = `Set suggestions='["How do I get started?","Where are the docs?"]'.`;

describe('invalid attribute values: one problem naming the attribute and the fix; the default is used', () => {
  const rows = numbered<{ attributes: Record<string, string>; option: string; message: string; config: Partial<ResolvedConfig> }>([
    {
      attributes: { provider: 'anthropic' },
      option: 'provider',
      message: 'provider must be "openai" or "pulse" (got "anthropic"). Set provider="openai".',
      config: { provider: 'openai' },
    },
    {
      attributes: { 'chat-url': 'api.example.com' },
      option: 'chat-url',
      message: `chat-url ${URL_RULE} (got "api.example.com"). Set chat-url="https://api.example.com/v1".`,
      config: { chatUrl: undefined, chatReady: false },
    },
    {
      attributes: { 'chat-url': 'ftp://files.example.com/v1' },
      option: 'chat-url',
      message: `chat-url ${URL_RULE} (got "ftp://files.example.com/v1"). Set chat-url="https://api.example.com/v1".`,
      config: { chatUrl: undefined, chatReady: false },
    },
    {
      attributes: { 'chat-url': 'javascript:alert(1)' },
      option: 'chat-url',
      message: `chat-url ${URL_RULE} (got "javascript:alert(1)"). Set chat-url="https://api.example.com/v1".`,
      config: { chatUrl: undefined, chatReady: false },
    },
    {
      attributes: { 'chat-url': 'localhost:8787/v1' },
      option: 'chat-url',
      message: `chat-url ${URL_RULE} (got "localhost:8787/v1"). Set chat-url="https://api.example.com/v1".`,
      config: { chatUrl: undefined, chatReady: false },
    },
    {
      attributes: { 'analytics-key': 'k1', 'analytics-url': 'analytics.example.com' },
      option: 'analytics-url',
      message: `analytics-url ${URL_RULE} (got "analytics.example.com"). Set analytics-url="https://api.analytics.inkeep.com".`,
      config: { analyticsUrl: 'https://api.analytics.inkeep.com', analyticsReady: true },
    },
    {
      attributes: { mode: 'popup' },
      option: 'mode',
      message: 'mode must be "launcher" or "inline" (got "popup"). Set mode="launcher".',
      config: { mode: 'launcher' },
    },
    {
      attributes: { theme: 'blue' },
      option: 'theme',
      message: 'theme must be "light", "dark" or "auto" (got "blue"). Set theme="auto".',
      config: { theme: 'auto' },
    },
    {
      attributes: { lang: 'english' },
      option: 'lang',
      message: 'lang must be a language tag such as "en", "de-AT" or "ar" (got "english"). Set lang="en".',
      config: { lang: undefined },
    },
    {
      attributes: { lang: 'de_AT' },
      option: 'lang',
      message: 'lang must be a language tag such as "en", "de-AT" or "ar" (got "de_AT"). Set lang="en".',
      config: { lang: undefined },
    },
    {
      attributes: { 'store-name': 'my store' },
      option: 'store-name',
      message: 'store-name must contain only ASCII letters, digits, "-" and "_" (got "my store"). Set store-name="docs-site".',
      config: { storeName: 'default' },
    },
    {
      attributes: { 'store-name': 'größe' },
      option: 'store-name',
      message: 'store-name must contain only ASCII letters, digits, "-" and "_" (got "größe"). Set store-name="docs-site".',
      config: { storeName: 'default' },
    },
    {
      attributes: { position: 'top' },
      option: 'position',
      message: 'position must be "right" or "left" (got "top"). Set position="left".',
      config: { position: undefined },
    },
    {
      attributes: { tags: 'docs,pricing' },
      option: 'tags',
      message: `tags must be a JSON array of strings, but it is not valid JSON (got "docs,pricing"). Set tags='["docs","pricing"]'.`,
      config: { tags: [] },
    },
    {
      attributes: { tags: '[["docs"]]' },
      option: 'tags',
      message: `tags must be a JSON array of strings, but tags[0] is an array (got "[["docs"]]"). Set tags='["docs","pricing"]'.`,
      config: { tags: [] },
    },
  ]);

  it.each(rows)('row $n: $attributes', ({ attributes, option, message, config }) => {
    const parsed = parseConfig({ ...base, ...attributes });
    expect(summary(parsed.problems)).toEqual([{ option, message }]);
    expect(parsed.config).toMatchObject(config);
  });

  it('problems are ConfigErrors with code invalid_config', () => {
    const [problem] = parseConfig({ ...base, mode: 'popup' }).problems;
    expect(problem).toBeInstanceOf(ConfigError);
    expect(problem).toMatchObject({ code: 'invalid_config', name: 'ConfigError', option: 'mode' });
  });
});

describe('suggestions: JSON errors', () => {
  const rows = numbered([
    { value: '[What is confab?]', why: 'it is not valid JSON' },
    { value: "['single', 'quotes']", why: 'it is not valid JSON' },
    { value: '["a",]', why: 'it is not valid JSON' },
    { value: '{"q":"How?"}', why: 'it is an object' },
    { value: '"How do I start?"', why: 'it is a string' },
    { value: '42', why: 'it is a number' },
    { value: 'null', why: 'it is null' },
    { value: '["a", 2]', why: 'suggestions[1] is a number' },
    { value: '["a", null]', why: 'suggestions[1] is null' },
    { value: '[{"text":"a"}]', why: 'suggestions[0] is an object' },
    { value: '["a", "b", true]', why: 'suggestions[2] is a boolean' },
  ]);

  it.each(rows)('row $n: $value', ({ value, why }) => {
    const parsed = parseConfig({ ...base, suggestions: value });
    expect(summary(parsed.problems)).toEqual([
      { option: 'suggestions', message: `suggestions must be a JSON array of strings, but ${why} (got "${value}"). ${SUGGESTIONS_FIX}` },
    ]);
    expect(parsed.config.suggestions).toBeUndefined();
  });

  it('a long value is shortened in the message', () => {
    const value = `[${'x'.repeat(200)}]`;
    const [problem] = parseConfig({ ...base, suggestions: value }).problems;
    expect(problem?.message).toBe(`suggestions must be a JSON array of strings, but it is not valid JSON (got "[${'x'.repeat(58)}…"). ${SUGGESTIONS_FIX}`);
  });
});

describe('missing settings', () => {
  const CHAT_URL_MISSING = {
    option: 'chat-url',
    message:
      'chat-url is missing, so the chat cannot answer. Set chat-url="https://api.example.com/v1" (your OpenAI-compatible or PulseAI endpoint), or pass a ChatProvider as config.provider.',
  };
  const MODEL_MISSING = { option: 'model', message: 'model is missing; provider "openai" needs it. Set model="gpt-4o-mini" (a model your endpoint serves).' };
  const ANALYTICS_KEY_MISSING = {
    option: 'analytics-key',
    message:
      'analytics-key is missing, so no conversation is logged although analytics-url is set. Set analytics-key="your-web-integration-key", or pass config.getToken.',
  };
  const provider = { name: 'mine', stream: async function* () {} };
  const rows = numbered<{ name: string; attributes: Record<string, string>; property?: ConfabConfigInput; problems: object[]; chatReady: boolean }>([
    { name: 'nothing', attributes: {}, problems: [CHAT_URL_MISSING, MODEL_MISSING], chatReady: false },
    { name: 'openai without model', attributes: { 'chat-url': '/v1' }, problems: [MODEL_MISSING], chatReady: false },
    { name: 'openai without chat-url', attributes: { model: 'm' }, problems: [CHAT_URL_MISSING], chatReady: false },
    { name: 'empty chat-url', attributes: { 'chat-url': '', model: 'm' }, problems: [CHAT_URL_MISSING], chatReady: false },
    { name: 'blank chat-url', attributes: { 'chat-url': '  ', model: 'm' }, problems: [CHAT_URL_MISSING], chatReady: false },
    { name: 'pulse needs no model', attributes: { provider: 'pulse', 'chat-url': '/pulse/v1' }, problems: [], chatReady: true },
    { name: 'pulse without chat-url', attributes: { provider: 'pulse' }, problems: [CHAT_URL_MISSING], chatReady: false },
    { name: 'a bad provider falls back to openai, which needs a model', attributes: { provider: 'x', 'chat-url': '/v1' }, problems: [{ option: 'provider', message: 'provider must be "openai" or "pulse" (got "x"). Set provider="openai".' }, MODEL_MISSING], chatReady: false },
    { name: 'a provider object needs neither', attributes: {}, property: { provider }, problems: [], chatReady: true },
    { name: 'an invalid chat-url is reported once, not also as missing', attributes: { 'chat-url': 'nope', model: 'm' }, problems: [{ option: 'chat-url', message: `chat-url ${URL_RULE} (got "nope"). Set chat-url="https://api.example.com/v1".` }], chatReady: false },
    { name: 'an invalid config.model is reported once', attributes: { 'chat-url': '/v1' }, property: { model: 4 as unknown as string }, problems: [{ option: 'config.model', message: 'config.model must be a string (got 4). Set config.model to "gpt-4o-mini".' }], chatReady: false },
    { name: 'analytics-url without a key', attributes: { ...base, 'analytics-url': 'https://a.example.com' }, problems: [ANALYTICS_KEY_MISSING], chatReady: true },
    { name: 'analytics-url with getToken', attributes: { ...base, 'analytics-url': 'https://a.example.com' }, property: { getToken: () => 't' }, problems: [], chatReady: true },
    { name: 'an invalid analytics-url without a key is reported once', attributes: { ...base, 'analytics-url': 'x' }, problems: [{ option: 'analytics-url', message: `analytics-url ${URL_RULE} (got "x"). Set analytics-url="https://api.analytics.inkeep.com".` }], chatReady: true },
  ]);

  it.each(rows)('row $n: $name', ({ attributes, property, problems, chatReady }) => {
    const parsed = parseConfig(attributes, property);
    expect(summary(parsed.problems)).toEqual(problems);
    expect(parsed.config.chatReady).toBe(chatReady);
  });
});

describe('invalid config property values: the problem names config.<key>', () => {
  const rows = numbered<{ property: Record<string, unknown>; option: string; message: string }>([
    { property: { provider: 'anthropic' }, option: 'config.provider', message: 'config.provider must be "openai", "pulse" or a ChatProvider object (got "anthropic"). Set config.provider to "openai".' },
    { property: { provider: { name: 'x' } }, option: 'config.provider', message: 'config.provider must be "openai", "pulse" or a ChatProvider object (got {"name":"x"}). Set config.provider to "openai".' },
    { property: { chatUrl: 'api.example.com' }, option: 'config.chatUrl', message: `config.chatUrl ${URL_RULE} (got "api.example.com"). Set config.chatUrl to "https://api.example.com/v1".` },
    { property: { chatUrl: 42 }, option: 'config.chatUrl', message: `config.chatUrl ${URL_RULE} (got 42). Set config.chatUrl to "https://api.example.com/v1".` },
    { property: { chatKey: 12345 }, option: 'config.chatKey', message: 'config.chatKey must be a string (got a number). Set config.chatKey to "your-chat-key".' },
    { property: { model: ['gpt'] }, option: 'config.model', message: 'config.model must be a string (got ["gpt"]). Set config.model to "gpt-4o-mini".' },
    { property: { userId: 7 }, option: 'config.userId', message: 'config.userId must be a string (got 7). Set config.userId to "user-123".' },
    { property: { analyticsUrl: 'ftp://x' }, option: 'config.analyticsUrl', message: `config.analyticsUrl ${URL_RULE} (got "ftp://x"). Set config.analyticsUrl to "https://api.analytics.inkeep.com".` },
    { property: { analyticsKey: { key: 'secret' } }, option: 'config.analyticsKey', message: 'config.analyticsKey must be a string (got an object). Set config.analyticsKey to "your-web-integration-key".' },
    { property: { getToken: 'tok_secret' }, option: 'config.getToken', message: 'config.getToken must be a function that returns the analytics token (got a string). Set config.getToken to async () => (await fetch("/analytics-token")).text().' },
    { property: { mode: 'Inline' }, option: 'config.mode', message: 'config.mode must be "launcher" or "inline" (got "Inline"). Set config.mode to "launcher".' },
    { property: { open: 'yes' }, option: 'config.open', message: 'config.open must be true or false (got "yes"). Set config.open to true.' },
    { property: { title: 42 }, option: 'config.title', message: 'config.title must be a string (got 42). Set config.title to "Ask AI".' },
    { property: { welcome: false }, option: 'config.welcome', message: 'config.welcome must be a string (got false). Set config.welcome to "Hi! Ask me anything.".' },
    { property: { placeholder: {} }, option: 'config.placeholder', message: 'config.placeholder must be a string (got {}). Set config.placeholder to "Ask a question…".' },
    { property: { suggestions: 'a, b' }, option: 'config.suggestions', message: 'config.suggestions must be an array of strings, but it is a string (got "a, b"). Set config.suggestions to ["How do I get started?","Where are the docs?"].' },
    { property: { suggestions: ['a', 2] }, option: 'config.suggestions', message: 'config.suggestions must be an array of strings, but config.suggestions[1] is a number (got ["a",2]). Set config.suggestions to ["How do I get started?","Where are the docs?"].' },
    { property: { theme: true }, option: 'config.theme', message: 'config.theme must be "light", "dark" or "auto" (got true). Set config.theme to "auto".' },
    { property: { lang: 'de_DE' }, option: 'config.lang', message: 'config.lang must be a language tag such as "en", "de-AT" or "ar" (got "de_DE"). Set config.lang to "en".' },
    { property: { storeName: 'a/b' }, option: 'config.storeName', message: 'config.storeName must contain only ASCII letters, digits, "-" and "_" (got "a/b"). Set config.storeName to "docs-site".' },
    { property: { allowImages: 1 }, option: 'config.allowImages', message: 'config.allowImages must be true or false (got 1). Set config.allowImages to true.' },
    { property: { position: 'bottom' }, option: 'config.position', message: 'config.position must be "right" or "left" (got "bottom"). Set config.position to "left".' },
    { property: { tags: 'docs' }, option: 'config.tags', message: 'config.tags must be an array of strings, but it is a string (got "docs"). Set config.tags to ["docs","pricing"].' },
    { property: { redact: {} }, option: 'config.redact', message: 'config.redact must be a function that takes a conversation and returns it without personal data (got {}). Set config.redact to (conversation) => conversation.' },
    { property: { user: { name: 'Ada' } }, option: 'config.user', message: 'config.user must be an object with an id (a string or a number) (got {"name":"Ada"}). Set config.user to { id: "user-123" }.' },
    { property: { user: 'ada' }, option: 'config.user', message: 'config.user must be an object with an id (a string or a number) (got "ada"). Set config.user to { id: "user-123" }.' },
    { property: { suggest: ['x'] }, option: 'config.suggest', message: 'config.suggest must be a function that takes the messages and returns follow-up questions (got ["x"]). Set config.suggest to (messages) => ["Tell me more"].' },
    { property: { properties: [1] }, option: 'config.properties', message: 'config.properties must be an object (got [1]). Set config.properties to { plan: "pro" }.' },
  ]);

  it.each(rows)('row $n: $option', ({ property, option, message }) => {
    const parsed = parseConfig(base, property as ConfabConfigInput);
    expect(summary(parsed.problems)).toEqual([{ option, message }]);
    // The attributes still hold, so the refused property falls back to them.
    expect(parsed.config.chatReady).toBe(true);
  });
});

describe('unknown keys and string overrides', () => {
  const rows = numbered<{ property: Record<string, unknown>; problems: { option: string; message: string }[]; strings?: unknown }>([
    { property: { chatURL: '/x' }, problems: [{ option: 'config.chatURL', message: 'config.chatURL is not a setting confab knows, so it is ignored. Did you mean config.chatUrl?' }] },
    { property: { 'chat-url': '/x' }, problems: [{ option: 'config.chat-url', message: 'config.chat-url is not a setting confab knows, so it is ignored. Did you mean config.chatUrl?' }] },
    { property: { colour: 'red' }, problems: [{ option: 'config.colour', message: 'config.colour is not a setting confab knows, so it is ignored. Remove it or check its spelling.' }] },
    { property: { strings: { tittle: 'Help' } }, problems: [{ option: 'config.strings.tittle', message: 'config.strings.tittle is not a text confab knows, so it is ignored. Remove it or check its spelling.' }], strings: {} },
    { property: { strings: { Title: 'Help' } }, problems: [{ option: 'config.strings.Title', message: 'config.strings.Title is not a text confab knows, so it is ignored. Did you mean config.strings.title?' }], strings: {} },
    { property: { strings: { title: 42, send: 'Go' } }, problems: [{ option: 'config.strings.title', message: 'config.strings.title must be a string (got 42). Set config.strings.title to "Ask AI".' }], strings: { send: 'Go' } },
    { property: { strings: 'Help' }, problems: [{ option: 'config.strings', message: 'config.strings must be an object of texts (got "Help"). Set config.strings to { launcherOpen: "Open chat" }.' }], strings: undefined },
    { property: { strings: { reasons: 'none' } }, problems: [{ option: 'config.strings.reasons', message: 'config.strings.reasons must be an object of texts (got "none"). Set config.strings.reasons to { unrelated_response: "Not related to my question" }.' }], strings: {} },
    { property: { strings: { reasons: { wrong: 'x', inaccurate_statement: 'False' } } }, problems: [{ option: 'config.strings.reasons.wrong', message: 'config.strings.reasons.wrong is not a text confab knows, so it is ignored. Remove it or check its spelling.' }], strings: { reasons: { inaccurate_statement: 'False' } } },
    { property: { strings: { title: 'Help', reasons: { unrelated_response: 'Off topic' }, welcome: undefined } }, problems: [], strings: { title: 'Help', reasons: { unrelated_response: 'Off topic' } } },
  ]);

  it.each(rows)('row $n: $property', ({ property, problems, strings }) => {
    const parsed = parseConfig(base, property as ConfabConfigInput);
    expect(summary(parsed.problems)).toEqual(problems);
    if ('strings' in property) expect(parsed.config.strings).toEqual(strings);
  });
});

describe('never throws', () => {
  const rows = numbered<{ name: string; property: unknown; problems: number }>([
    { name: 'a string', property: 'chatUrl=/x', problems: 1 },
    { name: 'a number', property: 42, problems: 1 },
    { name: 'an array', property: [{ chatUrl: '/x' }], problems: 1 },
    { name: 'null', property: null, problems: 0 },
    { name: 'a cyclic object in properties', property: { properties: 'x', user: (() => { const o: Record<string, unknown> = {}; o['self'] = o; return o; })() }, problems: 2 },
    { name: 'every setting wrong at once', property: { provider: 1, chatUrl: 1, chatKey: 1, model: 1, userId: 1, analyticsUrl: 1, analyticsKey: 1, getToken: 1, mode: 1, open: 1, title: 1, welcome: 1, placeholder: 1, suggestions: 1, theme: 1, lang: 1, storeName: 1, allowImages: 1, position: 1, tags: 1, redact: 1, user: 1, strings: 1, suggest: 1, properties: 1 }, problems: 25 },
  ]);

  it.each(rows)('row $n: config is $name', ({ property, problems }) => {
    const parsed = parseConfig(base, property as ConfabConfigInput);
    expect(parsed.problems).toHaveLength(problems);
    expect(parsed.config).toMatchObject({ chatUrl: base['chat-url'], mode: 'launcher', chatReady: true });
  });

  it('a config that is not an object is named as such', () => {
    expect(summary(parseConfig(base, 'x' as unknown as ConfabConfigInput).problems)).toEqual([
      { option: 'config', message: 'config must be an object of settings (got "x"). Set config to { chatUrl: "/api/chat" }.' },
    ]);
  });
});

// Issue 11, item 15: a secret key on a public page is reported loudly (the element also logs
// it to the console), but not shown to visitors, and the chat still works with it.
describe('a secret key in chat-key', () => {
  const KEY_NOTE = 'now public on this page: revoke it, and keep keys on your server, behind chat-url.';
  const rows = numbered([
    { key: 'sk-abc123def456', shown: 'sk-' },
    { key: 'sk-proj-Abc123_def456', shown: 'sk-proj-' },
    { key: 'sk-ant-api03-abc123', shown: 'sk-ant-' },
    { key: 'app-7fH2kQ9xLm3pZt8vWc1nRb4y', shown: 'app-' },
  ]);

  it.each(rows)('row $n: $shown… as the attribute or config.chatKey is an exposed_key warning, never a problem', ({ key, shown }) => {
    for (const parsed of [parseConfig({ ...base, 'chat-key': key }), parseConfig(base, { chatKey: key })]) {
      expect(parsed.problems).toEqual([]);
      expect(parsed.warnings).toHaveLength(1);
      expect(parsed.warnings[0]).toMatchObject({ code: 'exposed_key', message: `chat-key is a secret key (${shown}…), ${KEY_NOTE}` });
      expect(parsed.warnings[0]!.message, 'the key itself is never repeated').not.toContain(key);
      expect(parsed.config.chatKey).toBe(key);
    }
  });

  it.each(numbered([{ key: 'pk-live-123' }, { key: 'confab-demo-key' }, { key: 'my-sk-key' }, { key: 'appkey' }]))('row $n: $key is no warning', ({ key }) => {
    expect(parseConfig({ ...base, 'chat-key': key }).warnings).toEqual([]);
  });
});
