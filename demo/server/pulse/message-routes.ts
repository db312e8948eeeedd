/**
 * Message endpoints: feedback (§8), next suggested questions (§9) and the history of a
 * conversation with `first_id` cursor pagination (§10). All are scoped by `user`.
 */
import { NOT_FOUND, PulseError, invalidParam, notFound } from './pulse-error';
import { toMessageObject } from './records';
import { feedbackBody, optionalUuid, parseBody, parseLimit, pathUuid, requireUser } from './request-schemas';
import { param, type PulseRoute, type RouteContext } from './route-types';

/** Dify's message when withdrawing a rating that was never given (§8). */
export const NO_FEEDBACK_TO_WITHDRAW = 'rating cannot be None when feedback not exists';

/** Sets, overwrites or (with a null rating) withdraws the rating of a message. */
function feedback(ctx: RouteContext): unknown {
  const id = pathUuid(param(ctx, 'message_id'), NOT_FOUND.message);
  const input = parseBody(feedbackBody, ctx.body);
  const found = ctx.app.state.message(input.user, id);
  if (!found) throw notFound(NOT_FOUND.message);
  const rating = input.rating ?? null;
  if (rating === null) {
    if (!found.message.feedback) throw invalidParam('rating', NO_FEEDBACK_TO_WITHDRAW);
    found.message.feedback = null;
  } else {
    found.message.feedback = { rating, content: input.content ?? null, updated_at: ctx.app.nowSeconds() };
  }
  return { result: 'success' };
}

/** Three follow-up questions derived from the answer, unless the app disabled them. */
function suggested(ctx: RouteContext): unknown {
  const id = pathUuid(param(ctx, 'message_id'), NOT_FOUND.message);
  const user = requireUser(ctx.query);
  const found = ctx.app.state.message(user, id);
  if (!found) throw notFound(NOT_FOUND.message);
  if (!ctx.app.settings.parameters.suggested_questions_after_answer.enabled) {
    throw new PulseError(400, 'bad_request', 'Suggested Questions Is Disabled.');
  }
  return { result: 'success', data: ctx.app.settings.suggest(found.message.query, found.message.answer) };
}

/**
 * The newest `limit` messages older than `first_id` (or the newest overall), oldest
 * first within the page, as Dify's `pagination_by_first_id` returns them (§10).
 */
function history(ctx: RouteContext): unknown {
  const { query } = ctx;
  const user = requireUser(query);
  const conversationId = optionalUuid(query.get('conversation_id'), 'conversation_id');
  if (conversationId === undefined) throw invalidParam('conversation_id', 'conversation_id is required');
  const firstId = optionalUuid(query.get('first_id'), 'first_id');
  const limit = parseLimit(query);
  const conversation = ctx.app.state.conversation(user, conversationId);
  if (!conversation) throw notFound(NOT_FOUND.conversation);

  const messages = conversation.messages;
  let end = messages.length;
  if (firstId !== undefined) {
    end = messages.findIndex((m) => m.id === firstId);
    if (end === -1) throw notFound(NOT_FOUND.firstMessage);
  }
  const start = Math.max(0, end - limit);
  return { limit, has_more: start > 0, data: messages.slice(start, end).map(toMessageObject) };
}

/** The message routes, relative to the base path. */
export const messageRoutes: PulseRoute[] = [
  { method: 'POST', pattern: '/messages/{message_id}/feedbacks', run: feedback },
  { method: 'GET', pattern: '/messages/{message_id}/suggested', run: suggested },
  { method: 'GET', pattern: '/messages', run: history },
];
