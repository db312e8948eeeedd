// The demo's model from the environment: the variables `confab-chat serve` reads too.
import { describe, expect, it } from 'vitest';
import { upstreamFromEnv } from '../../../demo/server/upstream-from-env';

describe('upstreamFromEnv', () => {
  it('1. nothing set, or an empty URL → undefined (the confab server then quotes the docs)', () => {
    expect(upstreamFromEnv({})).toBeUndefined();
    expect(upstreamFromEnv({ CONFAB_UPSTREAM_URL: '  ', CONFAB_UPSTREAM_MODEL: 'm' })).toBeUndefined();
  });

  it('2. Ollama: URL and model, no key; a trailing slash is dropped', () => {
    expect(upstreamFromEnv({ CONFAB_UPSTREAM_URL: 'http://127.0.0.1:11434/v1/', CONFAB_UPSTREAM_MODEL: 'llama3.2', CONFAB_UPSTREAM_KEY: '' })).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.2',
    });
  });

  it('3. OpenAI: URL, key and model', () => {
    expect(upstreamFromEnv({ CONFAB_UPSTREAM_URL: 'https://api.openai.com/v1', CONFAB_UPSTREAM_KEY: 'sk-1', CONFAB_UPSTREAM_MODEL: 'gpt-4o-mini' })).toEqual({
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-1',
      model: 'gpt-4o-mini',
    });
  });

  it('4. a URL that is not absolute http(s) throws, naming the variable', () => {
    expect(() => upstreamFromEnv({ CONFAB_UPSTREAM_URL: 'localhost:11434' })).toThrow(/CONFAB_UPSTREAM_URL/);
    expect(() => upstreamFromEnv({ CONFAB_UPSTREAM_URL: 'ftp://x/v1' })).toThrow(/http or https/);
  });
});
