/**
 * What `confab-chat serve` runs with, from three places, the first that says wins: the
 * command line, the environment (`CONFAB_UPSTREAM_URL`, …), and a JSON config file
 * (`--config`, else `./confab.config.json` when there is one). Each setting remembers
 * where it came from, so an error names what the site owner actually wrote.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '../../sdk/http/errors';
import type { ConfabHandlerOptions } from '../options/handler-options';

/** Everything the CLI resolved. */
export interface CliConfig {
  help: boolean;
  port: number;
  host: string;
  redisUrl: string | undefined;
  options: ConfabHandlerOptions;
  /** Where each option path came from (`upstream.baseUrl` → `CONFAB_UPSTREAM_URL`), for error messages. */
  sources: Map<string, string>;
}

/** The default config file, looked for in the working directory. */
export const DEFAULT_CONFIG_FILE = 'confab.config.json';

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  docs: { type: 'string', multiple: true },
  'docs-base-url': { type: 'string' },
  'allowed-origin': { type: 'string', multiple: true },
  'base-path': { type: 'string' },
  'system-prompt': { type: 'string' },
  redis: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `handoff.dixa` settings from the environment: option name → variable. */
const DIXA_ENV = [
  ['baseUrl', 'CONFAB_DIXA_URL'],
  ['apiToken', 'CONFAB_DIXA_TOKEN'],
  ['requesterId', 'CONFAB_DIXA_REQUESTER_ID'],
  ['queueId', 'CONFAB_DIXA_QUEUE_ID'],
  ['createShape', 'CONFAB_DIXA_CREATE_SHAPE'],
  ['emailIntegrationId', 'CONFAB_DIXA_EMAIL_INTEGRATION_ID'],
  ['contactEndpointId', 'CONFAB_DIXA_CONTACT_ENDPOINT_ID'],
  ['handoffTagId', 'CONFAB_DIXA_TAG_ID'],
  ['conversationAttributeId', 'CONFAB_DIXA_ATTRIBUTE_ID'],
  ['noteAgentId', 'CONFAB_DIXA_NOTE_AGENT_ID'],
] as const;

/** The config file's own keys beside the handler's options. */
const fileSchema = z.looseObject({ port: z.int().min(0).max(65_535).optional(), host: z.string().min(1).optional(), redis: z.string().min(1).optional() });
const portSchema = z.string().regex(/^\d{1,5}$/).transform(Number).pipe(z.int().max(65_535));

/** `env[name]` trimmed, undefined when unset or empty. */
const envOf = (env: Readonly<Record<string, string | undefined>>, name: string): string | undefined => env[name]?.trim() || undefined;

