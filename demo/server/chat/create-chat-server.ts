/**
 * The reference OpenAI-compatible chat server (contracts/openai-chat.md) as a
 * connect-style middleware: a deterministic docs answerer streamed word by word, with the
 * same fault controls as the analytics server. It stands in for a model server; proxying
 * to a real one is the confab server's job (`src/server`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from '../analytics/create-analytics-server';
import { createFaults, type Faults } from '../faults';
import { applyCors, HttpProblem, pathOf, requestIdOf } from '../http-kit';
import { demoKnowledgeBase } from '../docs-corpus';
import { createStats, type Stats } from '../stats';
import { lookupChatRoute, runChatRoute } from './chat-routes';
import { createScriptQueue, type ChatScript, type ScriptMode } from './chat-scripts';
import { createChatTestRoutes, type ChatConfig } from './chat-test-routes';
import type { Answerer } from './completions-route';
import { OpenAiError, sendOpenAiError, toOpenAiError } from './openai-error';
import { createActiveStreams } from './play-stream';

/** Options of {@link createChatServer}. */
export interface ChatServerOptions {
  /** Path prefix of every route. Default `/api/chat/v1`. */
  basePath?: string;
  /** Accepted Bearer keys; empty (default) → no key is required. */
  apiKeys?: readonly string[];
  /** Fault controls, e.g. shared with the analytics server. Default: a fresh set. */
  faults?: Faults;
  /** Pause between streamed chunks in ms. Default 20; 0 streams as fast as the socket takes it. */
  tokenDelayMs?: number;
  /** Answers questions. Default: `demoKnowledgeBase()` over the repo's docs, built on first use. */
  knowledge?: Answerer;
  /** Serve `__faults`, `__stats`, `__reset`, `__config`, `__script`. Default true. */
  testRoutes?: boolean;
  /** Clock (the `created` field). Default `() => new Date()`. */
  now?: () => Date;
  /** Id generator: `chatcmpl-…` and `call_…`. Default: the prefix and 24 random hex characters. */
  newId?: (prefix: string) => string;
}

/** A chat server (no socket of its own: mount `handle`). */
export interface ChatServer {
  /** Connect-style middleware: requests outside `basePath` go to `next` (or get a 404). */
  handle(req: IncomingMessage, res: ServerResponse, next?: NextFunction): Promise<void>;
  readonly basePath: string;
  readonly faults: Faults;
  readonly stats: Stats;
  /** Queues a script for the next completion (a mode name, or `{ mode, …options }`); returns it validated. */
  script(script: ScriptMode | ChatScript): ChatScript;
  /** Changes live settings, as `POST __config` does; returns them. */
  configure(change: { tokenDelayMs?: number | undefined }): ChatConfig;
  /** Clears stats, faults and scripts, and restores the configured `tokenDelayMs`. */
  reset(): void;
  /** Stops every stream in flight (their sockets are closed) and clears their timers. */
  close(): Promise<void>;
}

/** Throws a RangeError for a delay that is not an integer from 0 to 60,000 ms (misuse). */
function checkDelay(ms: number): number {
  if (!Number.isInteger(ms) || ms < 0 || ms > 60_000) throw new RangeError(`tokenDelayMs must be an integer from 0 to 60000; got ${ms}.`);
  return ms;
}

/** Creates the chat server. */
export function createChatServer(options: ChatServerOptions = {}): ChatServer {
  const basePath = (options.basePath ?? '/api/chat/v1').replace(/\/+$/, '');
  const apiKeys = options.apiKeys ?? [];
  const faults = options.faults ?? createFaults({ sendFailure: (_req, res, status, message, headers) => sendOpenAiError(res, toOpenAiError(new HttpProblem(status, message, headers))) });
  const stats = createStats();
  const scripts = createScriptQueue();
  const active = createActiveStreams();
  const initialDelay = checkDelay(options.tokenDelayMs ?? 20);
  let config: ChatConfig = { tokenDelayMs: initialDelay };
  let knowledge = options.knowledge;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? ((prefix: string) => `${prefix}${prefix === 'call' ? '_' : '-'}${randomUUID().replace(/-/g, '').slice(0, 24)}`);

  const configure = (change: { tokenDelayMs?: number | undefined }): ChatConfig => {
    if (change.tokenDelayMs !== undefined) config = { ...config, tokenDelayMs: checkDelay(change.tokenDelayMs) };
    return { ...config };
  };
  const reset = (): void => {
    stats.reset();
    faults.reset();
    scripts.clear();
    config = { tokenDelayMs: initialDelay };
  };
  const testRoutes =
    options.testRoutes === false
      ? undefined
      : createChatTestRoutes({ faults, stats, scripts, config: () => ({ ...config }), configure, reset });
  const context = {
    apiKeys,
    answerer: () => (knowledge ??= demoKnowledgeBase()),
    scripts,
    active,
    tokenDelayMs: () => config.tokenDelayMs,
    now,
    newId,
  };

  async function handle(req: IncomingMessage, res: ServerResponse, next?: NextFunction): Promise<void> {
    const path = pathOf(req);
    const method = req.method ?? 'GET';
    if (path !== basePath && !path.startsWith(`${basePath}/`)) {
      if (next) return next();
      applyCors(res);
      return sendOpenAiError(res, new OpenAiError(404, `Invalid URL (${method} ${path})`, { code: 'unknown_url' }));
    }
    applyCors(res);
    requestIdOf(res);
    if (method === 'OPTIONS') {
      // OpenAI's SDKs send extra headers (x-stainless-…): allow whatever the preflight asks for.
      const asked = req.headers['access-control-request-headers'];
      if (asked) res.setHeader('Access-Control-Allow-Headers', asked);
      res.statusCode = 204;
      res.end();
      return;
    }
    const subPath = path.slice(basePath.length);
    try {
      if (testRoutes && (await testRoutes(subPath, req, res))) return;
      const lookup = lookupChatRoute(method, subPath);
      stats.track(lookup.label, res);
      if (await faults.apply(req, res)) return;
      await runChatRoute(req, res, lookup, path, context);
    } catch (error) {
      sendOpenAiError(res, toOpenAiError(error));
    }
  }

  return {
    handle,
    basePath,
    faults,
    stats,
    script: (script) => scripts.push(script),
    configure,
    reset,
    close: async () => active.stopAll(),
  };
}
