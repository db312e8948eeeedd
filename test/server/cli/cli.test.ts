// `confab-chat serve` (issue 15, "The CLI"): settings from flags, the environment and a
// config file, each checked, a bad one named by what the site owner wrote.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliConfig } from '../../../src/server/cli/cli-config';
import { runCli, type CliIo } from '../../../src/server/cli/run-cli';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'confab-cli-'));
  await mkdir(join(dir, 'site/docs'), { recursive: true });
  await writeFile(join(dir, 'site/docs/index.md'), '# Home\n\nInvoices are sent monthly.\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the CLI with `argv` and `env` in `cwd`; resolves once it printed (and, for `serve`, stops it again). */
async function run(argv: string[], env: Record<string, string> = {}, cwd = dir) {
  let out = '';
  let err = '';
  let stop: (() => void) | undefined;
  const io: CliIo = { out: (text) => (out += text), err: (text) => (err += text), env, cwd, onSignal: (fn) => (stop = fn) };
  const status = runCli(argv, io);
  const early = await Promise.race([status, new Promise<undefined>((resolve) => setTimeout(resolve, 1_500))]);
  if (early !== undefined) return { status: early, out, err };
  stop?.();
  return { status: await status, out, err };
}

describe('confab-chat serve', () => {
  it('1. flags and environment: serves the docs under /api/confab, says where, stops gracefully on a signal (exit 0)', async () => {
    const result = await run(['serve', '--docs', 'site/docs', '--allowed-origin', 'https://docs.example.com', '--port', '0'], { CONFAB_UPSTREAM_URL: 'http://127.0.0.1:11434/v1', CONFAB_UPSTREAM_MODEL: 'llama3.2', CONFAB_UPSTREAM_KEY: 'sk-not-printed' });
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    expect(result.out).toMatch(/^confab-chat server listening on http:\/\/127\.0\.0\.1:\d+\/api\/confab\n/);
    expect(result.out).toContain('model: llama3.2 at 127.0.0.1:11434');
    expect(result.out).toContain('origins   https://docs.example.com');
    expect(result.out).not.toContain('sk-not-printed');
    expect(result.out).toContain('Stopping:');
  });

  it('2. flags win over the environment, which wins over the config file; relative docs in the file are read from its folder', async () => {
    await writeFile(join(dir, 'site/confab.config.json'), JSON.stringify({ port: 9999, docs: 'docs', allowedOrigins: ['https://file.example'], upstream: { baseUrl: 'https://file.example/v1', model: 'file-model' }, rateLimit: { visitor: { requestsPerMinute: 5 } } }));
    const config = cliConfig(['--port', '0'], { CONFAB_UPSTREAM_MODEL: 'env-model', CONFAB_ALLOWED_ORIGINS: 'https://a.example, https://b.example' }, join(dir, 'site'));
    expect(config.port).toBe(0);
    expect(config.options.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.options.upstream).toEqual({ baseUrl: 'https://file.example/v1', model: 'env-model' });
    expect(config.options.docs).toBe(join(dir, 'site/docs'));
    expect(config.options.rateLimit).toEqual({ visitor: { requestsPerMinute: 5 } });
  });

  it.each([
    ['3', ['serve', '--port', 'eighty'], {}, /^error: --port must be a port number from 0 to 65535 \(got "eighty"\)\./],
    ['4', ['serve', '--docs', 'site/docs'], {}, /^error: --allowed-origin \(or CONFAB_ALLOWED_ORIGINS\): allowedOrigins must list the origins/],
    ['5', ['serve', '--allowed-origin', '*'], {}, /^error: --allowed-origin: allowedOrigins\[0\] must be an origin/],
    ['6', ['serve', '--allowed-origin', 'https://a.example'], { CONFAB_UPSTREAM_URL: 'localhost:11434', CONFAB_UPSTREAM_MODEL: 'm' }, /^error: CONFAB_UPSTREAM_URL: upstream\.baseUrl must be an absolute http\(s\) URL \(got "localhost:11434"\)/],
    ['7', ['serve', '--allowed-origin', 'https://a.example'], { CONFAB_UPSTREAM_URL: 'https://api.openai.com/v1' }, /^error: CONFAB_UPSTREAM_MODEL: upstream\.model/],
    ['8', ['serve', '--allowed-origin', 'https://a.example', '--docs', 'no-such-folder'], {}, /^error: --docs: docs: .*no-such-folder does not exist/],
    ['9', ['serve', '--allowed-origin', 'https://a.example', '--redis', 'localhost'], {}, /^error: --redis must be a redis:\/\/ or rediss:\/\/ URL/],
    ['10', ['serve', '--config', 'missing.json'], {}, /^error: --config: .*missing\.json does not exist/],
    ['11', ['serve', '--colour'], {}, /^error: Unknown option '--colour'/],
    ['12', ['serve', '--allowed-origin', 'https://a.example'], { CONFAB_PULSE_URL: 'https://pulse.example/v1' }, /^error: CONFAB_PULSE_KEY: pulse\.apiKey/],
  ])('%s. a bad setting prints one error naming it, and exits with status 2', async (_n, argv, env, message) => {
    const result = await run(argv, env);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.out).toBe('');
  });

  it('13. a config file with a bad key is named by its key and file', async () => {
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ allowedOrigins: ['https://a.example'], limits: { maxTokens: -1 } }));
    const result = await run(['serve', '--config', 'bad.json']);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(/^error: limits in bad\.json: limits\.maxTokens must be at least 1 \(got -1\)\./);
  });

  it('14. help: the usage, with every flag and variable', async () => {
    const result = await run(['help']);
    expect(result.status).toBe(0);
    for (const name of ['--docs', '--docs-base-url', '--allowed-origin', '--port', '--host', '--base-path', '--system-prompt', '--redis', '--config', 'CONFAB_UPSTREAM_URL', 'CONFAB_UPSTREAM_KEY', 'CONFAB_UPSTREAM_MODEL', 'CONFAB_ANALYTICS_KEY', 'CONFAB_IDENTITY_SECRET']) expect(result.out).toContain(name);
    expect((await run([])).status).toBe(2);
    expect((await run(['deploy'])).err).toContain('unknown command "deploy"');
  });

  const DIXA_ENV = {
    CONFAB_DIXA_URL: 'http://127.0.0.1:8789/api/dixa',
    CONFAB_DIXA_TOKEN: 'dixa-token-not-printed',
    CONFAB_DIXA_REQUESTER_ID: '9c2a2cce-699f-4a72-89d9-fda5bc8dec8b',
    CONFAB_DIXA_QUEUE_ID: '92f8d193-b26f-4a62-86a3-bb03ee0915e9',
    CONFAB_DIXA_EMAIL_INTEGRATION_ID: 'support@email.dixa.io',
    CONFAB_DIXA_TAG_ID: 'b794a74a-625b-4303-8237-9b11668a9605',
  };

  it('15. CONFAB_DIXA_*: human handoff to Dixa, said at start without the token', async () => {
    expect(cliConfig([], DIXA_ENV, dir).options.handoff).toEqual({
      dixa: { baseUrl: DIXA_ENV.CONFAB_DIXA_URL, apiToken: DIXA_ENV.CONFAB_DIXA_TOKEN, requesterId: DIXA_ENV.CONFAB_DIXA_REQUESTER_ID, queueId: DIXA_ENV.CONFAB_DIXA_QUEUE_ID, emailIntegrationId: DIXA_ENV.CONFAB_DIXA_EMAIL_INTEGRATION_ID, handoffTagId: DIXA_ENV.CONFAB_DIXA_TAG_ID },
    });
    const result = await run(['serve', '--allowed-origin', 'https://a.example', '--port', '0'], DIXA_ENV);
    expect(result.err).toBe('');
    expect(result.out).toContain('handoff   /api/confab/handoff (dixa at 127.0.0.1:8789)');
    expect(result.out).not.toContain('dixa-token-not-printed');
  });

  it.each([
    ['16', { ...DIXA_ENV, CONFAB_DIXA_REQUESTER_ID: '' }, /^error: CONFAB_DIXA_REQUESTER_ID: handoff\.dixa\.requesterId is required: the uuid of the Dixa end user/],
    ['17', { ...DIXA_ENV, CONFAB_DIXA_QUEUE_ID: 'support' }, /^error: CONFAB_DIXA_QUEUE_ID: handoff\.dixa\.queueId must be the uuid of the Dixa queue handoffs are offered in .*\(got "support"\)/],
    ['18', { ...DIXA_ENV, CONFAB_DIXA_TOKEN: 'two words' }, /^error: CONFAB_DIXA_TOKEN: handoff\.dixa\.apiToken must be the Dixa API token, bare or as "Bearer <token>", without spaces \(got a hidden value\)/],
    ['19', { ...DIXA_ENV, CONFAB_DIXA_URL: 'https://dev.dixa.io/v1' }, /^error: CONFAB_DIXA_URL: handoff\.dixa\.baseUrl must be the host without \/v1/],
    ['20', { ...DIXA_ENV, CONFAB_DIXA_EMAIL_INTEGRATION_ID: '' }, /^error: CONFAB_DIXA_EMAIL_INTEGRATION_ID: handoff\.dixa\.emailIntegrationId is required with createShape "email"/],
    ['21', { ...DIXA_ENV, CONFAB_DIXA_CREATE_SHAPE: 'endpoint' }, /^error: CONFAB_DIXA_CONTACT_ENDPOINT_ID: handoff\.dixa\.contactEndpointId is required with createShape "endpoint"/],
  ])('%s. a bad Dixa setting is named by its variable, the token never shown', async (_n, env, message) => {
    const result = await run(['serve', '--allowed-origin', 'https://a.example', '--port', '0'], env as Record<string, string>);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).not.toContain('two words');
  });
});
