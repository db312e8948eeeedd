/**
 * Test-only routes under the base path, without auth and never faulted, like the
 * analytics server's: `__faults`, `__stats`, `__reset`, `__state`, plus `__script`, which
 * picks how the next `/chat-messages` requests behave.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Faults } from '../faults';
import { handleFaultsControl } from '../faults-control';
import { sendJson } from '../http-kit';
import { readJson } from '../json-body';
import type { Stats } from '../stats';
import { PulseError } from './pulse-error';
import { SCRIPT_MODES, type ScriptMode } from './script-modes';
import type { PulseState } from './state';

/** What the test routes operate on. */
export interface TestRouteTargets {
  state: PulseState;
  stats: Stats;
  faults: Faults;
  reset(): void;
  script(mode: ScriptMode): void;
}

/** `POST __script` body; strict so a typo is reported, not ignored. */
const scriptBody = z.strictObject({ mode: z.enum(SCRIPT_MODES) });

/** Refuses any method but `allowed` with a 405. */
function only(req: IncomingMessage, ...allowed: string[]): void {
  if (!allowed.includes(req.method ?? '')) {
    throw new PulseError(405, 'method_not_allowed', 'The method is not allowed for the requested URL.', {
      headers: { Allow: allowed.join(', ') },
    });
  }
}

/**
 * Returns a handler that answers a test route and resolves true, or resolves false when
 * `subPath` (the path below the base) is not one.
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
        sendJson(res, 200, { result: 'success' });
        return true;
      case '/__state':
        only(req, 'GET');
        sendJson(res, 200, targets.state.snapshot());
        return true;
      case '/__script':
        only(req, 'GET', 'POST');
        if (req.method === 'POST') targets.script((await readJson(req, scriptBody)).mode);
        sendJson(res, 200, { pending: [...targets.state.scripts] });
        return true;
      default:
        return false;
    }
  };
}
