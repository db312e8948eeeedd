/**
 * Test-only routes under the base path, without auth and never faulted: the common ones
 * (`__faults`, `__stats`, `__reset`), `__state` and `__log`. They let a browser page or a test
 * in another process drive and inspect the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpProblem, sendJson } from '../http-kit';
import { handleCommonTestRoute, onlyMethods, type CommonTestTargets } from '../test-routes-kit';
import { toConversationResponse } from './records';
import type { RequestLog } from './request-log';
import type { AnalyticsState } from './state';

/** What the test routes operate on. */
export interface TestRouteTargets extends CommonTestTargets {
  state: AnalyticsState;
  requestLog: RequestLog;
}

/** `after` of `GET __log`: digits only, like the API's paging. */
function afterParam(req: IncomingMessage): number {
  const raw = new URL(req.url ?? '/', 'http://localhost').searchParams.get('after');
  if (raw === null) return 0;
  if (!/^\d+$/.test(raw)) throw new HttpProblem(400, `Query parameter after must be an integer ≥ 0; got "${raw}".`);
  return Number(raw);
}

/**
 * Returns a handler that answers a test route and resolves true, or resolves false
 * when `subPath` (the path below the base) is not one.
 */
export function createTestRoutes(targets: TestRouteTargets) {
  return async (subPath: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (await handleCommonTestRoute(subPath, req, res, targets, { success: true, message: 'State, stats and faults cleared' })) return true;
    if (subPath === '/__log') {
      onlyMethods(req, 'GET');
      sendJson(res, 200, { writes: targets.requestLog.entries(afterParam(req)) });
      return true;
    }
    if (subPath !== '/__state') return false;
    onlyMethods(req, 'GET');
    const { conversations, feedback, events, deleted } = targets.state.snapshot();
    sendJson(res, 200, { conversations: conversations.map(toConversationResponse), feedback, events, deleted });
    return true;
  };
}
