/**
 * Test-only routes under `{base}/__test/`, without auth, never faulted and not counted:
 * the shared `faults`, `stats` and `reset`, the store's `state`, and the agent simulator
 * (`agent-reply`, `assign`, `close`, `rating`), so a browser page or a test in another
 * process can play the Dixa agent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpProblem, sendJson } from '../http-kit';
import { readJson } from '../json-body';
import { handleCommonTestRoute, onlyMethods, type CommonTestTargets } from '../test-routes-kit';
import type { AgentSimulator } from './agent-simulator';
import { UUID_PATTERN } from './params';
import type { DixaState } from './state';
import { conversationView, listedMessageView } from './views';

/** The prefix that sets the test routes apart from Dixa's `/v1` paths. */
export const TEST_PREFIX = '/__test';

/** What the test routes operate on. */
export interface TestRouteTargets extends CommonTestTargets {
  state: DixaState;
  agent: AgentSimulator;
}

const conversationId = z.int().positive();
const agentId = z.string().regex(UUID_PATTERN).optional();
/** Strict bodies, so a typo is reported instead of ignored. */
const bodies = {
  reply: z.strictObject({ conversationId, text: z.string().min(1), agentId, contentType: z.enum(['Text', 'Html']).optional() }),
  assign: z.strictObject({ conversationId, agentId }),
  close: z.strictObject({ conversationId }),
  rating: z.strictObject({ conversationId, score: z.int().min(1).max(5), comment: z.string().optional(), status: z.string().min(1).optional(), language: z.string().min(1).optional() }),
};

/**
 * Returns a handler that answers a test route and resolves true, or resolves false when
 * `subPath` (the path below the base) is not under {@link TEST_PREFIX}.
 */
export function createTestRoutes(targets: TestRouteTargets) {
  const { state, agent } = targets;
  return async (subPath: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (!subPath.startsWith(`${TEST_PREFIX}/`)) return false;
    const name = subPath.slice(TEST_PREFIX.length + 1);
    // The shared kit serves `/__faults`, `/__stats` and `/__reset`: the same controls under this prefix.
    if (['faults', 'stats', 'reset'].includes(name) && (await handleCommonTestRoute(`/__${name}`, req, res, targets, { data: { reset: true } }))) return true;
    switch (name) {
      case 'state':
        onlyMethods(req, 'GET');
        sendJson(res, 200, state.snapshot());
        return true;
      case 'agent-reply': {
        onlyMethods(req, 'POST');
        const { conversation, message } = agent.reply(await readJson(req, bodies.reply));
        sendJson(res, 200, { data: listedMessageView(conversation, message) });
        return true;
      }
      case 'assign':
        onlyMethods(req, 'POST');
        sendJson(res, 200, { data: conversationView(state, agent.assign(await readJson(req, bodies.assign))) });
        return true;
      case 'close':
        onlyMethods(req, 'POST');
        sendJson(res, 200, { data: conversationView(state, agent.close(await readJson(req, bodies.close))) });
        return true;
      case 'rating':
        onlyMethods(req, 'POST');
        sendJson(res, 200, { data: agent.rate(await readJson(req, bodies.rating)) });
        return true;
      default:
        throw new HttpProblem(404, `No test route ${subPath}; see demo/server/dixa/README.md.`);
    }
  };
}
