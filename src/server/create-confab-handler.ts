/**
 * `createConfabHandler(options)`: the whole server as one Web-standard function,
 * `(request) => Promise<Response>`, so it runs wherever `Request` and `Response` do (Node
 * through `toNodeListener`, Next.js, Hono, Express, Workers, Deno, Bun). Every route sits
 * under one base path. Each request goes through the same gate, in this order: the health
 * check (open to monitors), the origin allow-list, shutdown, CORS preflight, the per-IP
 * request limit, the caller's identity, then its route. State lives in the store, so the
 * handler holds none a second instance would need.
 */
import { createAnalyticsRelay } from './analytics/analytics-relay';
import { writeLog } from './access-log';
import { createChatRoute } from './chat/chat-route';
import { healthResponse } from './health-route';
import { clientIpOf, type ConnectionInfo } from './http/client-ip';
import { corsHeaders, preflightResponse } from './http/cors';
import { createDixaAdapter } from './handoff/dixa/dixa-adapter';
import type { HandoffAdapter } from './handoff/handoff-adapter';
import { createHandoffRoutes } from './handoff/handoff-routes';
import { createHandoffService, type HandoffService } from './handoff/handoff-service';
import { createOriginPolicy } from './http/origin-policy';
import { RequestError, toRequestError } from './http/request-error';
import { jsonResponse, openAiErrorResponse, problemResponse, pulseErrorResponse } from './http/responses';
import { createKnowledgeBase, publicDocsUrl, type KnowledgeBase } from './knowledge';
import { readDocs } from './knowledge/read-docs';
import { modelsResponse } from './models-route';
import type { AccessLogEntry, ConfabHandlerOptions } from './options/handler-options';
import { resolveOptions, type ResolvedOptions } from './options/resolve-options';
import { createChallenge } from './protect/challenge';
import { createIdentity, type Caller } from './protect/identity';
import { createRateLimiter } from './protect/rate-limiter';
import { createPulseProxy } from './pulse/pulse-proxy';
import type { Route, RouteContext } from './route-context';
import { createMemoryStore } from './store/memory-store';
import type { ConfabStore } from './store/store';

