import { describe, expect, it } from 'vitest';
import { CONFIG_ATTRIBUTES, parseConfig, type ConfigAttribute, type ResolvedConfig } from '../../src/widget/config';

/** The smallest attribute set with no problems. */
const base = { 'chat-url': 'https://api.example.com/v1', model: 'gpt-4o-mini' };
const numbered = <T extends object>(rows: T[]) => rows.map((row, index) => ({ n: index + 1, ...row }));

describe('CONFIG_ATTRIBUTES', () => {
  it('lists exactly the public attributes, in order, and the ConfigAttribute type names each of them', () => {
    // Every key of the type, and no other (a Record literal allows neither a missing nor an extra key).
    const attributes: Record<ConfigAttribute, true> = {
      provider: true,
      server: true,
      'chat-url': true,
      'chat-key': true,
      model: true,
      'user-id': true,
      'analytics-url': true,
      'analytics-key': true,
      mode: true,
      open: true,
      title: true,
      welcome: true,
      placeholder: true,
      avatar: true,
      suggestions: true,
      theme: true,
      lang: true,
      'store-name': true,
      'allow-images': true,
      position: true,
      tags: true,
      logging: true,
      'page-url': true,
      handoff: true,
    };
    expect([...CONFIG_ATTRIBUTES]).toEqual(Object.keys(attributes));
  });
});

describe('defaults', () => {
  it('fills every setting that has a default and leaves the rest undefined', () => {
    const expected: ResolvedConfig = {
      provider: 'openai',
      server: undefined,
      chatUrl: 'https://api.example.com/v1',
      chatKey: undefined,
      model: 'gpt-4o-mini',
      userId: undefined,
      analyticsUrl: undefined,
      analyticsKey: undefined,
      getToken: undefined,
      mode: 'launcher',
      open: false,
      title: undefined,
      welcome: undefined,
      placeholder: undefined,
      avatar: undefined,
      suggestions: undefined,
      theme: 'auto',
      lang: undefined,
      storeName: 'default',
      allowImages: false,
      position: undefined,
      tags: [],
      logging: 'on',
      pageUrl: 'path',
      redact: undefined,
      user: undefined,
      strings: undefined,
      suggest: undefined,
      properties: undefined,
      handoff: [],
      chatReady: true,
      analyticsReady: false,
    };
    expect(parseConfig(base)).toEqual({ config: expected, problems: [], warnings: [] });
  });
});

describe('valid attribute values', () => {
  const rows = numbered<{ attributes: Record<string, string>; config: Partial<ResolvedConfig> }>([
    { attributes: { logging: 'off' }, config: { logging: 'off' } },
    { attributes: { 'page-url': 'full' }, config: { pageUrl: 'full' } },
    { attributes: { 'page-url': 'none' }, config: { pageUrl: 'none' } },
    { attributes: { provider: 'openai' }, config: { provider: 'openai' } },
    { attributes: { provider: 'pulse' }, config: { provider: 'pulse' } },
    { attributes: { provider: 'PULSE' }, config: { provider: 'pulse' } },
    { attributes: { server: '/api/confab' }, config: { server: '/api/confab', chatUrl: 'https://api.example.com/v1', analyticsUrl: '/api/confab/analytics', analyticsReady: true } },
    { attributes: { 'chat-url': 'https://api.example.com/v1' }, config: { chatUrl: 'https://api.example.com/v1' } },
    { attributes: { 'chat-url': 'http://127.0.0.1:8787/v1' }, config: { chatUrl: 'http://127.0.0.1:8787/v1' } },
    { attributes: { 'chat-url': 'HTTPS://API.EXAMPLE.COM/v1' }, config: { chatUrl: 'HTTPS://API.EXAMPLE.COM/v1' } },
    { attributes: { 'chat-url': '/api/chat' }, config: { chatUrl: '/api/chat' } },
    { attributes: { 'chat-url': '  https://x.test/v1\n' }, config: { chatUrl: 'https://x.test/v1' } },
    { attributes: { 'chat-key': 'sk-abc' }, config: { chatKey: 'sk-abc' } },
    { attributes: { model: 'llama3.2' }, config: { model: 'llama3.2' } },
    { attributes: { 'user-id': 'user-42' }, config: { userId: 'user-42' } },
    { attributes: { 'analytics-key': 'k1' }, config: { analyticsKey: 'k1', analyticsUrl: 'https://api.analytics.inkeep.com', analyticsReady: true } },
    { attributes: { 'analytics-key': 'k1', 'analytics-url': 'https://a.example.com' }, config: { analyticsUrl: 'https://a.example.com', analyticsReady: true } },
    { attributes: { 'analytics-key': 'k1', 'analytics-url': '/analytics' }, config: { analyticsUrl: '/analytics' } },
    { attributes: { mode: 'inline' }, config: { mode: 'inline' } },
    { attributes: { mode: 'launcher' }, config: { mode: 'launcher' } },
    { attributes: { mode: ' Inline ' }, config: { mode: 'inline' } },
    { attributes: { open: '' }, config: { open: true } },
    { attributes: { title: 'Help' }, config: { title: 'Help' } },
    { attributes: { welcome: 'Hello there' }, config: { welcome: 'Hello there' } },
    { attributes: { placeholder: 'Type here' }, config: { placeholder: 'Type here' } },
    { attributes: { avatar: '/logo.svg' }, config: { avatar: '/logo.svg' } },
    { attributes: { avatar: 'https://cdn.example.com/bot.png' }, config: { avatar: 'https://cdn.example.com/bot.png' } },
    { attributes: { suggestions: '["How do I start?","Pricing?"]' }, config: { suggestions: ['How do I start?', 'Pricing?'] } },
    { attributes: { suggestions: '[]' }, config: { suggestions: [] } },
    { attributes: { theme: 'light' }, config: { theme: 'light' } },
    { attributes: { theme: 'dark' }, config: { theme: 'dark' } },
    { attributes: { theme: 'auto' }, config: { theme: 'auto' } },
    { attributes: { lang: 'de' }, config: { lang: 'de' } },
    { attributes: { lang: 'de-AT' }, config: { lang: 'de-AT' } },
    { attributes: { lang: 'zh-Hant-TW' }, config: { lang: 'zh-Hant-TW' } },
    { attributes: { 'store-name': 'docs_v2-site' }, config: { storeName: 'docs_v2-site' } },
    { attributes: { 'allow-images': '' }, config: { allowImages: true } },
    { attributes: { position: 'left' }, config: { position: 'left' } },
    { attributes: { position: 'right' }, config: { position: 'right' } },
    { attributes: { tags: '["docs","beta"]' }, config: { tags: ['docs', 'beta'] } },
    { attributes: { server: '/api/confab', handoff: 'menu after-thumbs-down' }, config: { handoff: ['menu', 'after-thumbs-down'] } },
  ]);

  it.each(rows)('row $n: $attributes', ({ attributes, config }) => {
    const parsed = parseConfig({ ...base, ...attributes });
    expect(parsed.problems).toEqual([]);
    expect(parsed.config).toMatchObject(config);
  });

  it('an avatar that is not an http(s) URL or a path is refused, naming the fix', () => {
    const parsed = parseConfig({ ...base, avatar: 'javascript:alert(1)' });
    expect(parsed.config.avatar).toBeUndefined();
    expect(parsed.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^avatar must be an absolute http\(s\) URL or a path starting with "\/".* Set avatar="\/logo\.svg"/)]);
  });

  it('covers every attribute', () => {
    expect(new Set(rows.flatMap((row) => Object.keys(row.attributes)))).toEqual(new Set(CONFIG_ATTRIBUTES));
  });

  it('an empty or blank text attribute counts as absent', () => {
    const parsed = parseConfig({ ...base, title: '', 'chat-key': '  ', theme: '', suggestions: '' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.config).toMatchObject({ title: undefined, chatKey: undefined, theme: 'auto', suggestions: undefined });
  });
});

