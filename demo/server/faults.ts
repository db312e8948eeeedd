/**
 * Fault injection for the reference servers: fail, drop, delay, hold or reset the next
 * requests, or fault a seeded share of them (one status with `failRate`, a mix of kinds with
 * `mix`). Servers call `apply` before auth and routing; the same object backs the `__faults`
 * HTTP control (see faults-control.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';
import { z } from 'zod';
import { createFaultMix, mixSchema, type FaultMix, type MixSnapshot, type MixSpec } from './faults-mix';
import { readBody, sendProblem } from './http-kit';
import { mulberry32 } from './mulberry32';

export { mulberry32 } from './mulberry32';
export type { MixFault, MixSnapshot, MixSpec } from './faults-mix';

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
  resetAfterNext: number;
  holdNext: Array<{ count: number; ms: number }>;
  mix: MixSnapshot | null;
  /** Requests held right now (by `holdNext` or the mix's `slow` and `late`): each will still be applied. */
  held: number;
}

/**
 * A fault that lets the request through to its handler: the server applies it, and then
 * `resetAfter` destroys the socket instead of answering, while `hold`, `slow` and `late`
 * applied it only after a wait.
 */
export type PassingFault = 'resetAfter' | 'hold' | 'slow' | 'late';

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
  /** Applies the next `count` requests, then destroys their sockets instead of answering. */
  resetAfterNext(count: number): void;
  /**
   * Reads the next `count` requests, holds each `ms`, then applies and answers it, whether or
   * not the client is still waiting: with `ms` past the client's timeout, a late commit.
   */
  holdNext(count: number, ms: number): void;
  /** Faults a seeded share of later requests with a mix of kinds (see faults-mix.ts); rate 0 turns it off. */
  mix(spec: MixSpec): void;
  /** Clears every fault. Requests already held stay held, and are applied when their time is up. */
  reset(): void;
  /** Applies pending faults to one request; true when the fault consumed it (answered or dropped). */
  apply(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The fault `apply` let through to the handler with this request, if any (for the request log). */
  passedWith(req: IncomingMessage): PassingFault | undefined;
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
  resetAfterNext: count,
  holdNext: z.object({ count, ms }),
  mix: mixSchema,
};

/** Throws a RangeError naming the bad field: misuse of the API, not a runtime fault. */
function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new RangeError(`${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** Answers an injected failure that has no scripted body, in the shape of the server's own errors. */
export type FailureSender = (req: IncomingMessage, res: ServerResponse, status: number, message: string, headers: Record<string, string>) => void;

/** Options of {@link createFaults}. */
export interface FaultsOptions {
  /** Default: the analytics API's problem+json. The chat servers answer in their APIs' shapes. */
  sendFailure?: FailureSender;
  /** Waits for delays and holds. Default: a real timer; tests pass one they release themselves. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Lets the handler run (and apply the request) but never answers: whatever it writes is
 * dropped, and the socket is destroyed when it ends the response, so the client sees a
 * connection reset after the server applied its request. The response's write methods are
 * replaced for this one response, the way compression middleware wraps them.
 */
function swallowAnswer(res: ServerResponse): void {
  res.writeHead = (() => res) as unknown as ServerResponse['writeHead'];
  res.write = (() => true) as unknown as ServerResponse['write'];
  res.end = (() => {
    res.destroy();
    return res;
  }) as unknown as ServerResponse['end'];
}

/** Creates an empty set of faults. */
export function createFaults(options: FaultsOptions = {}): Faults {
  const sendFailure: FailureSender = options.sendFailure ?? ((req, res, status, message, headers) => sendProblem(req, res, status, message, headers));
  const sleep = options.sleep ?? ((ms: number) => wait(ms));
  let failQueue: Array<{ count: number } & FailSpec> = [];
  let drops = 0;
  let delayMs = 0;
  let delayQueue: Array<{ count: number; ms: number }> = [];
  let rate: ({ rate: number } & FailRateSpec) | null = null;
  let draw: () => number = () => 1;
  let resetsAfter = 0;
  let holdQueue: Array<{ count: number; ms: number }> = [];
  let mix: FaultMix | null = null;
  let held = 0;
  const passed = new WeakMap<IncomingMessage, PassingFault>();

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

  function drop(req: IncomingMessage): true {
    req.socket.destroy();
    return true;
  }

  function resetAfter(req: IncomingMessage, res: ServerResponse): false {
    passed.set(req, 'resetAfter');
    swallowAnswer(res);
    return false;
  }

  /** Reads the body first: Node discards an unread body when the client gives up during the hold. */
  async function hold(req: IncomingMessage, ms: number, why: 'hold' | 'slow' | 'late'): Promise<false> {
    passed.set(req, why);
    held += 1;
    try {
      await readBody(req).catch(() => undefined); // the handler meets the same failure and answers it
      await sleep(ms);
    } finally {
      // Counted until the next turn: the handler then runs on the body already read, without
      // waiting for I/O, so by that turn the request is applied, and `held: 0` means "all landed".
      setImmediate(() => (held -= 1));
    }
    return false;
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
    resetAfterNext(n) {
      resetsAfter += check(faultSchemas.resetAfterNext, n, 'resetAfterNext');
    },
    holdNext(n, wait) {
      const valid = check(faultSchemas.holdNext, { count: n, ms: wait }, 'holdNext');
      if (valid.count > 0) holdQueue.push(valid);
    },
    mix(spec) {
      const valid = check(faultSchemas.mix, spec, 'mix');
      mix = valid.rate > 0 ? createFaultMix(valid) : null;
    },
    reset() {
      failQueue = [];
      drops = 0;
      delayMs = 0;
      delayQueue = [];
      rate = null;
      draw = () => 1;
      resetsAfter = 0;
      holdQueue = [];
      mix = null;
    },
    async apply(req, res) {
      const delayed = delayMs + (take(delayQueue)?.ms ?? 0);
      if (delayed > 0) await sleep(delayed);
      if (drops > 0) {
        drops -= 1;
        return drop(req);
      }
      const queued = take(failQueue);
      if (queued) {
        fail(req, res, queued, 'failNext');
        return true;
      }
      if (resetsAfter > 0) {
        resetsAfter -= 1;
        return resetAfter(req, res);
      }
      const holding = take(holdQueue);
      if (holding) return hold(req, holding.ms, 'hold');
      if (rate && draw() < rate.rate) {
        fail(req, res, rate, 'failRate');
        return true;
      }
      const decision = mix?.next();
      switch (decision?.kind) {
        case undefined:
          return false;
        case 'serverError':
          fail(req, res, { status: decision.status }, 'mix');
          return true;
        case 'rateLimited':
          fail(req, res, { status: 429, retryAfter: decision.retryAfter }, 'mix');
          return true;
        case 'resetBefore':
          return drop(req);
        case 'resetAfter':
          return resetAfter(req, res);
        case 'slow':
        case 'late':
          return hold(req, decision.ms, decision.kind);
      }
    },
    passedWith: (req) => passed.get(req),
    snapshot() {
      return {
        failNext: failQueue.filter((f) => f.count > 0).map((f) => ({ ...f })),
        dropNext: drops,
        delayMs,
        delayNext: delayQueue.filter((d) => d.count > 0).map((d) => ({ ...d })),
        failRate: rate ? { ...rate } : null,
        resetAfterNext: resetsAfter,
        holdNext: holdQueue.filter((h) => h.count > 0).map((h) => ({ ...h })),
        mix: mix ? mix.snapshot() : null,
        held,
      };
    },
  };
}
