/**
 * What every route gets for one request: who asks, from where, the visitor's abort signal,
 * and the access-log fields it fills in (tokens, outcome) as it goes.
 */
import type { AccessLogEntry } from './options/handler-options';
import type { Caller } from './protect/identity';

export interface RouteContext {
  request: Request;
  /** The path below the base path, e.g. `/chat/completions`. */
  subPath: string;
  ip: string;
  caller: Caller;
  requestId: string;
  /** Aborted when the visitor goes (Stop, a closed page) or the server shuts down. */
  signal: AbortSignal;
  /** Fields of this request's access-log line that the route knows. */
  log: Partial<AccessLogEntry>;
  /**
   * Declares the response a stream that ends later: the log line waits for `ended`, and a
   * graceful shutdown waits for it too.
   */
  streaming(ended: Promise<void>): void;
  /** Registers a way to end the stream early at shutdown; returns its unregister. */
  onShutdown(interrupt: () => void): () => void;
}

/** A route: answers one request below the base path. */
export type Route = (context: RouteContext) => Promise<Response>;
