import { systemClock, type Clock } from '../clock';
import { HttpError, toConfabError, type ConfabError } from '../http/errors';
import type { HandoffEvent, HandoffEvents } from './handoff-answers';
import type { HandoffClient } from './handoff-client';

/** Options of {@link createHandoffPoller}. */
export interface HandoffPollerOptions {
  client: Pick<HandoffClient, 'events'>;
  conversationId: string;
  /** Called with every answer, its events narrowed to the ones this poller has not handed out before. */
  onEvents(events: HandoffEvent[], answer: HandoffEvents): void | Promise<void>;
  /** A failed poll (it is retried), or the end: `handoff_not_found` / `handoff_off` stop the polling. */
  onError(error: ConfabError, stopped: boolean): void;
  clock?: Clock | undefined;
  /** When the server gives no `pollAfterMs`. Default 30 s. */
  idleMs?: number | undefined;
  /** The first wait after a failed poll, doubled per failure up to `maxBackoffMs`. Default 2 s, 60 s. */
  backoffMs?: number | undefined;
  maxBackoffMs?: number | undefined;
}

/** Polls one handoff's events. */
export interface HandoffPoller {
  /** Asks now (when nothing is under way), then as the server says. */
  wake(): void;
  stop(): void;
  readonly stopped: boolean;
}

/** Codes after which polling cannot bring anything: the server has no such handoff. */
const FINAL = new Set(['handoff_not_found', 'handoff_off']);

/**
 * Polls `GET /handoff/{id}/events?after=cursor` as the server asks (`pollAfterMs`: 3 s
 * while something happens, slower when quiet, `null` once over), backing off exponentially
 * (or as `Retry-After` says) while polls fail. Each event id is handed out once: a `reset`
 * (the server lost its events) or an answer read twice never repeats one.
 */
export function createHandoffPoller(options: HandoffPollerOptions): HandoffPoller {
  const clock = options.clock ?? systemClock;
  const idleMs = options.idleMs ?? 30_000;
  const backoffMs = options.backoffMs ?? 2_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const seen = new Set<string>();
  let cursor = '0';
  let failures = 0;
  let timer: unknown;
  let running = false;
  let stopped = false;
  let again = false;

  function schedule(ms: number) {
    clock.clearTimeout(timer);
    if (!stopped) timer = clock.setTimeout(poll, ms);
  }

  async function poll() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    clock.clearTimeout(timer);
    let next: number | null = idleMs;
    try {
      const answer = await options.client.events(options.conversationId, cursor);
      failures = 0;
      cursor = answer.cursor;
      const fresh = answer.events.filter((event) => !seen.has(event.id));
      for (const event of fresh) seen.add(event.id);
      await options.onEvents(fresh, answer);
      next = answer.pollAfterMs === undefined ? idleMs : answer.pollAfterMs;
    } catch (problem) {
      const error = toConfabError(problem);
      const final = error instanceof HttpError && FINAL.has(error.code);
      if (final) stopped = true;
      options.onError(error, final);
      const retryAfterMs = error instanceof HttpError ? error.retryAfterMs : undefined;
      next = retryAfterMs ?? Math.min(maxBackoffMs, backoffMs * 2 ** failures++);
    } finally {
      running = false;
    }
    if (next === null) stopped = true;
    else if (again) {
      again = false;
      schedule(0);
    } else schedule(next);
  }

  return {
    wake: () => void poll(),
    stop() {
      stopped = true;
      clock.clearTimeout(timer);
    },
    get stopped() {
      return stopped;
    },
  };
}
