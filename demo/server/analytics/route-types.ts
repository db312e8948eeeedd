/**
 * The shape of one analytics route: its method, pattern and key kind, and a `run` that
 * returns the 200 body or throws an `HttpProblem`.
 */
import type { IncomingMessage } from 'node:http';
import type { RoutePattern } from '../router';
import type { Access } from './auth';
import type { AnalyticsState } from './state';

/** What a route handler gets. */
export interface RouteContext {
  req: IncomingMessage;
  /** Decoded `{param}` values of the pattern. */
  params: Record<string, string>;
  query: URLSearchParams;
  state: AnalyticsState;
  /** The current time as an ISO string (injectable clock). */
  now(): string;
  /** A fresh id such as `conv_…` (injectable). */
  newId(prefix: string): string;
}

/** One route of the analytics API; every success is a 200 with the returned JSON body. */
export interface AnalyticsRoute extends RoutePattern {
  access: Access;
  run(ctx: RouteContext): unknown;
}

/** A `{param}` of the route's pattern; matching guarantees it is there and non-empty. */
export function param(ctx: RouteContext, name: string): string {
  return ctx.params[name] ?? '';
}
