/**
 * The read-only views of one conversation (contracts/dixa.md §3.11, §3.12, §3.15, §3.16,
 * §3.17) and of the organisation (§3.13 activity log, §3.14 flows, §6.16).
 */
import { REASONS, badRequest } from './dixa-error';
import { channelQuery, checkPageKey, dateQuery, pageLimitQuery } from './params';
import { conversationIdOf, findConversation, ok, route, type DixaRoute, type RouteContext } from './route-types';
import { activityView, conversationView } from './views';

function getConversation(ctx: RouteContext) {
  return ok(conversationView(ctx.app.state, findConversation(ctx, conversationIdOf(ctx))));
}

/** No 404 is listed for this one (§3.12): an unknown conversation has an empty log. */
function conversationLog(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const conversation = id === undefined ? undefined : ctx.app.state.conversations.get(id);
  return ok((conversation?.activity ?? []).map(activityView));
}

/** The conversations whose `link.parentId` is this one. */
function linked(ctx: RouteContext) {
  const { state } = ctx.app;
  const parent = findConversation(ctx, conversationIdOf(ctx));
  const children = [...state.conversations.values()].filter((c) => c.link?.parentId === parent.id);
  return ok(children.map((c) => conversationView(state, c)));
}

function ratings(ctx: RouteContext) {
  return ok(findConversation(ctx, conversationIdOf(ctx)).ratings.map((rating) => ({ ...rating, timestamps: { ...rating.timestamps } })));
}

function tags(ctx: RouteContext) {
  const conversation = findConversation(ctx, conversationIdOf(ctx));
  return ok(conversation.tags.flatMap((id) => {
    const tag = ctx.app.state.tag(id);
    return tag ? [{ id: tag.id, name: tag.name, state: tag.state }] : [];
  }));
}

/**
 * Every conversation's entries within [fromDatetime, toDatetime], oldest first; `pageLimit`
 * truncates and no next-page key is given (GAP 6). from after to is the source's
 * `Validation failure when retrieving data`.
 */
function organizationLog(ctx: RouteContext) {
  const { query } = ctx;
  const from = dateQuery(query, 'fromDatetime');
  const to = dateQuery(query, 'toDatetime');
  const limit = pageLimitQuery(query);
  checkPageKey(query);
  if (from !== undefined && to !== undefined && from > to) throw badRequest(REASONS.retrieval);
  const entries = [...ctx.app.state.conversations.values()]
    .flatMap((c) => c.activity)
    .filter((entry) => {
      const at = Date.parse(entry.activityTimestamp);
      return (from === undefined || at >= from) && (to === undefined || at <= to);
    })
    .sort((a, b) => Date.parse(a.activityTimestamp) - Date.parse(b.activityTimestamp));
  return ok(entries.slice(0, limit).map(activityView));
}

/** The flows of one channel, PstnPhone by default (§3.14). */
function flows(ctx: RouteContext) {
  const channel = channelQuery(ctx.query);
  return ok(ctx.app.state.fixture.flows.filter((flow) => flow.channel === channel).map((flow) => ({ ...flow })));
}

/** The literal `flows` and `activitylog` routes; they must be matched before `{conversationId}` (§1.1). */
export const organizationRoutes: DixaRoute[] = [
  route('GET', '/v1/conversations/flows', flows),
  route('GET', '/v1/conversations/activitylog', organizationLog),
];

/** §3.11, §3.12, §3.15, §3.16, §3.17 */
export const readRoutes: DixaRoute[] = [
  route('GET', '/v1/conversations/{conversationId}', getConversation),
  route('GET', '/v1/conversations/{conversationId}/activitylog', conversationLog),
  route('GET', '/v1/conversations/{conversationId}/linked', linked),
  route('GET', '/v1/conversations/{conversationId}/rating', ratings),
  route('GET', '/v1/conversations/{conversationId}/tags', tags),
];
