/**
 * The API routes of the chat server below its base path: `POST /chat/completions` and
 * `GET /models`, with OpenAI's 404 and 405 answers and the optional key check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-kit';
import { matchRoute, type RouteLookup, type RoutePattern } from '../router';
import { checkApiKey } from './chat-auth';
import { handleCompletion, type CompletionContext } from './completions-route';
import { localModels } from './models-route';
import { OpenAiError } from './openai-error';

const routes: RoutePattern[] = [
  { method: 'POST', pattern: '/chat/completions' },
  { method: 'GET', pattern: '/models' },
];

/** Finds the route of `method` and `subPath`; its `label` keys the request counters. */
export function lookupChatRoute(method: string, subPath: string): RouteLookup<RoutePattern> {
  return matchRoute(routes, method, subPath);
}

/**
 * Answers a request whose route was looked up (and whose faults were applied): 404 or
 * 405 in OpenAI's shape, then the key check, then the route. `path` is the full path,
 * for messages.
 */
export async function runChatRoute(
  req: IncomingMessage,
  res: ServerResponse,
  lookup: RouteLookup<RoutePattern>,
  path: string,
  ctx: CompletionContext & { apiKeys: readonly string[] },
): Promise<void> {
  const method = req.method ?? 'GET';
  if (lookup.kind === 'not_found') throw new OpenAiError(404, `Invalid URL (${method} ${path})`, { code: 'unknown_url' });
  if (lookup.kind === 'method_not_allowed') {
    const allow = lookup.allow.join(', ');
    throw new OpenAiError(405, `${method} is not allowed on ${path}; use ${allow}.`, { code: 'method_not_allowed', headers: { Allow: allow } });
  }
  checkApiKey(req, ctx.apiKeys);
  if (lookup.route.pattern === '/models') return sendJson(res, 200, localModels());
  return handleCompletion(req, res, ctx);
}
