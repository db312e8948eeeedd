/**
 * The reference Conversation Analytics server (contracts/analytics.md) as a
 * connect-style middleware, so it can run in its own http.Server or inside Vite's.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFaults, type Faults } from '../faults';
import { HttpProblem, applyCors, pathOf, requestIdOf, sendJson, sendProblem } from '../http-kit';
import { matchRoute } from '../router';
import { createStats, type Stats } from '../stats';
import { DEFAULT_API_KEY, DEFAULT_WEB_KEY, authorize } from './auth';
import { conversationRoutes } from './conversation-routes';
import { eventRoutes } from './event-routes';
import { feedbackRoutes } from './feedback-routes';
import { createRequestLog, type RequestLog } from './request-log';
import { createAnalyticsState, type AnalyticsState } from './state';
import { createTestRoutes } from './test-routes';

/** Options of {@link createAnalyticsServer}. */
export interface AnalyticsServerOptions {
  /** Path prefix of every route. Default `/api/analytics`. */
  basePath?: string;
  /** Accepted web integration keys. Default `['confab-demo-web-key']`. */
  webKeys?: readonly string[];
  /** Accepted API integration keys. Default `['confab-demo-api-key']`. */
  apiKeys?: readonly string[];
  /** JSON file persisting the state; absent → memory only. */
  dataPath?: string | undefined;
  /** Serve `__faults`, `__stats`, `__reset`, `__state`, `__log`. Default true. */
  testRoutes?: boolean;
  /** Fault controls to use, e.g. shared with another server. Default: a fresh set. */
  faults?: Faults;
  /** Clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Id generator. Default `${prefix}_` + 32 hex characters. */
  newId?: (prefix: string) => string;
}

/** Connect's `next`. */
export type NextFunction = (error?: unknown) => void;

/** A running analytics server (no socket of its own: mount `handle`). */
export interface AnalyticsServer {
  /** Connect-style middleware: requests outside `basePath` go to `next` (or get a 404). */
  handle(req: IncomingMessage, res: ServerResponse, next?: NextFunction): Promise<void>;
  readonly basePath: string;
  readonly state: AnalyticsState;
  readonly faults: Faults;
  readonly stats: Stats;
  /** Every applied write, in the order it took effect. */
  readonly requestLog: RequestLog;
  /** Clears state, request log, stats and faults. */
  reset(): void;
  /** Writes pending state to `dataPath`. */
  close(): Promise<void>;
}

const routes = [...conversationRoutes, ...feedbackRoutes, ...eventRoutes];

/** Answers a thrown error: problem+json for {@link HttpProblem}, a 500 for anything else. */
function respondError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
  } else if (error instanceof HttpProblem) {
    sendProblem(req, res, error.status, error.message, error.headers);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    sendProblem(req, res, 500, `The server failed to handle the request: ${message}`);
  }
}

/** Creates the analytics server. */
export function createAnalyticsServer(options: AnalyticsServerOptions = {}): AnalyticsServer {
  const basePath = (options.basePath ?? '/api/analytics').replace(/\/+$/, '');
  const keys = { webKeys: options.webKeys ?? [DEFAULT_WEB_KEY], apiKeys: options.apiKeys ?? [DEFAULT_API_KEY] };
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? ((prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '')}`);
  const state = createAnalyticsState({ dataPath: options.dataPath });
  const faults = options.faults ?? createFaults();
  const stats = createStats();
  const requestLog = createRequestLog();
  let arrivals = 0;

  function reset(): void {
    state.clear();
    requestLog.clear();
    arrivals = 0;
    stats.reset();
    faults.reset();
  }
  const testRoutes = options.testRoutes === false ? undefined : createTestRoutes({ state, stats, faults, requestLog, reset });

  async function handle(req: IncomingMessage, res: ServerResponse, next?: NextFunction): Promise<void> {
    const path = pathOf(req);
    const method = req.method ?? 'GET';
    if (path !== basePath && !path.startsWith(`${basePath}/`)) {
      if (next) return next();
      applyCors(res);
      return sendProblem(req, res, 404, `No route matches ${method} ${path}`);
    }
    applyCors(res);
    requestIdOf(res);
    // Preflights are answered before faults and counters: a faulted preflight would reach
    // browser code as an opaque network error, never as the status the test asked for.
    if (method === 'OPTIONS') {
      res.statusCode = 204;
      res.end();
      return;
    }
    const subPath = path.slice(basePath.length);
    try {
      if (testRoutes && (await testRoutes(subPath, req, res))) return;
      const lookup = matchRoute(routes, method, subPath);
      stats.track(lookup.label, res);
      const received = { received: ++arrivals, receivedAt: now().toISOString() };
      if (await faults.apply(req, res)) return;
      if (lookup.kind === 'not_found') throw new HttpProblem(404, `No route matches ${method} ${path}`);
      if (lookup.kind === 'method_not_allowed') {
        const allow = lookup.allow.join(', ');
        throw new HttpProblem(405, `${method} is not allowed on ${path}; use ${allow}.`, { Allow: allow });
      }
      authorize(req, lookup.route.access, keys);
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const route = lookup.label;
      const body = await lookup.route.run({
        req,
        params: lookup.params,
        query,
        state,
        now: () => now().toISOString(),
        newId,
        applied: (write) =>
          requestLog.record({ ...write, ...received, at: now().toISOString(), method, route, requestId: requestIdOf(res), fault: faults.passedWith(req) ?? null }),
      });
      sendJson(res, 200, body);
    } catch (error) {
      respondError(req, res, error);
    }
  }

  return { handle, basePath, state, faults, stats, requestLog, reset, close: () => state.flush() };
}
