/**
 * Conversation endpoints: the upsert of a full history, list, get, get by external id,
 * and delete (which also removes the feedback on the deleted messages).
 */
import { HttpProblem } from '../http-kit';
import { readJson } from '../json-body';
import { byRecency, findMessage, parsePaging } from './queries';
import {
  definedOnly,
  normalizeTime,
  toConversationResponse,
  type ConversationRecord,
  type MessageRecord,
} from './records';
import { versionOf } from './request-log';
import { param, type AnalyticsRoute, type RouteContext } from './route-types';
import { createConversationSchema, type OpenAIMessageInput, type SupportMessageInput } from './schemas';

/** Duplicate message ids in one history would make feedback ambiguous: refuse them. */
function assertUniqueIds(messages: ReadonlyArray<{ id?: string | undefined }>): void {
  const seen = new Map<string, number>();
  for (const [i, m] of messages.entries()) {
    if (m.id === undefined) continue;
    const first = seen.get(m.id);
    if (first !== undefined) {
      throw new HttpProblem(422, `Invalid request body: messages[${i}].id: duplicates messages[${first}].id ("${m.id}")`);
    }
    seen.set(m.id, i);
  }
}

/** POST /conversations: the full message list replaces the stored one; ids sent are kept. */
async function upsert(ctx: RouteContext): Promise<unknown> {
  const input = await readJson(ctx.req, createConversationSchema);
  const messages: ReadonlyArray<OpenAIMessageInput | SupportMessageInput> = input.messages;
  assertUniqueIds(messages);
  const id = input.id ?? ctx.newId('conv');
  const previous = ctx.state.conversations.get(id);
  const before = new Map((previous?.messages ?? []).map((m) => [m.id, m]));
  const stamp = ctx.now();

  const toMessage = (m: OpenAIMessageInput | SupportMessageInput): MessageRecord => {
    const { id: givenId, externalId, externalUrl, createdAt, updatedAt, role, content, ...optional } = m;
    const messageId = givenId ?? ctx.newId('msg');
    return {
      id: messageId,
      type: input.type,
      conversationId: id,
      role,
      content: content ?? null,
      externalId: externalId ?? null,
      externalUrl: externalUrl ?? null,
      // A message keeps its first-seen time across upserts unless the client sends one.
      createdAt: normalizeTime(createdAt) ?? before.get(messageId)?.createdAt ?? stamp,
      updatedAt: normalizeTime(updatedAt) ?? stamp,
      ...definedOnly(optional),
    };
  };

  const { type, externalId, externalUrl, supportTicketConversationId, createdAt, updatedAt } = input;
  const { projectId, integrationId, visibility, properties, userProperties, tags } = input;
  const record: ConversationRecord = {
    id,
    type,
    externalId: externalId ?? null,
    externalUrl: externalUrl ?? null,
    supportTicketConversationId: supportTicketConversationId ?? null,
    createdAt: normalizeTime(createdAt) ?? previous?.createdAt ?? stamp,
    updatedAt: normalizeTime(updatedAt) ?? stamp,
    projectId: projectId ?? null,
    integrationId: integrationId ?? null,
    visibility: visibility ?? null,
    ...definedOnly({ properties, userProperties, tags }),
    messages: messages.map(toMessage),
  };
  // Re-insert so map order stays "least recently written first" (see AnalyticsState).
  ctx.state.conversations.delete(id);
  ctx.state.conversations.set(id, record);
  ctx.state.changed();
  ctx.applied({ id, conversationId: id, version: versionOf(properties), messageIds: record.messages.map((m) => m.id) });
  return toConversationResponse(record);
}

function list(ctx: RouteContext): unknown {
  const { limit, offset } = parsePaging(ctx.query, 20);
  const all = byRecency(ctx.state.conversations);
  const page = all.slice(offset, offset + limit);
  return { conversations: page.map(toConversationResponse), total: all.length, pageSize: limit, count: page.length };
}

function get(ctx: RouteContext): unknown {
  const id = param(ctx, 'id');
  const record = ctx.state.conversations.get(id);
  if (!record) throw new HttpProblem(404, `Conversation ${id} not found`);
  return toConversationResponse(record);
}

function getByExternalId(ctx: RouteContext): unknown {
  const externalId = param(ctx, 'externalId');
  const record = byRecency(ctx.state.conversations).find((c) => c.externalId === externalId);
  if (!record) throw new HttpProblem(404, `No conversation has externalId ${externalId}`);
  return toConversationResponse(record);
}

function remove(ctx: RouteContext): unknown {
  const id = param(ctx, 'id');
  const record = ctx.state.conversations.get(id);
  if (!record) throw new HttpProblem(404, `Conversation ${id} not found`);
  ctx.state.conversations.delete(id);
  const messageIds = new Set(record.messages.map((m) => m.id));
  for (const [feedbackId, feedback] of ctx.state.feedback) {
    // Feedback follows its message; a message id another conversation still holds keeps it.
    if (messageIds.has(feedback.messageId) && !findMessage(ctx.state, feedback.messageId)) {
      ctx.state.feedback.delete(feedbackId);
    }
  }
  ctx.state.deleted.push({ id, deletedAt: ctx.now() });
  ctx.state.changed();
  ctx.applied({ id, conversationId: id, version: null, messageIds: [...messageIds] });
  return { success: true, message: `Conversation ${id} deleted` };
}

/** The conversation routes, relative to the server's base path. */
export const conversationRoutes: AnalyticsRoute[] = [
  { method: 'POST', pattern: '/conversations', access: 'web', run: upsert },
  { method: 'GET', pattern: '/conversations', access: 'api', run: list },
  { method: 'GET', pattern: '/conversations/external/{externalId}', access: 'api', run: getByExternalId },
  { method: 'GET', pattern: '/conversations/{id}', access: 'web', run: get },
  { method: 'DELETE', pattern: '/conversations/{id}', access: 'web', run: remove },
];
