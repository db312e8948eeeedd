/**
 * Test-only routes under the base path, without auth and never faulted, like the
 * analytics server's: `__faults`, `__stats`, `__reset`, `__state`, plus `__script`, which
 * picks how the next `/chat-messages` requests behave.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from '../http-kit';
import { readJson } from '../json-body';
import { handleCommonTestRoute, onlyMethods, type CommonTestTargets } from '../test-routes-kit';
import { SCRIPT_MODES, type ScriptMode } from './script-modes';
import type { PulseState } from './state';

/** What the test routes operate on. */
export interface TestRouteTargets extends CommonTestTargets {
  state: PulseState;
  script(mode: ScriptMode): void;
}

/** `POST __script` body; strict so a typo is reported, not ignored. */
const scriptBody = z.strictObject({ mode: z.enum(SCRIPT_MODES) });

/**
 * Returns a handler that answers a test route and resolves true, or resolves false when
 * `subPath` (the path below the base) is not one.
 */
export function createTestRoutes(targets: TestRouteTargets) {
  return async (subPath: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (await handleCommonTestRoute(subPath, req, res, targets, { result: 'success' })) return true;
    switch (subPath) {
      case '/__state':
        onlyMethods(req, 'GET');
        sendJson(res, 200, targets.state.snapshot());
        return true;
      case '/__script':
        onlyMethods(req, 'GET', 'POST');
        if (req.method === 'POST') targets.script((await readJson(req, scriptBody)).mode);
        sendJson(res, 200, { pending: [...targets.state.scripts] });
        return true;
      default:
        return false;
    }
  };
}