/** Reads the config file: JSON, relative `docs` paths resolved against its folder. */
function readConfigFile(path: string, explicit: boolean): Record<string, unknown> {
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError('--config', `--config: ${path} does not exist.`);
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('--config', `${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError('--config', `${path} must hold a JSON object of settings.`);
  const file = value as Record<string, unknown>;
  const folder = dirname(path);
  const docs = file.docs;
  if (typeof docs === 'string') file.docs = resolve(folder, docs);
  else if (Array.isArray(docs) && docs.every((item) => typeof item === 'string')) file.docs = docs.map((item: string) => resolve(folder, item));
  return file;
}

/**
 * Resolves the CLI's settings from `argv` (after `serve`), `env` and the config file.
 * Throws a ConfigError naming the flag, variable or file key at fault.
 */
export function cliConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): CliConfig {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS; args: string[]; strict: true; allowPositionals: false }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ConfigError('arguments', (error as Error).message);
  }
  const sources = new Map<string, string>();
  const configPath = resolve(cwd, values.config ?? DEFAULT_CONFIG_FILE);
  const fileLabel = values.config ?? DEFAULT_CONFIG_FILE;
  const file = readConfigFile(configPath, values.config !== undefined);
  const fileExtras = fileSchema.safeParse(file);
  if (!fileExtras.success) {
    const key = String(fileExtras.error.issues[0]?.path[0] ?? '');
    throw new ConfigError(key, `${key} in ${fileLabel} ${fileExtras.error.issues[0]?.message ?? 'is not valid'}.`);
  }
  const { port: filePort, host: fileHost, redis: fileRedis, ...fileOptions } = fileExtras.data;
  for (const key of Object.keys(fileOptions)) sources.set(key, `${key} in ${fileLabel}`);
  const options: Record<string, unknown> = { ...fileOptions };

  /** Sets `path` (dotted) to `value` from `source`, when a value was given. */
  const put = (path: string, value: unknown, source: string): void => {
    if (value === undefined) return;
    const keys = path.split('.');
    let target = options;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      target = target[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    }
    target[keys.at(-1) ?? path] = value;
    sources.set(path, source);
  };

  // Named even when missing, so "required" errors point at what to set.
  sources.set('allowedOrigins', sources.get('allowedOrigins') ?? '--allowed-origin (or CONFAB_ALLOWED_ORIGINS)');
  const upstreamUrl = envOf(env, 'CONFAB_UPSTREAM_URL');
  if (upstreamUrl !== undefined || envOf(env, 'CONFAB_UPSTREAM_MODEL') !== undefined) {
    put('upstream.baseUrl', upstreamUrl, 'CONFAB_UPSTREAM_URL');
    put('upstream.apiKey', envOf(env, 'CONFAB_UPSTREAM_KEY'), 'CONFAB_UPSTREAM_KEY');
    put('upstream.model', envOf(env, 'CONFAB_UPSTREAM_MODEL'), 'CONFAB_UPSTREAM_MODEL');
    for (const [path, name] of [['upstream.baseUrl', 'CONFAB_UPSTREAM_URL'], ['upstream.model', 'CONFAB_UPSTREAM_MODEL']] as const) sources.set(path, sources.get(path) ?? name);
  }
  if (envOf(env, 'CONFAB_PULSE_URL') !== undefined) {
    put('pulse.baseUrl', envOf(env, 'CONFAB_PULSE_URL'), 'CONFAB_PULSE_URL');
    put('pulse.apiKey', envOf(env, 'CONFAB_PULSE_KEY'), 'CONFAB_PULSE_KEY');
    put('pulse.signingSecret', envOf(env, 'CONFAB_PULSE_SIGNING_SECRET'), 'CONFAB_PULSE_SIGNING_SECRET');
    sources.set('pulse.apiKey', sources.get('pulse.apiKey') ?? 'CONFAB_PULSE_KEY');
  }
  if (envOf(env, 'CONFAB_ANALYTICS_KEY') !== undefined) {
    put('analytics.apiKey', envOf(env, 'CONFAB_ANALYTICS_KEY'), 'CONFAB_ANALYTICS_KEY');
    put('analytics.baseUrl', envOf(env, 'CONFAB_ANALYTICS_URL'), 'CONFAB_ANALYTICS_URL');
  }
  if (envOf(env, 'CONFAB_DIXA_TOKEN') !== undefined || envOf(env, 'CONFAB_DIXA_URL') !== undefined) {
    for (const [path, name] of DIXA_ENV) put(`handoff.dixa.${path}`, envOf(env, name), name);
    // Named even when missing, so "required" errors point at the variable to set.
    for (const [path, name] of DIXA_ENV) sources.set(`handoff.dixa.${path}`, sources.get(`handoff.dixa.${path}`) ?? name);
  }
  put('identity.secret', envOf(env, 'CONFAB_IDENTITY_SECRET'), 'CONFAB_IDENTITY_SECRET');
  const envOrigins = envOf(env, 'CONFAB_ALLOWED_ORIGINS')?.split(',').map((origin) => origin.trim()).filter(Boolean);
  put('allowedOrigins', values['allowed-origin'] ?? envOrigins, values['allowed-origin'] ? '--allowed-origin' : 'CONFAB_ALLOWED_ORIGINS');
  const docs = values.docs?.map((folder) => resolve(cwd, folder));
  put('docs', docs && (docs.length === 1 ? docs[0] : docs), '--docs');
  put('docsBaseUrl', values['docs-base-url'], '--docs-base-url');
  put('basePath', values['base-path'], '--base-path');
  put('systemPrompt', values['system-prompt'], '--system-prompt');

  const portText = values.port ?? envOf(env, 'PORT');
  let port = filePort ?? 8787;
  if (portText !== undefined) {
    const parsed = portSchema.safeParse(portText);
    const name = values.port !== undefined ? '--port' : 'PORT';
    if (!parsed.success) throw new ConfigError(name, `${name} must be a port number from 0 to 65535 (got "${portText}").`);
    port = parsed.data;
  }
  const redisUrl = values.redis ?? envOf(env, 'CONFAB_REDIS_URL') ?? fileRedis;
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    const name = values.redis !== undefined ? '--redis' : envOf(env, 'CONFAB_REDIS_URL') !== undefined ? 'CONFAB_REDIS_URL' : `redis in ${fileLabel}`;
    throw new ConfigError(name, `${name} must be a redis:// or rediss:// URL (got "${redisUrl.replace(/\/\/[^@/]*@/, '//…@')}").`);
  }
  return {
    help: values.help === true,
    port,
    host: values.host ?? envOf(env, 'HOST') ?? fileHost ?? '127.0.0.1',
    redisUrl,
    options: options as unknown as ConfabHandlerOptions,
    sources,
  };
}

/** The name a site owner wrote for an option path: the flag, variable or file key it came from. */
export function sourceOf(config: Pick<CliConfig, 'sources'>, path: string): string | undefined {
  for (let key = path; key !== ''; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
    const exact = config.sources.get(key.replace(/\[\d+\]$/, ''));
    if (exact) return exact;
  }
  return undefined;
}
