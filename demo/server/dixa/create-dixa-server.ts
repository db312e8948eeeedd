/**
 * The reference Dixa Conversations API (contracts/dixa.md) as a connect-style middleware,
 * so it can run in its own http.Server, beside the other reference servers, or inside
 * Vite's dev server. It stands in for a third-party helpdesk in the handoff tests, so it
 * follows the contract exactly and makes the §5 gap choices.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from '../analytics/create-analytics-server';
import { createFaults, type Faults } from '../faults';
import { applyCors, pathOf, readBody, sendJson } from '../http-kit';
import { matchRoute } from '../router';
import { createStats, type Stats } from '../stats';
import { createAgentSimulator, type AgentSimulator } from './agent-simulator';
import { DEFAULT_DIXA_TOKEN, authenticate } from './auth';
import { DixaError, REASONS, faultMessage, sendDixaError, toDixaError } from './dixa-error';
import type { DixaServerOptions } from './dixa-options';
import { DIXA_FIXTURE } from './fixture';
import { applyHeaderFault } from './header-faults';
import type { DixaApp } from './route-types';
import { dixaRoutes } from './routes';
import { createDixaState, type DixaState } from './state';
import { createTestRoutes } from './test-routes';

/** Re-exported so callers import the factory and its options from one module. */
export type { DixaServerOptions } from './dixa-options';

/** A Dixa server (no socket of its own: mount `handle`). */
export interface DixaServer {
  /** Connect-style middleware: requests outside `basePath` go to `next` (or get a 404). */
  handle(req: IncomingMessage, res: ServerResponse, next?: NextFunction): Promise<void>;
  readonly basePath: string;
  readonly state: DixaState;
  readonly faults: Faults;
  readonly stats: Stats;
  /** The simulated agent: reply, assign, close, and the rating only it can write. */
  readonly agent: AgentSimulator;
  /** Back to the fixture; clears stats and faults. */
  reset(): void;
  /** Writes pending state to `dataPath`. */
  close(): Promise<void>;
}

/** CORS as the other servers, plus the methods Dixa uses and the fault header a browser test may send. */
function allowCors(res: ServerResponse): void {
  applyCors(res);
  res.setHeader('Access-Control-Allow-Methods', 'GET,POST,PUT,PATCH,DELETE,OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Fake-Fault');
}

/** The `tokens` option as a map, each user checked against the fixture (a RangeError names a bad one). */
function tokenMap(options: DixaServerOptions, state: DixaState): Map<string, string> {
  const tokens = new Map(Object.entries(options.tokens ?? { [DEFAULT_DIXA_TOKEN]: state.fixture.tokenUserId }));
  for (const [token, userId] of tokens) {
    if (!state.user(userId)) throw new RangeError(`Dixa token "${token}" belongs to ${userId}, who is not a user of the fixture.`);
  }
  return tokens;
}

function checkSlowMs(ms: number): number {
  if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) throw new RangeError(`slowFaultMs must be an integer from 0 to 600000; got ${ms}.`);
  return ms;
}

/** Creates the Dixa server. */
export function createDixaServer(options: DixaServerOptions = {}): DixaServer {
  const basePath = (options.basePath ?? '/api/dixa').replace(/\/+$/, '');
  const state = createDixaState({ fixture: options.fixture ?? DIXA_FIXTURE, dataPath: options.dataPath });
  const tokens = tokenMap(options, state);
  const slowMs = checkSlowMs(options.slowFaultMs ?? 5_000);
  const now = options.now ?? (() => new Date());
  const faults = options.faults ?? createFaults({ sendFailure: (_req, res, status, _message, headers) => sendDixaError(res, new DixaError(status, faultMessage(status), headers)) });
  const stats = createStats();
  const app: DixaApp = {
    state,
    now: () => now().toISOString(),
    newId: options.newId ?? randomUUID,
    unsupportedCreateTypes: new Set(options.unsupportedCreateTypes ?? []),
  };
  const agent = createAgentSimulator(app);

  function reset(): void {
    state.reset();
    stats.reset();
    faults.reset();
  }
  const testRoutes = options.testRoutes === false ? undefined : createTestRoutes({ state, agent, stats, faults, reset });

  async function handle(req: IncomingMessage, res: ServerResponse, next?: NextFunction): Promise<void> {
    const path = pathOf(req);
    const method = req.method ?? 'GET';
    if (path !== basePath && !path.startsWith(`${basePath}/`)) {
      if (next) return next();
      allowCors(res);
      return sendDixaError(res, new DixaError(404, REASONS.unknownRoute));
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
      const lookup = matchRoute(dixaRoutes, method, subPath);
      stats.track(lookup.label, res);
      if (await faults.apply(req, res)) return;
      // A known path with another method is no §2 operation either: Dixa's router answers 404.
      if (lookup.kind !== 'found') throw new DixaError(404, REASONS.unknownRoute);
      // Read the whole body before any answer: answering mid-upload makes fetch report a reset.
      const bodyText = method === 'GET' ? '' : await readBody(req);
      await applyHeaderFault(req, lookup.route, slowMs);
      const tokenUserId = authenticate(req, tokens);
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const reply = lookup.route.run({ app, params: lookup.params, query, bodyText, tokenUserId });
      if (reply.status === 204) {
        res.statusCode = 204;
        res.end();
      } else {
        sendJson(res, reply.status, { data: reply.data });
      }
    } catch (error) {
      if (res.headersSent) res.destroy();
      else sendDixaError(res, toDixaError(error));
    }
  }

  return { handle, basePath, state, faults, stats, agent, reset, close: () => state.flush() };
}