describe('server: one setting for chat and logging through a confab server', () => {
  const rows = numbered<{ name: string; attributes: Record<string, string>; property?: Record<string, unknown>; config: Partial<ResolvedConfig> }>([
    {
      name: 'chat, and logging through the server, with no key, model or chat-url',
      attributes: { server: 'https://chat.example.com/api/confab' },
      config: { chatUrl: 'https://chat.example.com/api/confab', analyticsUrl: 'https://chat.example.com/api/confab/analytics', analyticsKey: undefined, analyticsReady: true, chatReady: true, model: undefined },
    },
    { name: 'a same-origin path', attributes: { server: '/api/confab' }, config: { chatUrl: '/api/confab', analyticsUrl: '/api/confab/analytics', chatReady: true } },
    { name: 'PulseAI through the server', attributes: { server: '/api/confab', provider: 'pulse' }, config: { chatUrl: '/api/confab/pulse', chatReady: true } },
    { name: 'a model may still be named', attributes: { server: '/api/confab', model: 'gpt-4o' }, config: { model: 'gpt-4o', chatReady: true } },
    {
      name: 'chat-url and analytics-url still win',
      attributes: { server: '/api/confab', 'chat-url': 'https://llm.example.com/v1', 'analytics-url': 'https://logs.example.com' },
      config: { chatUrl: 'https://llm.example.com/v1', analyticsUrl: 'https://logs.example.com', analyticsReady: true },
    },
    { name: 'the config property', attributes: {}, property: { server: '/chat-api' }, config: { server: '/chat-api', chatUrl: '/chat-api', analyticsUrl: '/chat-api/analytics' } },
  ]);

  it.each(rows)('row $n: $name', ({ attributes, property, config }) => {
    const parsed = parseConfig(attributes, property);
    expect(parsed.problems).toEqual([]);
    expect(parsed.config).toMatchObject(config);
  });

  it('a server that is not a URL is one problem naming it, and the chat is not ready', () => {
    const parsed = parseConfig({ server: 'chat.example.com' });
    expect(parsed.problems.map((problem) => [problem.option, problem.message])).toEqual([
      ['server', 'server must be an absolute http(s) URL or a path starting with "/" (got "chat.example.com"). Set server="https://example.com/api/confab".'],
      ['model', 'model is missing; provider "openai" needs it. Set model="gpt-4o-mini" (a model your endpoint serves).'],
    ]);
    expect(parsed.config.chatReady).toBe(false);
  });
});

describe('boolean attributes (open, allow-images)', () => {
  const rows = numbered<{ value: string | null | undefined; on: boolean }>([
    { value: undefined, on: false },
    { value: null, on: false },
    { value: '', on: true },
    { value: 'true', on: true },
    { value: 'open', on: true },
    { value: 'allow-images', on: true },
    { value: 'false', on: false },
    { value: 'FALSE', on: false },
    { value: ' false ', on: false },
    { value: '0', on: true },
    { value: 'no', on: true },
  ]);

  it.each(rows)('row $n: open=$value → $on', ({ value, on }) => {
    expect(parseConfig({ ...base, open: value })).toMatchObject({ config: { open: on }, problems: [] });
  });

  it.each(rows)('row $n: allow-images=$value → $on', ({ value, on }) => {
    expect(parseConfig({ ...base, 'allow-images': value })).toMatchObject({ config: { allowImages: on }, problems: [] });
  });
});
