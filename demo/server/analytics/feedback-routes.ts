/**
 * Feedback endpoints: upsert by id, list split into positive and negative with each
 * item's conversation and message, get, and delete.
 */
import { HttpProblem } from '../http-kit';
import { readJson } from '../json-body';
import { byRecency, findMessage, parsePaging } from './queries';
import { definedOnly, normalizeTime, toConversationResponse, type FeedbackRecord } from './records';
import { versionOf } from './request-log';
import { param, type AnalyticsRoute, type RouteContext } from './route-types';
import { feedbackCreateSchema } from './schemas';

/**
 * FeedbackWithContext, or undefined when the message is not logged: the contract makes
 * `conversation` and `message` required, so such feedback cannot be shown with context.
 */
function withContext(ctx: RouteContext, feedback: FeedbackRecord): unknown {
  const found = findMessage(ctx.state, feedback.messageId);
  if (!found) return undefined;
  return { ...feedback, conversation: toConversationResponse(found.conversation), message: found.message };
}

/** POST /feedback: `id` present → replace that feedback (keeping createdAt), absent → new. */
async function upsert(ctx: RouteContext): Promise<unknown> {
  const { id: givenId, createdAt, updatedAt, ...fields } = await readJson(ctx.req, feedbackCreateSchema);
  const id = givenId ?? ctx.newId('fb');
  const previous = ctx.state.feedback.get(id);
  const stamp = ctx.now();
  const record: FeedbackRecord = {
    id,
    ...definedOnly(fields),
    createdAt: normalizeTime(createdAt) ?? previous?.createdAt ?? stamp,
    updatedAt: normalizeTime(updatedAt) ?? stamp,
  };
  ctx.state.feedback.delete(id);
  ctx.state.feedback.set(id, record);
  ctx.state.changed();
  const conversationId = findMessage(ctx.state, record.messageId)?.conversation.id ?? null;
  ctx.applied({ id, conversationId, version: versionOf(fields.properties), messageIds: [record.messageId] });
  return record;
}

function list(ctx: RouteContext): unknown {
  const { limit, offset } = parsePaging(ctx.query, 10);
  const positive: unknown[] = [];
  const negative: unknown[] = [];
  for (const feedback of byRecency(ctx.state.feedback)) {
    const item = withContext(ctx, feedback);
    if (item !== undefined) (feedback.type === 'positive' ? positive : negative).push(item);
  }
  return {
    positiveFeedbackCount: positive.length,
    negativeFeedbackCount: negative.length,
    positiveFeedback: positive.slice(offset, offset + limit),
    negativeFeedback: negative.slice(offset, offset + limit),
  };
}

function get(ctx: RouteContext): unknown {
  const id = param(ctx, 'id');
  const feedback = ctx.state.feedback.get(id);
  if (!feedback) throw new HttpProblem(404, `Feedback ${id} not found`);
  const item = withContext(ctx, feedback);
  if (item === undefined) {
    throw new HttpProblem(404, `Feedback ${id} refers to message ${feedback.messageId}, which is not logged`);
  }
  return item;
}

function remove(ctx: RouteContext): unknown {
  const id = param(ctx, 'id');
  const feedback = ctx.state.feedback.get(id);
  if (!feedback) throw new HttpProblem(404, `Feedback ${id} not found`);
  ctx.state.feedback.delete(id);
  ctx.state.changed();
  const conversationId = findMessage(ctx.state, feedback.messageId)?.conversation.id ?? null;
  ctx.applied({ id, conversationId, version: null, messageIds: [feedback.messageId] });
  return { success: true, message: `Feedback ${id} deleted` };
}

/** The feedback routes, relative to the server's base path. */
export const feedbackRoutes: AnalyticsRoute[] = [
  { method: 'POST', pattern: '/feedback', access: 'web', run: upsert },
  { method: 'GET', pattern: '/feedback', access: 'api', run: list },
  { method: 'GET', pattern: '/feedback/{id}', access: 'api', run: get },
  { method: 'DELETE', pattern: '/feedback/{id}', access: 'api', run: remove },
];
