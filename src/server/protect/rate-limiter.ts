/**
 * Rate limits on the store's atomic counters, in fixed windows (a minute, a UTC day), so
 * they hold exactly across every instance sharing the store. A request is counted first
 * and refused if that took a counter over its limit; a refused request's counts are given
 * back, so a spammer on a shared IP does not use up its neighbours' allowance. Tokens are
 * reserved up front (prompt plus the answer's cap) and settled to what was used once the
 * answer ends: concurrent answers can never together spend past the day's budget.
 */
import type { ResolvedOptions } from '../options/resolve-options';
import { RequestError } from '../http/request-error';
import type { ConfabStore } from '../store/store';
import type { Caller } from './identity';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A question let through; `settle` books the tokens it really used (once). */
export interface Admission {
  settle(usedTokens: number): Promise<void>;
}

/** What the limiter needs to know about a question. */
export interface Question {
  ip: string;
  caller: Caller;
  /** Tokens to reserve: the prompt's estimate plus the most the answer may use. */
  tokens: number;
}

export interface RateLimiter {
  /** Counts a request of any kind against the IP's overall limit; throws a 429 RequestError over it. */
  countRequest(ip: string): Promise<void>;
  /** Admits a question or throws a 429 RequestError naming the limit and when to retry. */
  admitQuestion(question: Question): Promise<Admission>;
}

interface Counter {
  key: string;
  amount: number;
  limit: number;
  windowMs: number;
  what: string;
}

const NO_LIMITS: RateLimiter = {
  async countRequest() {},
  async admitQuestion() {
    return { settle: async () => undefined };
  },
};

/** The visitor's key: a verified user, else the widget's visitor id; anonymous callers have only their IP. */
const visitorKey = (caller: Caller): string | undefined => (caller.kind === 'user' ? `u:${caller.id}` : caller.kind === 'visitor' ? `v:${caller.id}` : undefined);

/** Creates the limiter of `limits` on `store` (no limits: everything passes). */
export function createRateLimiter(limits: ResolvedOptions['rateLimit'], store: ConfabStore, now: () => number): RateLimiter {
  if (!limits) return NO_LIMITS;
  const windowOf = (windowMs: number) => Math.floor(now() / windowMs);
  const counter = (kind: string, who: string, amount: number, limit: number | undefined, windowMs: number, what: string): Counter[] =>
    limit === undefined ? [] : [{ key: `rl:${kind}:${who}:${windowOf(windowMs)}`, amount, limit, windowMs, what }];

  /** Counts every counter; if one went over, gives every count back and throws for the first one over. */
  async function take(counters: readonly Counter[]): Promise<void> {
    const values = await Promise.all(counters.map((c) => store.increment(c.key, c.amount, c.windowMs)));
    const over = counters.find((c, i) => (values[i] ?? 0) > c.limit);
    if (!over) return;
    await Promise.all(counters.map((c) => store.increment(c.key, -c.amount, c.windowMs)));
    const retryAfter = Math.max(1, Math.ceil(((windowOf(over.windowMs) + 1) * over.windowMs - now()) / 1000));
    throw new RequestError(429, 'rate_limited', `Too many requests: ${over.what}. Try again in ${retryAfter} s.`, { headers: { 'Retry-After': String(retryAfter) } });
  }

  return {
    async countRequest(ip) {
      await take(counter('all:ip', ip, 1, limits.ip.allRequestsPerMinute, MINUTE, `more than ${limits.ip.allRequestsPerMinute} requests a minute from this address`));
    },
    async admitQuestion({ ip, caller, tokens }) {
      const visitor = visitorKey(caller);
      const reserve = Math.max(0, Math.ceil(tokens));
      const tokenCounters = [
        ...(visitor ? counter('tok:v', visitor, reserve, limits.visitor.tokensPerDay, DAY, `this visitor's ${limits.visitor.tokensPerDay} tokens a day are used up`) : []),
        ...counter('tok:ip', ip, reserve, limits.ip.tokensPerDay, DAY, `this address's ${limits.ip.tokensPerDay} tokens a day are used up`),
      ];
      await take([
        ...(visitor ? counter('q:v', visitor, 1, limits.visitor.requestsPerMinute, MINUTE, `more than ${limits.visitor.requestsPerMinute} questions a minute from this visitor`) : []),
        ...counter('q:ip', ip, 1, limits.ip.requestsPerMinute, MINUTE, `more than ${limits.ip.requestsPerMinute} questions a minute from this address`),
        ...tokenCounters,
      ]);
      let settled = false;
      return {
        async settle(usedTokens) {
          if (settled) return;
          settled = true;
          const change = Math.max(0, Math.ceil(usedTokens)) - reserve;
          if (change !== 0) await Promise.all(tokenCounters.map((c) => store.increment(c.key, change, c.windowMs)));
        },
      };
    },
  };
}
