/**
 * Test-only routes of the chat server, without auth and never faulted: `__faults`,
 * `__stats`, `__reset`, `__config` (stream pace) and `__script` (how the next
 * completions misbehave). A browser page or a test in another process drives the server
 * through them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Faults } from '../faults';
import { handleFaultsControl } from '../faults-control';
import { sendJson } from '../http-kit';
import { readJson } from '../json-body';
import type { Stats } from '../stats';
import { scriptSchema, type ScriptQueue } from './chat-scripts';
import { OpenAiError } from './openai-error';

/** The server's live settings that `__config` reads and changes. */
export interface ChatConfig {
  /** Pause between streamed chunks, in milliseconds. */
  tokenDelayMs: number;
}

/** What the test routes operate on. */
export interface ChatTestTargets {
  faults: Faults;
  stats: Stats;
  scripts: ScriptQueue;
  config(): ChatConfig;
  configure(change: { tokenDelayMs?: number | undefined }): ChatConfig;
  reset(): void;
}

const configSchema = z.strictObject({ tokenDelayMs: z.int().min(0).max(60_000).optional() });

/** Refuses any method but `methods`, with a 405 naming them. */
function only(req: IncomingMessage, ...methods: string[]): void {
  if (!methods.includes(req.method ?? '')) {
    throw new OpenAiError(405, `${req.method ?? ''} is not allowed here; use ${methods.join(' or ')}.`, {
      code: 'method_not_allowed',
      headers: { Allow: methods.join(', ') },
    });
  }
}

/**
 * Returns a handler that answers a test route and resolves true, or resolves false when
 * `subPath` (the path below the base) is not one.
 */
export function createChatTestRoutes(targets: ChatTestTargets) {
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
        sendJson(res, 200, { success: true, message: 'Stats, faults, scripts and config reset' });
        return true;
      case '/__config':
        only(req, 'GET', 'POST');
        sendJson(res, 200, req.method === 'POST' ? targets.configure(await readJson(req, configSchema)) : targets.config());
        return true;
      case '/__script':
        only(req, 'GET', 'POST', 'DELETE');
        if (req.method === 'POST') targets.scripts.push(await readJson(req, scriptSchema));
        if (req.method === 'DELETE') targets.scripts.clear();
        sendJson(res, 200, { pending: targets.scripts.pending() });
        return true;
      default:
        return false;
    }
  };
}
