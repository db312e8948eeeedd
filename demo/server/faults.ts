/**
 * Fault injection for the reference servers: fail, drop or delay the next requests, or
 * fail a seeded share of them. Servers call `apply` before auth and routing; the same
 * object backs the `__faults` HTTP control (see faults-control.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { sendProblem } from './http-kit';

/** How a failed request is answered. */
export interface FailSpec {
  /** HTTP status, 200–599. */
  status: number;
  /** Sent as the `Retry-After` header when present (seconds or an HTTP date). */
  retryAfter?: string | number | undefined;
  /** Response body: a string is sent as text/plain, anything else as JSON; absent → problem+json. */
  body?: unknown;
}

/** How a request failed by {@link Faults.failRate} is answered. */
export interface FailRateSpec {
  status: number;
  retryAfter?: string | number | undefined;
  /** Seed of the PRNG, so the same seed fails the same requests on every run. */
  seed: number;
}

/** The pending faults, as reported by `GET __faults`. */
export interface FaultsSnapshot {
  failNext: Array<{ count: number } & FailSpec>;
  dropNext: number;
  delayMs: number;
  delayNext: Array<{ count: number; ms: number }>;
  failRate: ({ rate: number } & FailRateSpec) | null;
}

/** Fault controls shared by every reference server. */
export interface Faults {
  /** Answers the next `count` requests with `spec` instead of handling them. */
  failNext(count: number, spec: FailSpec): void;
  /** Destroys the socket of the next `count` requests without any response. */
  dropNext(count: number): void;
  /** Delays every request by `ms` (0 turns it off). */
  delay(ms: number): void;
  /** Delays the next `count` requests by `ms`, on top of {@link Faults.delay}. */
  delayNext(count: number, ms: number): void;
  /** Fails each later request with probability `rate`, drawn from a seeded PRNG (rate 0 turns it off). */
  failRate(rate: number, spec: FailRateSpec): void;
  /** Clears every fault. */
  reset(): void;
  /** Applies pending faults to one request; true when the fault consumed it (answered or dropped). */
  apply(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The pending faults. */
  snapshot(): FaultsSnapshot;
}

const status = z.int().min(200).max(599);
const retryAfter = z.union([z.string().min(1), z.int().nonnegative()]).optional();
const count = z.int().min(0);
const ms = z.int().min(0).max(600_000);

/** Schemas of the fault specs, shared with the HTTP control so both validate alike. */
export const faultSchemas = {
  failNext: z.object({ count, status, retryAfter, body: z.unknown().optional() }),
  dropNext: count,
  delayMs: ms,
  delayNext: z.object({ count, ms }),
  failRate: z.object({ rate: z.number().min(0).max(1), status, retryAfter, seed: z.int() }),
};

/** Throws a RangeError naming the bad field: misuse of the API, not a runtime fault. */
function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new RangeError(`${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * mulberry32: a tiny 32-bit PRNG, good enough to pick which requests fail and, unlike
 * Math.random, repeatable from a seed.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Creates an empty set of faults. */
/** Answers an injected failure that has no scripted body, in the shape of the server's own errors. */
export type FailureSender = (req: IncomingMessage, res: ServerResponse, status: number, message: string, headers: Record<string, string>) => void;

/** Options of {@link createFaults}. */
export interface FaultsOptions {
  /** Default: the analytics API's problem+json. The chat servers answer in their APIs' shapes. */
  sendFailure?: FailureSender;
}

export function createFaults(options: FaultsOptions = {}): Faults {
  const sendFailure: FailureSender = options.sendFailure ?? ((req, res, status, message, headers) => sendProblem(req, res, status, message, headers));
  let failQueue: Array<{ count: number } & FailSpec> = [];
  let drops = 0;
  let delayMs = 0;
  let delayQueue: Array<{ count: number; ms: number }> = [];
  let rate: ({ rate: number } & FailRateSpec) | null = null;
  let draw: () => number = () => 1;

  /** Takes one use of the queue's head, dropping entries that are used up. */
  function take<T extends { count: number }>(queue: T[]): T | undefined {
    while (queue.length > 0 && (queue[0]?.count ?? 0) <= 0) queue.shift();
    const head = queue[0];
    if (head) head.count -= 1;
    return head;
  }

  function fail(req: IncomingMessage, res: ServerResponse, spec: FailSpec, why: string): void {
    const headers: Record<string, string> = {};
    if (spec.retryAfter !== undefined) headers['Retry-After'] = String(spec.retryAfter);
    if (spec.body === undefined) {
      sendFailure(req, res, spec.status, `Injected fault (${why}).`, headers);
      return;
    }
    const text = typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
    res.writeHead(spec.status, {
      ...headers,
      'Content-Type': typeof spec.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  return {
    failNext(n, spec) {
      const valid = check(faultSchemas.failNext, { count: n, ...spec }, 'failNext');
      if (valid.count > 0) failQueue.push({ ...spec, count: valid.count });
    },
    dropNext(n) {
      drops += check(faultSchemas.dropNext, n, 'dropNext');
    },
    delay(n) {
      delayMs = check(faultSchemas.delayMs, n, 'delay');
    },
    delayNext(n, wait) {
      const valid = check(faultSchemas.delayNext, { count: n, ms: wait }, 'delayNext');
      if (valid.count > 0) delayQueue.push(valid);
    },
    failRate(r, spec) {
      const valid = check(faultSchemas.failRate, { rate: r, ...spec }, 'failRate');
      rate = valid.rate > 0 ? { ...spec, rate: valid.rate } : null;
      draw = mulberry32(valid.seed);
    },
    reset() {
      failQueue = [];
      drops = 0;
      delayMs = 0;
      delayQueue = [];
      rate = null;
      draw = () => 1;
    },
    async apply(req, res) {
      const wait = delayMs + (take(delayQueue)?.ms ?? 0);
      if (wait > 0) await sleep(wait);
      if (drops > 0) {
        drops -= 1;
        req.socket.destroy();
        return true;
      }
      const queued = take(failQueue);
      if (queued) {
        fail(req, res, queued, 'failNext');
        return true;
      }
      if (rate && draw() < rate.rate) {
        fail(req, res, rate, 'failRate');
        return true;
      }
      return false;
    },
    snapshot() {
      return {
        failNext: failQueue.filter((f) => f.count > 0).map((f) => ({ ...f })),
        dropNext: drops,
        delayMs,
        delayNext: delayQueue.filter((d) => d.count > 0).map((d) => ({ ...d })),
        failRate: rate ? { ...rate } : null,
      };
    },
  };
}
