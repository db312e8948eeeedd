/**
 * What every PulseAI route sees: the app (state, settings, clock, ids) and the request,
 * and the shape of a route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoutePattern } from '../router';
import type { Answerer } from './default-answer';
import type { Suggester } from './suggested-questions';
import type { PulseInfo, PulseParameters } from './app-metadata';
import type { PulseState } from './state';

/** The resolved options of the server. */
export interface PulseSettings {
  /** Pause before each streamed chunk. */
  tokenDelayMs: number;
  /** Silence before the first payload event after which a ping is sent. */
  pingAfterMs: number;
  /** Status of a successful `DELETE /conversations/{id}` (§12 allows both). */
  deleteStatus: 200 | 204;
  parameters: PulseParameters;
  info: PulseInfo;
  answer: Answerer;
  suggest: Suggester;
}

/** The server as routes and streams use it. */
export interface PulseApp {
  readonly state: PulseState;
  readonly settings: PulseSettings;
  /** The injectable clock, in integer Unix seconds (§1). */
  nowSeconds(): number;
  /** A fresh lower-case UUID. */
  newId(): string;
  /** Responses of the streams in progress, so `close()` can end them. */
  readonly streams: Set<ServerResponse>;
}

/** What a route handler gets. */
export interface RouteContext {
  app: PulseApp;
  req: IncomingMessage;
  res: ServerResponse;
  /** Decoded `{param}` values of the pattern. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body of a POST or DELETE (`{}` when empty); undefined for GET. */
  body: unknown;
}

/**
 * One route. `run` returns the body of a 200 JSON answer, or undefined when it answered
 * itself (a stream, a 204).
 */
export interface PulseRoute extends RoutePattern {
  run(ctx: RouteContext): unknown;
}

/** A `{param}` of the route's pattern; matching guarantees it is there and non-empty. */
export function param(ctx: RouteContext, name: string): string {
  return ctx.params[name] ?? '';
}
