// createConfabHandler itself: the extractive answerer when no model is set, every option
// checked at start with an error naming it, the docs failing loudly, graceful shutdown.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConfabHandler, createMemoryStore, type ConfabHandlerOptions } from '../../src/server';
import { answerOf, linksOf, sseData, streamError } from './support/sse';
import { ask, SITE, startConfab, type ConfabServer } from './support/confab-server';
import { startFakeUpstream } from './support/fake-upstream';

const servers: ConfabServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function start(options: Parameters<typeof startConfab>[0] = {}) {
  const server = await startConfab(options);
  servers.push(server);
  return server;
}

describe('without a model: the extractive answerer', () => {
  it('1. streams the docs\' answer word by word, then its sources as provideLinks, then [DONE]', async () => {
    const confab = await start({ docsBaseUrl: 'https://example.com/docs/' });
    const events = sseData(await (await confab.call('/chat/completions', { body: ask('How do retries work?') })).text());
    expect(answerOf(events)).toMatch(/^The docs cover this under \*\*Widget guide › Retries\*\*\./);
    expect(linksOf(events)[0]?.url).toBe('https://example.com/docs/docs/guide#retries');
    expect(events.at(-1)).toBe('[DONE]');
    expect((events[0] as { model: string }).model).toBe('confab-docs');
  });

  it('2. stream: false gives one completion object; a question the docs do not cover says so, with no sources', async () => {
    const confab = await start();
    const body = await (await confab.call('/chat/completions', { body: ask('How do I bake a chocolate cake?', { stream: false }) })).json();
    expect(body.choices[0].message).toEqual({ role: 'assistant', content: 'I could not find that in the docs. Try naming a feature, an option or an error.' });
  });
});

describe('options are checked at start', () => {
  const base: ConfabHandlerOptions = { allowedOrigins: [SITE] };
  it.each([
    ['3', 'allowedOrigins', {}, /^allowedOrigins must list the origins of the sites whose pages may use this server, e\.g\. \["https:\/\/docs\.example\.com"\] \(got undefined\)\.$/],
    ['4', 'allowedOrigins', { allowedOrigins: [] }, /must list at least one origin/],
    ['5', 'allowedOrigins[0]', { allowedOrigins: ['*'] }, /no bare "\*"/],
    ['6', 'upstream.baseUrl', { ...base, upstream: { baseUrl: 'api.openai.com', model: 'm' } }, /must be an absolute http\(s\) URL \(got "api\.openai\.com"\)/],
    ['7', 'upstream.model', { ...base, upstream: { baseUrl: 'https://api.openai.com/v1', model: '' } }, /must name the model/],
    ['8', 'upstrem', { ...base, upstrem: {} }, /upstrem is not an option of createConfabHandler/],
    ['9', 'upstream.timeout', { ...base, upstream: { baseUrl: 'https://x.test/v1', model: 'm', timeout: 5 } }, /upstream\.timeout is not an option/],
    ['10', 'identity.secret', { ...base, identity: { secret: 'short' } }, /at least 16 characters.*\(got a hidden value\)/],
    ['11', 'store', { ...base, store: {} }, /must be a ConfabStore/],
    ['12', 'limits.maxTokens', { ...base, limits: { maxTokens: 0 } }, /^limits\.maxTokens must be at least 1 \(got 0\)\.$/],
    ['13', 'docsBaseUrl', { ...base, docsBaseUrl: 'docs' }, /must be an absolute http\(s\) URL or a path/],
    ['14', 'pulse.signingSecret', { ...base, pulse: { baseUrl: 'https://x.test/v1', apiKey: 'app-secret-value', signingSecret: '' } }, /hidden value/],
  ])('%s. a bad %s is a ConfigError naming it', (_n, option, options, message) => {
    let error: unknown;
    try {
      createConfabHandler(options as ConfabHandlerOptions);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toMatchObject({ name: 'ConfigError', option });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('app-secret-value');
  });

  it('15. docs that cannot be read: ready rejects naming the setting; questions get a 503 and /health says why', async () => {
    const handler = createConfabHandler({ allowedOrigins: [SITE], docs: '/no/such/folder', log: false });
    await expect(handler.ready).rejects.toMatchObject({ name: 'ConfigError', option: 'docs', message: expect.stringContaining('/no/such/folder does not exist') });
    const question = await handler(new Request('http://x/api/confab/chat/completions', { method: 'POST', headers: { Origin: SITE }, body: JSON.stringify(ask('retries')) }));
    expect(question.status).toBe(503);
    expect((await question.json()).error.code).toBe('docs_unavailable');
    const health = await handler(new Request('http://x/api/confab/health'));
    expect(health.status).toBe(503);
    expect((await health.json()).docs.state).toBe('unreadable');
    await handler.close({ graceMs: 0 });
  });

  it('16. the handler is a plain (Request) => Promise<Response>: called directly, without any adapter', async () => {
    const handler = createConfabHandler({ allowedOrigins: [SITE], docs: [{ path: 'a.md', text: '# Billing\n\nInvoices are sent monthly.' }], basePath: '/chat-api/', log: false, store: createMemoryStore() });
    await handler.ready;
    expect(handler.basePath).toBe('/chat-api');
    const response = await handler(new Request('https://site.test/chat-api/chat/completions', { method: 'POST', headers: { Origin: SITE }, body: JSON.stringify(ask('When are invoices sent?', { stream: false })) }));
    expect((await response.json()).choices[0].message.content).toContain('Invoices are sent monthly.');
  });
});

describe('graceful shutdown', () => {
  it('17. an answer in flight finishes within the grace period; new requests meanwhile get a 503; one still running after it ends with an error event', async () => {
    const upstream = await startFakeUpstream({ tokenDelayMs: 30 });
    const confab = await start({ upstream: { baseUrl: upstream.baseUrl, model: 'm' } });
    try {
      upstream.chat.script({ mode: 'stall', afterChunks: 2 });
      const stalled = await confab.call('/chat/completions', { body: ask('How do retries work?') });
      const finishing = await confab.call('/chat/completions', { body: ask('How do retries work?') });
      const closing = confab.running.close({ graceMs: 1_500 });
      await vi.waitFor(async () => expect((await confab.call('/health', { headers: { Origin: '' } }).catch(() => undefined))?.status ?? 503).toBe(503));
      const completed = sseData(await finishing.text());
      expect(completed.at(-1), 'the answer in flight completed').toBe('[DONE]');
      const cut = sseData(await stalled.text());
      expect(streamError(cut)).toMatchObject({ code: 'server_restarting' });
      await closing;
    } finally {
      await upstream.close();
    }
  });
});
