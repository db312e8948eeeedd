/**
 * Test-only routes of the chat server, without auth and never faulted: `__faults`,
 * `__stats`, `__reset`, `__config` (stream pace) and `__script` (how the next
 * completions misbehave). A browser page or a test in another process drives the server
 * through them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from '../http-kit';
import { readJson } from '../json-body';
import { handleCommonTestRoute, onlyMethods, type CommonTestTargets } from '../test-routes-kit';
import { scriptSchema, type ScriptQueue } from './chat-scripts';

/** The server's live settings that `__config` reads and changes. */
export interface ChatConfig {
  /** Pause between streamed chunks, in milliseconds. */
  tokenDelayMs: number;
}

/** What the test routes operate on. */
export interface ChatTestTargets extends CommonTestTargets {
  scripts: ScriptQueue;
  config(): ChatConfig;
  configure(change: { tokenDelayMs?: number | undefined }): ChatConfig;
}

const configSchema = z.strictObject({ tokenDelayMs: z.int().min(0).max(60_000).optional() });

/**
 * Returns a handler that answers a test route and resolves true, or resolves false when
 * `subPath` (the path below the base) is not one.
 */
export function createChatTestRoutes(targets: ChatTestTargets) {
  return async (subPath: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (await handleCommonTestRoute(subPath, req, res, targets, { success: true, message: 'Stats, faults, scripts and config reset' })) return true;
    switch (subPath) {
      case '/__config':
        onlyMethods(req, 'GET', 'POST');
        sendJson(res, 200, req.method === 'POST' ? targets.configure(await readJson(req, configSchema)) : targets.config());
        return true;
      case '/__script':
        onlyMethods(req, 'GET', 'POST', 'DELETE');
        if (req.method === 'POST') targets.scripts.push(await readJson(req, scriptSchema));
        if (req.method === 'DELETE') targets.scripts.clear();
        sendJson(res, 200, { pending: targets.scripts.pending() });
        return true;
      default:
        return false;
    }
  };
}
