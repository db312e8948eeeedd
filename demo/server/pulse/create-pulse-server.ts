/**
 * The reference PulseAI / Dify chat-app server (contracts/pulse.md) as a connect-style
 * middleware, so it can run in its own http.Server, beside the analytics server, or
 * inside Vite's dev server.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from '../analytics/create-analytics-server';
import { createFaults, type Faults } from '../faults';
import { applyCors, HttpProblem, pathOf, readBody, sendJson } from '../http-kit';
import { matchRoute } from '../router';
import { createStats, type Stats } from '../stats';
import { appRoutes } from './app-metadata';
import { DEFAULT_PULSE_KEY, authorize, readSignature } from './auth';
import { chatRoutes } from './chat-routes';
import { conversationRoutes } from './conversation-routes';
import { messageRoutes } from './message-routes';
import { PulseError, sendPulseError, toPulseError } from './pulse-error';
import { resolveSettings, type PulseServerOptions } from './pulse-options';
import type { PulseApp } from './route-types';
import { isScriptMode, type ScriptMode } from './script-modes';
import { createPulseState, type PulseState } from './state';
import { createTestRoutes } from './test-routes';

/** Re-exported so callers import the factory and its options from one module. */
export type { PulseServerOptions } from './pulse-options';

/** A PulseAI server (no socket of its own: mount `handle`). */
export interface PulseServer {
  /** Connect-style middleware: requests outside `basePath` go to `next` (or get a 404). */
  handle(req: IncomingMessage, res: ServerResponse, next?: NextFunction): Promise<void>;
  readonly basePath: string;
  readonly state: PulseState;
  readonly faults: Faults;
  readonly stats: Stats;
  /** Queues `mode` for the next `POST /chat-messages` that passes validation. */
  script(mode: ScriptMode): void;
  /** Clears state (pending scripts included), stats and faults. */
  reset(): void;
  /** Cuts the streams in progress. */
  close(): Promise<void>;
}

/** Werkzeug's text for an unknown URL, which Dify sends with `not_found`. */
const UNKNOWN_URL = 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';
/** Dify's message for a body that is not JSON. */
const BAD_JSON = 'The browser (or proxy) sent a request that this server could not understand.';

const routes = [...chatRoutes, ...messageRoutes, ...conversationRoutes, ...appRoutes];

/** CORS as the other servers, plus PulseAI's signing headers, which a browser must be allowed to send. */
function allowCors(res: ServerResponse): void {
  applyCors(res);
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Timestamp, X-Signature');
}

/** A POST/DELETE body: empty → `{}` so field checks name what is missing; not JSON → 400. */
function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PulseError(400, 'bad_request', BAD_JSON);
  }
}

/** Creates the PulseAI server. */
export function createPulseServer(options: PulseServerOptions = {}): PulseServer {
  const basePath = (options.basePath ?? '/api/pulse/v1').replace(/\/+$/, '');
  const apiKeys = options.apiKeys ?? [DEFAULT_PULSE_KEY];
  const now = options.now ?? (() => new Date());
  const state = createPulseState();
  const faults = options.faults ?? createFaults({ sendFailure: (_req, res, status, message, headers) => sendPulseError(res, toPulseError(new HttpProblem(status, message, headers))) });
  const stats = createStats();
  const app: PulseApp = {
    state,
    settings: resolveSettings(options),
    nowSeconds: () => Math.floor(now().getTime() / 1000),
    newId: options.newId ?? randomUUID,
    streams: new Set(),
  };

  function script(mode: ScriptMode): void {
    if (!isScriptMode(mode)) throw new RangeError(`Unknown script mode ${String(mode)}; see demo/server/pulse/README.md.`);
    state.scripts.push(mode);
  }
  function reset(): void {
    state.clear();
    stats.reset();
    faults.reset();
  }
  const testRoutes = options.testRoutes === false ? undefined : createTestRoutes({ state, stats, faults, reset, script });

  async function handle(req: IncomingMessage, res: ServerResponse, next?: NextFunction): Promise<void> {
    const path = pathOf(req);
    const method = req.method ?? 'GET';
    if (path !== basePath && !path.startsWith(`${basePath}/`)) {
      if (next) return next();
      allowCors(res);
      return sendPulseError(res, new PulseError(404, 'not_found', UNKNOWN_URL));
    }
    allowCors(res);
    // Preflights skip faults and counters: a faulted preflight reaches browser code as an opaque network error.
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
      if (await faults.apply(req, res)) return;
      if (lookup.kind === 'not_found') throw new PulseError(404, 'not_found', UNKNOWN_URL);
      if (lookup.kind === 'method_not_allowed') {
        const headers = { Allow: lookup.allow.join(', ') };
        throw new PulseError(405, 'method_not_allowed', 'The method is not allowed for the requested URL.', { headers });
      }
      // Read before auth so the signature record holds the signed body even when auth fails.
      const text = await readBody(req);
      state.lastSignature = readSignature(req, text, app.nowSeconds());
      authorize(req, { apiKeys, maxTimestampSkewSeconds: options.maxTimestampSkewSeconds, nowSeconds: app.nowSeconds() });
      const result = await lookup.route.run({
        app,
        req,
        res,
        params: lookup.params,
        query: new URL(req.url ?? '/', 'http://localhost').searchParams,
        body: method === 'GET' ? undefined : parseJson(text),
      });
      if (result !== undefined) sendJson(res, 200, result);
    } catch (error) {
      if (res.headersSent) res.destroy();
      else sendPulseError(res, toPulseError(error));
    }
  }

  function close(): Promise<void> {
    for (const res of app.streams) res.destroy();
    app.streams.clear();
    return Promise.resolve();
  }

  return { handle, basePath, state, faults, stats, script, reset, close };
}
