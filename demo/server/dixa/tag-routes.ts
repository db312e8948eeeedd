/**
 * Tag and untag (contracts/dixa.md §3.18, §3.19, §6.11): only Active tags go on; tagging
 * twice and untagging a tag that is not set both answer 204 (GAP 10).
 */
import { REASONS, badRequest, notFound } from './dixa-error';
import { uuidParam } from './params';
import type { TagRecord } from './records';
import { conversationIdOf, findConversation, noContent, route, type DixaRoute, type RouteContext } from './route-types';

/** The conversation and the tag of the path: P, then tagId, then the lookups. */
function target(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const tagId = uuidParam(ctx.params.tagId ?? '', REASONS.tagId);
  const conversation = findConversation(ctx, id);
  const tag: TagRecord | undefined = ctx.app.state.tag(tagId);
  if (!tag) throw notFound();
  return { conversation, tag };
}

/** An Inactive tag is refused with the tag endpoints' error sample text (§3.18 gives none). */
function tagConversation(ctx: RouteContext) {
  const { conversation, tag } = target(ctx);
  if (tag.state !== 'Active') throw badRequest(REASONS.invalidRequest);
  if (!conversation.tags.includes(tag.id)) {
    conversation.tags.push(tag.id);
    ctx.app.state.changed();
  }
  return noContent;
}

function untagConversation(ctx: RouteContext) {
  const { conversation, tag } = target(ctx);
  const at = conversation.tags.indexOf(tag.id);
  if (at !== -1) {
    conversation.tags.splice(at, 1);
    ctx.app.state.changed();
  }
  return noContent;
}

/** §3.18, §3.19 */
export const tagRoutes: DixaRoute[] = [
  route('PUT', '/v1/conversations/{conversationId}/tags/{tagId}', tagConversation),
  route('DELETE', '/v1/conversations/{conversationId}/tags/{tagId}', untagConversation),
];
