/**
 * Test-only routes under the base path, without auth and never faulted: `__faults`,
 * `__stats`, `__reset` and `__state`. They let a browser page or a test in another
 * process drive and inspect the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from '../faults';
import { handleFaultsControl } from '../faults-control';
import { HttpProblem, sendJson } from '../http-kit';
import type { Stats } from '../stats';
import { toConversationResponse } from './records';
import type { AnalyticsState } from './state';

/** What the test routes operate on. */
export interface TestRouteTargets {
  state: AnalyticsState;
  stats: Stats;
  faults: Faults;
  reset(): void;
}

/** Refuses any method but `method`, with the 405 the API routes give too. */
function only(req: IncomingMessage, method: string): void {
  if (req.method !== method) {
    throw new HttpProblem(405, `${req.method ?? ''} is not allowed here; use ${method}.`, { Allow: method });
  }
}

/**
 * Returns a handler that answers a test route and resolves true, or resolves false
 * when `subPath` (the path below the base) is not one.
 */
export function createTestRoutes(targets: TestRouteTargets) {
  return async (subPath: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    switch (subPath) {
      case '/__faults':
        await handleFaultsControl(targets.faults, req, res);
        return true;
      case '/__stats':
        only(req, 'GET');
        sendJson(res, 200, targets.stats.snapshot());
        return true;
      case '/__reset':
        only(req, 'POST');
        targets.reset();
        sendJson(res, 200, { success: true, message: 'State, stats and faults cleared' });
        return true;
      case '/__state': {
        only(req, 'GET');
        const { conversations, feedback, events, deleted } = targets.state.snapshot();
        sendJson(res, 200, { conversations: conversations.map(toConversationResponse), feedback, events, deleted });
        return true;
      }
      default:
        return false;
    }
  };
}
