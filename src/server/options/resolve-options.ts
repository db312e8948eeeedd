/**
 * Checks `createConfabHandler`'s options with zod and fills the defaults. The first bad
 * value throws a ConfigError whose `option` is its path (`upstream.baseUrl`) and whose
 * message says what is wrong and what would be right.
 */
import { z } from 'zod';
import { ConfigError } from '../../sdk/http/errors';
import type { HandoffAdapter } from '../handoff/handoff-adapter';
import { dixaOptionsSchema, resolveDixaOptions, type ResolvedDixaOptions } from '../handoff/dixa/dixa-options';
import type { DocumentInput, DocsUrl } from '../knowledge';
import type { ConfabStore } from '../store/store';
import { parseOriginPattern } from '../http/origin-policy';
import type { AccessLogEntry, ChallengeOptions, ConfabHandlerOptions, IdentityOptions } from './handler-options';

const httpUrl = z.string().refine((value) => {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be an absolute http(s) URL');
const positive = z.int({ error: 'must be a whole number' }).min(1, 'must be at least 1');
const limit = z.union([positive, z.literal(false)]);
const fn = <T>(what: string) => z.custom<T>((value) => typeof value === 'function', `must be a function${what}`);

const schema = z.strictObject({
  basePath: z.string().regex(/^(\/[\w.~-]+)*\/?$/, 'must be a path such as "/api/confab"').optional(),
  allowedOrigins: z
    .array(
      z.string().refine((value) => parseOriginPattern(value) !== undefined, 'must be an origin such as "https://docs.example.com", "https://*.example.com" or "http://localhost:*" (no path, no bare "*")'),
      { error: 'must list the origins of the sites whose pages may use this server, e.g. ["https://docs.example.com"]' },
    )
    .min(1, 'must list at least one origin, e.g. ["https://docs.example.com"]: without it any site could spend your model budget'),
  upstream: z
    .strictObject({
      baseUrl: httpUrl,
      apiKey: z.string().min(1, 'must not be empty (leave it out for a server that needs no key)').optional(),
      model: z.string().min(1, 'must name the model, e.g. "gpt-4o-mini"'),
      allowedModels: z.array(z.string().min(1)).optional(),
      timeoutMs: positive.optional(),
      idleTimeoutMs: positive.optional(),
      maxDurationMs: positive.optional(),
    })
    .optional(),
  docs: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1), z.array(z.strictObject({ path: z.string().min(1), text: z.string() }))], 'must be a folder, a list of folders or files, or documents { path, text }')
    .optional(),
  docsBaseUrl: z.union([z.string().refine((value) => value.startsWith('/') || httpUrl.safeParse(value).success, 'must be an absolute http(s) URL or a path starting with "/"'), fn<DocsUrl>(' (path, anchor) => url')]).optional(),
  systemPrompt: z.string().optional(),
  pulse: z.strictObject({ baseUrl: httpUrl, apiKey: z.string().min(1, 'must be the app key (app-…)'), signingSecret: z.string().min(1).optional() }).optional(),
  analytics: z.strictObject({ baseUrl: httpUrl.optional(), apiKey: z.string().min(1, 'must be the integration key the server logs with') }).optional(),
  handoff: z
    .strictObject({
      dixa: dixaOptionsSchema.optional(),
      adapter: z
        .custom<HandoffAdapter>((value) => typeof value === 'object' && value !== null && typeof (value as HandoffAdapter).start === 'function' && typeof (value as HandoffAdapter).readActivity === 'function', 'must implement HandoffAdapter (start, sendMessage, readActivity, …)')
        .optional(),
      activePollMs: z.int('must be a whole number').min(500, 'must be at least 500').optional(),
      idlePollMs: z.int('must be a whole number').min(500, 'must be at least 500').optional(),
      retentionMs: z.int('must be a whole number').min(60_000, 'must be at least 60000 (a minute)').optional(),
      retryIntervalMs: z.int('must be a whole number').min(10, 'must be at least 10').optional(),
    })
    .superRefine((value, context) => {
      if ((value.dixa === undefined) === (value.adapter === undefined)) {
        context.addIssue({ code: 'custom', path: ['dixa'], message: value.dixa === undefined ? 'is required: the helpdesk to hand visitors to (or your own `adapter`)' : 'and adapter cannot both be set: choose one helpdesk' });
      }
      if ((value.idlePollMs ?? 30_000) < (value.activePollMs ?? 3_000)) context.addIssue({ code: 'custom', path: ['idlePollMs'], message: 'must be at least activePollMs' });
    })
    .optional(),
  rateLimit: z
    .union([
      z.literal(false),
      z.strictObject({
        visitor: z.strictObject({ requestsPerMinute: limit.optional(), tokensPerDay: limit.optional() }).optional(),
        ip: z.strictObject({ requestsPerMinute: limit.optional(), tokensPerDay: limit.optional(), allRequestsPerMinute: limit.optional() }).optional(),
      }),
    ])
    .optional(),
  limits: z
    .strictObject({
      maxBodyBytes: positive.optional(),
      maxMessages: positive.optional(),
      maxMessageChars: positive.optional(),
      maxHistoryChars: positive.optional(),
      maxTokens: positive.optional(),
      bodyTimeoutMs: positive.optional(),
    })
    .optional(),
  identity: z
    .union([
      z.strictObject({ required: z.boolean().optional(), secret: z.string().min(16, 'must be at least 16 characters: it signs user ids'), verify: z.undefined().optional() }),
      z.strictObject({ required: z.boolean().optional(), verify: fn<NonNullable<IdentityOptions['verify']>>(' (token, request) => userId | null'), secret: z.undefined().optional() }),
    ], 'must be { secret } (signed user ids) or { verify(token) } (your own check, e.g. a JWT), not both')
    .optional(),
  challenge: z
    .strictObject({ verify: fn<ChallengeOptions['verify']>(' (token, request) => boolean'), header: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name').optional(), ttlMs: positive.optional() })
    .optional(),
  store: z
    .custom<ConfabStore>((value) => typeof value === 'object' && value !== null && typeof (value as ConfabStore).increment === 'function', 'must be a ConfabStore, e.g. createMemoryStore() or await createRedisStore({ url })')
    .optional(),
  trustProxy: z.boolean().optional(),
  log: z.union([z.literal(false), fn<(entry: AccessLogEntry) => void>(' (entry) => void')]).optional(),
  logContent: z.boolean().optional(),
  onError: fn<(error: unknown) => void>(' (error) => void').optional(),
  fetch: fn<typeof globalThis.fetch>(' with the signature of fetch').optional(),
  now: fn<() => number>(' returning epoch milliseconds').optional(),
});

/** A rate limit per caller: the number, or undefined when off. */
interface Limits {
  requestsPerMinute: number | undefined;
  tokensPerDay: number | undefined;
}

/** The options after checking, defaults filled. */
export interface ResolvedOptions {
  basePath: string;
  allowedOrigins: readonly string[];
  upstream:
    | { baseUrl: string; apiKey: string | undefined; model: string; allowedModels: ReadonlySet<string>; timeoutMs: number; idleTimeoutMs: number; maxDurationMs: number }
    | undefined;
  docs: string | readonly string[] | readonly DocumentInput[] | undefined;
  docsBaseUrl: string | DocsUrl;
  systemPrompt: string | undefined;
  pulse: { baseUrl: string; apiKey: string; signingSecret: string | undefined } | undefined;
  analytics: { baseUrl: string; apiKey: string } | undefined;
  handoff:
    | { dixa: ResolvedDixaOptions | undefined; adapter: HandoffAdapter | undefined; activePollMs: number; idlePollMs: number; retentionMs: number; retryIntervalMs: number }
    | undefined;
  rateLimit: { visitor: Limits; ip: Limits & { allRequestsPerMinute: number | undefined } } | undefined;
  limits: Required<{ [K in keyof NonNullable<ConfabHandlerOptions['limits']>]-?: number }>;
  identity: IdentityOptions | undefined;
  challenge: { verify: ChallengeOptions['verify']; header: string; ttlMs: number } | undefined;
  store: ConfabStore | undefined;
  trustProxy: boolean;
  log: ((entry: AccessLogEntry) => void) | undefined;
  logContent: boolean;
  onError: (error: unknown) => void;
  fetch: typeof globalThis.fetch;
  now: () => number;
}

/** `upstream.baseUrl` from a zod path. */
const pathOf = (path: ReadonlyArray<PropertyKey>): string => path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');

/** How a refused value is shown: never the value of a secret. */
function shown(path: string, input: unknown): string {
  if (/apiKey|apiToken|secret|Secret/.test(path)) return 'a hidden value';
  let value: unknown = input;
  for (const key of path.split(/\.|\[|\]/).filter(Boolean)) value = (value as Record<string, unknown> | undefined)?.[key];
  if (typeof value === 'function') return 'a function';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

const off = (value: number | false | undefined, fallback: number): number | undefined => (value === false ? undefined : (value ?? fallback));

/** Checks `input` (anything: a config file can hold anything) and fills the defaults. */
export function resolveOptions(input: unknown): ResolvedOptions {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = pathOf(issue?.path ?? []) || '(options)';
    const unknownKeys = issue?.code === 'unrecognized_keys' ? issue.keys : undefined;
    if (unknownKeys) {
      const name = `${path === '(options)' ? '' : `${path}.`}${unknownKeys[0] ?? ''}`;
      throw new ConfigError(name, `${name} is not an option of createConfabHandler. Remove it or check its spelling.`);
    }
    throw new ConfigError(path, `${path} ${issue?.message ?? 'is not valid'} (got ${shown(path, input)}).`);
  }
  const options = result.data;
  const upstream = options.upstream;
  const rate = options.rateLimit;
  return {
    basePath: (options.basePath ?? '/api/confab').replace(/\/+$/, ''),
    allowedOrigins: options.allowedOrigins,
    upstream: upstream && {
      baseUrl: upstream.baseUrl.replace(/\/+$/, ''),
      apiKey: upstream.apiKey,
      model: upstream.model,
      allowedModels: new Set([upstream.model, ...(upstream.allowedModels ?? [])]),
      timeoutMs: upstream.timeoutMs ?? 30_000,
      idleTimeoutMs: upstream.idleTimeoutMs ?? 60_000,
      maxDurationMs: upstream.maxDurationMs ?? 300_000,
    },
    docs: options.docs,
    docsBaseUrl: options.docsBaseUrl ?? '/docs/',
    systemPrompt: options.systemPrompt,
    pulse: options.pulse && { baseUrl: options.pulse.baseUrl.replace(/\/+$/, ''), apiKey: options.pulse.apiKey, signingSecret: options.pulse.signingSecret },
    analytics: options.analytics && { baseUrl: (options.analytics.baseUrl ?? 'https://api.analytics.inkeep.com').replace(/\/+$/, ''), apiKey: options.analytics.apiKey },
    handoff: options.handoff && {
      dixa: options.handoff.dixa && resolveDixaOptions(options.handoff.dixa),
      adapter: options.handoff.adapter,
      activePollMs: options.handoff.activePollMs ?? 3_000,
      idlePollMs: options.handoff.idlePollMs ?? 30_000,
      retentionMs: options.handoff.retentionMs ?? 30 * 86_400_000,
      retryIntervalMs: options.handoff.retryIntervalMs ?? 2_000,
    },
    rateLimit:
      rate === false
        ? undefined
        : {
            visitor: { requestsPerMinute: off(rate?.visitor?.requestsPerMinute, 20), tokensPerDay: off(rate?.visitor?.tokensPerDay, 200_000) },
            ip: {
              requestsPerMinute: off(rate?.ip?.requestsPerMinute, 60),
              tokensPerDay: off(rate?.ip?.tokensPerDay, 1_000_000),
              allRequestsPerMinute: off(rate?.ip?.allRequestsPerMinute, 600),
            },
          },
    limits: {
      maxBodyBytes: options.limits?.maxBodyBytes ?? 512 * 1024,
      maxMessages: options.limits?.maxMessages ?? 40,
      maxMessageChars: options.limits?.maxMessageChars ?? 8_000,
      maxHistoryChars: options.limits?.maxHistoryChars ?? 32_000,
      maxTokens: options.limits?.maxTokens ?? 1_024,
      bodyTimeoutMs: options.limits?.bodyTimeoutMs ?? 10_000,
    },
    identity: options.identity as IdentityOptions | undefined,
    challenge: options.challenge && { verify: options.challenge.verify, header: options.challenge.header ?? 'X-Confab-Challenge', ttlMs: options.challenge.ttlMs ?? 1_800_000 },
    store: options.store,
    trustProxy: options.trustProxy ?? false,
    log: options.log === false ? undefined : (options.log ?? ((entry) => console.log(JSON.stringify(entry)))),
    logContent: options.logContent ?? false,
    onError: options.onError ?? ((error) => console.error('confab-chat/server:', error)),
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
    now: options.now ?? Date.now,
  };
}
