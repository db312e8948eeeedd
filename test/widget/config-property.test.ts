import { describe, expect, it } from 'vitest';
import type { ChatProvider } from '../../src/sdk';
import { parseConfig, type ConfabConfigInput, type ResolvedConfig } from '../../src/widget/config';

const base = { 'chat-url': 'https://api.example.com/v1', model: 'gpt-4o-mini' };
const numbered = <T extends object>(rows: T[]) => rows.map((row, index) => ({ n: index + 1, ...row }));
const provider: ChatProvider = { name: 'mine', stream: async function* () {} };

describe('valid config property values', () => {
  const getToken = () => 'token';
  const redact: NonNullable<ConfabConfigInput['redact']> = (conversation) => conversation;
  const suggest = () => ['More?'];
  const user = { id: 7, plan: 'pro' };
  const properties = { site: 'docs' };
  const rows = numbered<{ name: string; property: ConfabConfigInput; config: Partial<ResolvedConfig> }>([
    { name: 'provider object', property: { provider }, config: { provider } },
    { name: 'provider name', property: { provider: 'pulse' }, config: { provider: 'pulse' } },
    { name: 'chatUrl', property: { chatUrl: '/proxy/v1' }, config: { chatUrl: '/proxy/v1' } },
    { name: 'chatKey', property: { chatKey: 'sk-1' }, config: { chatKey: 'sk-1' } },
    { name: 'model', property: { model: 'llama3.2' }, config: { model: 'llama3.2' } },
    { name: 'userId', property: { userId: 'u-1' }, config: { userId: 'u-1' } },
    { name: 'analyticsKey', property: { analyticsKey: 'k' }, config: { analyticsKey: 'k', analyticsUrl: 'https://api.analytics.inkeep.com', analyticsReady: true } },
    { name: 'getToken', property: { getToken }, config: { getToken, analyticsUrl: 'https://api.analytics.inkeep.com', analyticsReady: true } },
    { name: 'analyticsUrl with getToken', property: { getToken, analyticsUrl: 'http://127.0.0.1:8788' }, config: { analyticsUrl: 'http://127.0.0.1:8788' } },
    { name: 'mode', property: { mode: 'inline' }, config: { mode: 'inline' } },
    { name: 'open true', property: { open: true }, config: { open: true } },
    { name: 'open false', property: { open: false }, config: { open: false } },
    { name: 'title, welcome, placeholder', property: { title: 'T', welcome: 'W', placeholder: 'P' }, config: { title: 'T', welcome: 'W', placeholder: 'P' } },
    { name: 'suggestions', property: { suggestions: ['a', 'b'] }, config: { suggestions: ['a', 'b'] } },
    { name: 'no suggestions', property: { suggestions: [] }, config: { suggestions: [] } },
    { name: 'theme', property: { theme: 'dark' }, config: { theme: 'dark' } },
    { name: 'lang', property: { lang: 'ar-EG' }, config: { lang: 'ar-EG' } },
    { name: 'storeName', property: { storeName: 'shop_2' }, config: { storeName: 'shop_2' } },
    { name: 'allowImages', property: { allowImages: true }, config: { allowImages: true } },
    { name: 'position', property: { position: 'left' }, config: { position: 'left' } },
    { name: 'tags', property: { tags: ['docs'] }, config: { tags: ['docs'] } },
    { name: 'functions and objects pass through', property: { redact, suggest, user, properties }, config: { redact, suggest, user, properties } },
    { name: 'strings', property: { strings: { title: 'Hilfe' } }, config: { strings: { title: 'Hilfe' } } },
  ]);

  it.each(rows)('row $n: $name', ({ property, config }) => {
    const parsed = parseConfig(base, property);
    expect(parsed.problems).toEqual([]);
    expect(parsed.config).toMatchObject(config);
  });

  it('functions and objects are the very ones given, not copies', () => {
    const { config } = parseConfig(base, { provider, getToken, redact, suggest, user, properties });
    expect(config.provider).toBe(provider);
    expect(config.getToken).toBe(getToken);
    expect(config.redact).toBe(redact);
    expect(config.suggest).toBe(suggest);
    expect(config.user).toBe(user);
    expect(config.properties).toBe(properties);
  });

  it('a ResolvedConfig given back as input parses to itself, without problems', () => {
    const first = parseConfig({ ...base, mode: 'inline', 'analytics-key': 'k' }, { user: { id: 1 } }).config;
    expect(parseConfig({}, first)).toEqual({ config: first, problems: [], warnings: [] });
  });

  it('the config property alone is enough', () => {
    const parsed = parseConfig({}, { chatUrl: '/v1', model: 'm' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.config.chatReady).toBe(true);
  });
});

describe('property over attribute', () => {
  const rows = numbered<{ name: string; attributes: Record<string, string>; property: Record<string, unknown>; config: Partial<ResolvedConfig>; options: string[] }>([
    { name: 'chatUrl', attributes: { 'chat-url': '/a' }, property: { chatUrl: '/b' }, config: { chatUrl: '/b' }, options: [] },
    { name: 'provider object over provider=pulse', attributes: { provider: 'pulse' }, property: { provider }, config: { provider }, options: [] },
    { name: 'open: false over the open attribute', attributes: { open: '' }, property: { open: false }, config: { open: false }, options: [] },
    { name: 'open: true without the attribute', attributes: {}, property: { open: true }, config: { open: true }, options: [] },
    { name: 'mode', attributes: { mode: 'inline' }, property: { mode: 'launcher' }, config: { mode: 'launcher' }, options: [] },
    { name: 'an empty suggestions array over the attribute', attributes: { suggestions: '["a"]' }, property: { suggestions: [] }, config: { suggestions: [] }, options: [] },
    { name: 'allowImages: false over allow-images', attributes: { 'allow-images': '' }, property: { allowImages: false }, config: { allowImages: false }, options: [] },
    { name: 'undefined property: the attribute holds', attributes: { title: 'A' }, property: { title: undefined }, config: { title: 'A' }, options: [] },
    { name: 'null property: the attribute holds', attributes: { title: 'A' }, property: { title: null }, config: { title: 'A' }, options: [] },
    { name: 'empty-string property: the attribute holds', attributes: { title: 'A' }, property: { title: '' }, config: { title: 'A' }, options: [] },
    { name: 'an invalid property falls back to a valid attribute', attributes: { mode: 'inline' }, property: { mode: 'popup' }, config: { mode: 'inline' }, options: ['config.mode'] },
    { name: 'both invalid: the default, two problems', attributes: { theme: 'blue' }, property: { theme: 'red' }, config: { theme: 'auto' }, options: ['config.theme', 'theme'] },
    { name: 'a valid property hides an invalid attribute (it is not read)', attributes: { position: 'top' }, property: { position: 'left' }, config: { position: 'left' }, options: [] },
  ]);

  it.each(rows)('row $n: $name', ({ attributes, property, config, options }) => {
    const parsed = parseConfig({ ...base, ...attributes }, property as ConfabConfigInput);
    expect(parsed.problems.map((problem) => problem.option)).toEqual(options);
    expect(parsed.config).toMatchObject(config);
  });
});

describe('analytics', () => {
  const rows = numbered<{ name: string; attributes: Record<string, string>; property?: ConfabConfigInput; analyticsUrl: string | undefined; analyticsReady: boolean }>([
    { name: 'nothing: off', attributes: {}, analyticsUrl: undefined, analyticsReady: false },
    { name: 'a key: the default URL', attributes: { 'analytics-key': 'k' }, analyticsUrl: 'https://api.analytics.inkeep.com', analyticsReady: true },
    { name: 'a key and a URL', attributes: { 'analytics-key': 'k', 'analytics-url': '/logs' }, analyticsUrl: '/logs', analyticsReady: true },
    { name: 'getToken: the default URL', attributes: {}, property: { getToken: async () => 't' }, analyticsUrl: 'https://api.analytics.inkeep.com', analyticsReady: true },
    { name: 'an empty key: off', attributes: { 'analytics-key': '' }, analyticsUrl: undefined, analyticsReady: false },
    { name: 'a URL without a key: off (and a problem)', attributes: { 'analytics-url': '/logs' }, analyticsUrl: '/logs', analyticsReady: false },
  ]);

  it.each(rows)('row $n: $name', ({ attributes, property, analyticsUrl, analyticsReady }) => {
    expect(parseConfig({ ...base, ...attributes }, property).config).toMatchObject({ analyticsUrl, analyticsReady });
  });
});
