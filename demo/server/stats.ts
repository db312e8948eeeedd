/**
 * Request counters for tests and the inspector page: how many requests reached
 * routing, per route and per outcome.
 */
import type { ServerResponse } from 'node:http';

/** The counters, as reported by `GET __stats`. */
export interface StatsSnapshot {
  requests: number;
  /** Keyed by `METHOD /route/{param}`, e.g. `POST /conversations`. */
  byRoute: Record<string, number>;
  /** Keyed by status code, plus `dropped` for requests closed without a response. */
  byStatus: Record<string, number>;
}

/** Request counters. */
export interface Stats {
  /** Counts one request under `route`, and its outcome once the response ends or the socket closes. */
  track(route: string, res: ServerResponse): void;
  snapshot(): StatsSnapshot;
  reset(): void;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Creates zeroed counters. */
export function createStats(): Stats {
  let requests = 0;
  let byRoute: Record<string, number> = {};
  let byStatus: Record<string, number> = {};
  let generation = 0;

  return {
    track(route, res) {
      requests += 1;
      bump(byRoute, route);
      // An outcome that lands after a reset belongs to the old generation: skip it.
      const mine = generation;
      res.on('close', () => {
        if (mine !== generation) return;
        bump(byStatus, res.writableFinished ? String(res.statusCode) : 'dropped');
      });
    },
    snapshot() {
      return { requests, byRoute: { ...byRoute }, byStatus: { ...byStatus } };
    },
    reset() {
      requests = 0;
      byRoute = {};
      byStatus = {};
      generation += 1;
    },
  };
}
