/**
 * The shape of one analytics route: its method, pattern and key kind, and a `run` that
 * returns the 200 body or throws an `HttpProblem`.
 */
import type { IncomingMessage } from 'node:http';
import type { RoutePattern } from '../router';
import type { Access } from './auth';
import type { AppliedWrite } from './request-log';
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
  /** Call right after a write takes effect, in the same turn, so the request log keeps commit order. */
  applied(write: AppliedWrite): void;
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
