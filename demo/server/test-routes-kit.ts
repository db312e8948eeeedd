/**
 * The test routes every reference server has, under its base path: `__faults` (the fault
 * controls), `__stats` and `__reset`. Each server adds its own (`__state`, `__script`, …).
 * Errors are thrown as HttpProblem, which each server answers in its own API's shape.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from './faults';
import { handleFaultsControl } from './faults-control';
import { HttpProblem, sendJson } from './http-kit';
import type { Stats } from './stats';

/** What the common test routes operate on. */
export interface CommonTestTargets {
  faults: Faults;
  stats: Stats;
  reset(): void;
}

/** Refuses any method but `allowed`, with a 405 and an `Allow` header. */
export function onlyMethods(req: IncomingMessage, ...allowed: string[]): void {
  if (!allowed.includes(req.method ?? '')) {
    throw new HttpProblem(405, `${req.method ?? ''} is not allowed here; use ${allowed.join(' or ')}.`, { Allow: allowed.join(', ') });
  }
}

/**
 * Answers `__faults`, `__stats` or `__reset` and resolves true, or resolves false for any
 * other path. `resetBody` is what `__reset` answers, in the server's own style.
 */
export async function handleCommonTestRoute(subPath: string, req: IncomingMessage, res: ServerResponse, targets: CommonTestTargets, resetBody: unknown): Promise<boolean> {
  switch (subPath) {
    case '/__faults':
      await handleFaultsControl(targets.faults, req, res);
      return true;
    case '/__stats':
      onlyMethods(req, 'GET');
      sendJson(res, 200, targets.stats.snapshot());
      return true;
    case '/__reset':
      onlyMethods(req, 'POST');
      targets.reset();
      sendJson(res, 200, resetBody);
      return true;
    default:
      return false;
  }
}
