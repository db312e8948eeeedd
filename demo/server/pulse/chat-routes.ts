/**
 * `POST /chat-messages` (§4, §5) and `POST /chat-messages/{task_id}/stop` (§6).
 */
import { answerBlocking } from './blocking-turn';
import { normalizeUuid } from './ids';
import { NOT_FOUND, PulseError, notFound } from './pulse-error';
import { chatMessageBody, optionalUuid, parseBody, userBody } from './request-schemas';
import { param, type PulseRoute, type RouteContext } from './route-types';
import { runStream } from './run-stream';
import { startTurn } from './turn';

/** What `pre-stream-error` answers: a quota error, one of §4.6's pre-stream failures. */
export const PRE_STREAM_ERROR = {
  status: 400,
  code: 'provider_quota_exceeded',
  message:
    'Your quota for Dify Hosted Model Provider has been exhausted. Please go to Settings -> Model Provider to complete your own provider credentials.',
} as const;

/** What `rate-limit` answers (§3.2 `too_many_requests`). */
export const RATE_LIMIT_ERROR = { status: 429, code: 'too_many_requests', message: 'Too many requests. Please try again later.' } as const;

/**
 * Validates, then either answers a pre-stream error (JSON, §4.6) or runs the turn. A
 * pending script is taken only by a request that passed validation and the conversation
 * lookup, so a rejected request never uses it up.
 */
async function sendMessage(ctx: RouteContext): Promise<unknown> {
  const { app } = ctx;
  const input = parseBody(chatMessageBody, ctx.body);
  const conversationId = optionalUuid(input.conversation_id, 'conversation_id');
  const conversation = conversationId === undefined ? undefined : app.state.conversation(input.user, conversationId);
  if (conversationId !== undefined && !conversation) throw notFound(NOT_FOUND.conversation);

  const mode = app.state.scripts.shift();
  if (mode === 'pre-stream-error') throw new PulseError(PRE_STREAM_ERROR.status, PRE_STREAM_ERROR.code, PRE_STREAM_ERROR.message);
  if (mode === 'rate-limit') throw new PulseError(RATE_LIMIT_ERROR.status, RATE_LIMIT_ERROR.code, RATE_LIMIT_ERROR.message);

  const turn = startTurn(app, {
    user: input.user,
    query: input.query,
    inputs: input.inputs,
    conversation,
    autoName: input.auto_generate_name !== false,
  });
  // §4.1: without response_mode the server behaves as blocking.
  if (input.response_mode !== 'streaming') return answerBlocking(app, turn, mode, ctx.res);
  await runStream(app, turn, mode ?? 'chat', ctx.res);
  return undefined;
}

/** Always `{"result":"success"}`; sets the stop flag only for the task's own user (§6). */
function stop(ctx: RouteContext): unknown {
  const input = parseBody(userBody, ctx.body);
  const taskId = param(ctx, 'task_id');
  const task = ctx.app.state.tasks.get(normalizeUuid(taskId) ?? taskId);
  if (task?.user === input.user) task.stopped = true;
  return { result: 'success' };
}

/** The chat routes, relative to the base path. */
export const chatRoutes: PulseRoute[] = [
  { method: 'POST', pattern: '/chat-messages', run: sendMessage },
  { method: 'POST', pattern: '/chat-messages/{task_id}/stop', run: stop },
];