/** The handler: call it with a request; it also knows when it is ready and how to stop. */
export interface ConfabHandler {
  (request: Request, info?: ConnectionInfo): Promise<Response>;
  /** The base path every route is under, e.g. `/api/confab`. */
  readonly basePath: string;
  /** Resolves once the docs are indexed; rejects (with a ConfigError naming `docs`) when they cannot be read. */
  readonly ready: Promise<void>;
  /**
   * Graceful shutdown: new requests get a 503; answers in flight may finish for `graceMs`
   * (default 10,000), then end cleanly with an error event saying the server restarts.
   * Closes the store if the handler made it.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** A route family's error shape. */
type ErrorShape = (error: RequestError, instance: string, requestId: string) => Response;

const openAi: ErrorShape = (error) => openAiErrorResponse(error);
const pulse: ErrorShape = (error) => pulseErrorResponse(error);
const problem: ErrorShape = (error, instance, requestId) => problemResponse(error, instance, requestId);

const newId = (prefix: string): string => `${prefix}${prefix === 'call' ? '_' : '-'}${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;

/** Reads and indexes the docs (nothing configured: no knowledge base). */
async function loadKnowledge(options: ResolvedOptions): Promise<KnowledgeBase | undefined> {
  if (options.docs === undefined) return undefined;
  const documents = typeof options.docs === 'string' || typeof options.docs[0] === 'string' ? await readDocs(options.docs as string | readonly string[]) : (options.docs as ReadonlyArray<{ path: string; text: string }>);
  const docsUrl = typeof options.docsBaseUrl === 'string' ? publicDocsUrl(options.docsBaseUrl) : options.docsBaseUrl;
  return createKnowledgeBase({ documents, docsUrl });
}

/** The helpdesk adapter of the `handoff` option. */
function handoffAdapter(options: ResolvedOptions, handoff: NonNullable<ResolvedOptions['handoff']>): HandoffAdapter {
  if (handoff.adapter) return handoff.adapter;
  // resolveOptions makes sure one of the two is set.
  const dixa = handoff.dixa as NonNullable<typeof handoff.dixa>;
  return createDixaAdapter({ options: dixa, fetch: options.fetch, now: options.now, warn: options.onError });
}

/** The handoff service of the `handoff` option (none: handoff is off). */
function handoffService(options: ResolvedOptions, store: ConfabStore): HandoffService | undefined {
  const handoff = options.handoff;
  if (!handoff) return undefined;
  return createHandoffService({
    adapter: handoffAdapter(options, handoff),
    store,
    poll: { activeMs: handoff.activePollMs, idleMs: handoff.idlePollMs },
    retentionMs: handoff.retentionMs,
    retryIntervalMs: handoff.retryIntervalMs,
    now: options.now,
    report: options.onError,
  });
}

/** Creates the handler. Throws a ConfigError naming the first bad option. */
export function createConfabHandler(input: ConfabHandlerOptions): ConfabHandler {
  const options = resolveOptions(input);
  const ownStore = options.store === undefined;
  const store = options.store ?? createMemoryStore({ now: options.now });
  const origins = createOriginPolicy(options.allowedOrigins);
  const identify = createIdentity(options.identity);
  const limiter = createRateLimiter(options.rateLimit, store, options.now);
  const challenge = createChallenge(options.challenge, store);

  let knowledge: KnowledgeBase | undefined;
  let docsFailure: Error | undefined;
  const loading = loadKnowledge(options).then(
    (loaded) => {
      knowledge = loaded;
    },
    (error: unknown) => {
      docsFailure = error instanceof Error ? error : new Error(String(error));
      throw docsFailure;
    },
  );
  // Requests report the failure themselves; this keeps an unobserved `ready` from crashing the process.
  loading.catch(() => undefined);
  const knowledgeBase = async (): Promise<KnowledgeBase | undefined> => {
    try {
      await loading;
    } catch (error) {
      throw new RequestError(503, 'docs_unavailable', 'The server could not read its docs; its operator must fix the docs setting.', { cause: error });
    }
    return knowledge;
  };

  const routes: Array<{ prefix: string; exact: boolean; shape: ErrorShape; route: Route }> = [];
  if (options.upstream || options.docs !== undefined) {
    const chat = createChatRoute({ options, knowledge: knowledgeBase, limiter, challenge, newId });
    routes.push({ prefix: '/chat/completions', exact: true, shape: openAi, route: onlyMethod('POST', chat) });
  }
  routes.push({ prefix: '/models', exact: true, shape: openAi, route: onlyMethod('GET', async () => modelsResponse(options)) });
  if (options.pulse) routes.push({ prefix: '/pulse/', exact: false, shape: pulse, route: createPulseProxy({ options, pulse: options.pulse, limiter, challenge }) });
  routes.push({ prefix: '/analytics/', exact: false, shape: problem, route: options.analytics ? createAnalyticsRelay({ options, analytics: options.analytics }) : analyticsOff });
  const handoff = handoffService(options, store);
  const handoffRoutes = createHandoffRoutes({ options, service: handoff, limiter, challenge });
  routes.push({ prefix: '/handoff', exact: true, shape: problem, route: handoffRoutes }, { prefix: '/handoff/', exact: false, shape: problem, route: handoffRoutes });

  let closing = false;
  const inFlight = new Set<Promise<unknown>>();
  const interrupts = new Set<() => void>();

  async function handle(request: Request, info?: ConnectionInfo): Promise<Response> {
    const started = options.now();
    const requestId = newId('req').replace('-', '_');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return jsonResponse(400, { error: { message: 'The request URL is not valid.', type: 'invalid_request_error', param: null, code: 'invalid_url' } });
    }
    // `server="/api/confab/"` in the widget makes `/api/confab//pulse/…`: one slash is meant.
    const path = url.pathname.replace(/\/{2,}/g, '/');
    const subPath = path === options.basePath ? '/' : path.startsWith(`${options.basePath}/`) ? path.slice(options.basePath.length) : undefined;
    // Browsers send no Origin with a same-origin GET (Fetch standard, "serializing a request
    // origin"), as the widget's handoff polling is when the server shares the page's origin;
    // they say so in Sec-Fetch-Site, which a page's script cannot set. Such a page is on the
    // server's own site: allowed, as no other site's page can send it.
    const sameOrigin = !request.headers.has('origin') && request.headers.get('sec-fetch-site') === 'same-origin';
    const origin = request.headers.get('origin') ?? (sameOrigin ? `${new URL(request.url).protocol}//${request.headers.get('host') ?? 'localhost'}` : null);
    const ip = clientIpOf(request, info, options.trustProxy);
    const entry: Partial<AccessLogEntry> = {};
    let caller: Caller = { kind: 'anonymous' };
    let ended: Promise<void> | undefined;
    const found = subPath === undefined ? undefined : routes.find((candidate) => (candidate.exact ? subPath === candidate.prefix : subPath.startsWith(candidate.prefix)));
    const shape = found?.shape ?? openAi;
    const routeName = subPath === '/health' ? 'health' : (found?.prefix.replace(/\//g, '') ?? 'unknown');

    const finish = (response: Response): Response => {
      response.headers.set('X-Request-Id', requestId);
      if (origin !== null && origins.allows(origin)) for (const [name, value] of Object.entries(corsHeaders(origin))) response.headers.set(name, value);
      const log = () =>
        writeLog(
          options.log,
          { time: new Date(started).toISOString(), requestId, method: request.method, path, route: routeName, status: response.status, durationMs: options.now() - started, ip, origin, visitor: caller.kind, ...entry },
          options.onError,
        );
      if (ended) void ended.then(log, log);
      else log();
      return response;
    };

    try {
      if (subPath === undefined) throw new RequestError(404, 'unknown_url', `Invalid URL (${request.method} ${path}): every route is under ${options.basePath}/.`);
      if (subPath === '/health') {
        if (request.method !== 'GET' && request.method !== 'HEAD') throw new RequestError(405, 'method_not_allowed', 'Use GET for /health.', { headers: { Allow: 'GET' } });
        return finish(
          await healthResponse({ options, store, handoff: handoff?.helpdesk, docs: () => docsFailure ?? (knowledge ? knowledge.sections.length : options.docs === undefined ? 0 : undefined), closing: () => closing }),
        );
      }
      if (origin === null) throw new RequestError(403, 'origin_required', 'Requests must come from a web page of an allowed site (no Origin header was sent).');
      if (!sameOrigin && !origins.allows(origin)) throw new RequestError(403, 'origin_not_allowed', 'This site is not allowed to use this server.');
      if (closing) throw new RequestError(503, 'shutting_down', 'The server is restarting; try again in a moment.', { headers: { 'Retry-After': '2' } });
      if (request.method === 'OPTIONS') return finish(preflightResponse(request, origin));
      if (!found) throw new RequestError(404, 'unknown_url', `Invalid URL (${request.method} ${path}).`);
      await limiter.countRequest(ip);
      caller = await identify(request);
      const context: RouteContext = {
        request,
        subPath,
        ip,
        caller,
        requestId,
        signal: request.signal,
        log: entry,
        streaming(done) {
          ended = done;
        },
        onShutdown(interrupt) {
          interrupts.add(interrupt);
          return () => interrupts.delete(interrupt);
        },
      };
      const work = found.route(context);
      inFlight.add(work);
      let response: Response;
      try {
        response = await work;
      } finally {
        inFlight.delete(work);
      }
      if (ended) {
        const stream = ended;
        inFlight.add(stream);
        void stream.finally(() => inFlight.delete(stream));
      }
      return finish(response);
    } catch (thrown) {
      const error = toRequestError(thrown);
      if (error.status === 500) options.onError(thrown);
      entry.error = error.code;
      return finish(shape(error, path, requestId));
    }
  }

  return Object.assign(handle, {
    basePath: options.basePath,
    ready: loading,
    async close({ graceMs = 10_000 }: { graceMs?: number } = {}) {
      closing = true;
      await settledWithin(inFlight, graceMs);
      // Streams still running end with an error event; a moment for them to write it.
      for (const interrupt of [...interrupts]) interrupt();
      await settledWithin(inFlight, 1_000);
      await handoff?.stop();
      if (ownStore) await store.close();
    },
  });
}

/**
 * Logs sent to a server without `analytics`: a widget with `server` logs through it by
 * default, and a site that keeps no logs should not see each of them fail. Accepted and
 * dropped, on purpose; the header says so.
 */
const analyticsOff: Route = async () => new Response(null, { status: 204, headers: { 'X-Confab-Analytics': 'off' } });

/** Resolves when every promise in `pending` has settled, or after `ms`. */
async function settledWithin(pending: ReadonlySet<Promise<unknown>>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([Promise.allSettled([...pending]), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** A route answering only `method` (and a 405 naming it otherwise). */
function onlyMethod(method: string, route: Route): Route {
  return async (context) => {
    if (context.request.method !== method) throw new RequestError(405, 'method_not_allowed', `${context.request.method} is not allowed here; use ${method}.`, { headers: { Allow: method } });
    return route(context);
  };
}
