/**
 * Conversation endpoints: the list with `last_id` cursor pagination (§11), delete (§12)
 * and rename (§13). All are scoped by `user`: another user's conversation is "not found".
 */
import { NOT_FOUND, invalidParam, notFound } from './pulse-error';
import { toConversationObject, type ConversationRecord } from './records';
import { optionalUuid, parseBody, parseLimit, pathUuid, renameBody, requireUser, userBody } from './request-schemas';
import { param, type PulseRoute, type RouteContext } from './route-types';
import { generateName } from './turn';

/** Accepted `sort_by` values; `-` means descending (§11). */
const SORTS = ['created_at', '-created_at', 'updated_at', '-updated_at'] as const;
type Sort = (typeof SORTS)[number];

function isSort(value: string): value is Sort {
  return (SORTS as readonly string[]).includes(value);
}

/**
 * Orders by the timestamp, then by the matching sequence number: timestamps are whole
 * seconds, so several conversations of one test share them.
 */
function comparator(sort: Sort): (a: ConversationRecord, b: ConversationRecord) => number {
  const descending = sort.startsWith('-');
  const byCreated = sort.endsWith('created_at');
  return (a, b) => {
    const diff = byCreated
      ? a.created_at - b.created_at || a.created_seq - b.created_seq
      : a.updated_at - b.updated_at || a.updated_seq - b.updated_seq;
    return descending ? -diff : diff;
  };
}

/** One page after `last_id` in the chosen order. */
function list(ctx: RouteContext): unknown {
  const { query, app } = ctx;
  const user = requireUser(query);
  const lastId = optionalUuid(query.get('last_id'), 'last_id');
  const limit = parseLimit(query);
  const sort = query.get('sort_by') ?? '-updated_at';
  if (!isSort(sort)) throw invalidParam('sort_by', `sort_by must be one of ${SORTS.join(', ')}`);

  const mine = [...app.state.conversations.values()].filter((c) => c.user === user).sort(comparator(sort));
  let start = 0;
  if (lastId !== undefined) {
    // By position, not by timestamp: equal whole-second timestamps would skip items.
    const at = mine.findIndex((c) => c.id === lastId);
    if (at === -1) throw notFound(NOT_FOUND.lastConversation);
    start = at + 1;
  }
  const page = mine.slice(start, start + limit);
  const introduction = app.settings.parameters.opening_statement;
  return { limit, has_more: start + limit < mine.length, data: page.map((c) => toConversationObject(c, introduction)) };
}

/** Deletes the conversation with its messages; 200 with a body or 204 per the `deleteStatus` option. */
function remove(ctx: RouteContext): unknown {
  const id = pathUuid(param(ctx, 'conversation_id'), NOT_FOUND.conversation);
  const input = parseBody(userBody, ctx.body);
  const { app } = ctx;
  if (!app.state.conversation(input.user, id)) throw notFound(NOT_FOUND.conversation);
  app.state.conversations.delete(id);
  if (app.settings.deleteStatus === 200) return { result: 'success' };
  ctx.res.statusCode = 204;
  ctx.res.end();
  return undefined;
}

/** Sets the name, or generates one from the first query when `auto_generate` is true. */
function rename(ctx: RouteContext): unknown {
  const id = pathUuid(param(ctx, 'conversation_id'), NOT_FOUND.conversation);
  const input = parseBody(renameBody, ctx.body);
  const { app } = ctx;
  const conversation = app.state.conversation(input.user, id);
  if (!conversation) throw notFound(NOT_FOUND.conversation);
  if (input.auto_generate === true) {
    conversation.name = generateName(conversation.messages[0]?.query ?? '');
  } else if (typeof input.name === 'string' && input.name.trim() !== '') {
    conversation.name = input.name;
  } else {
    throw invalidParam('name', 'name is required when auto_generate is false');
  }
  app.state.touch(conversation, app.nowSeconds());
  return toConversationObject(conversation, app.settings.parameters.opening_statement);
}

/** The conversation routes, relative to the base path. */
export const conversationRoutes: PulseRoute[] = [
  { method: 'GET', pattern: '/conversations', run: list },
  { method: 'DELETE', pattern: '/conversations/{conversation_id}', run: remove },
  { method: 'POST', pattern: '/conversations/{conversation_id}/name', run: rename },
];
