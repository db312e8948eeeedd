/**
 * Claim, close, reopen and transfer (contracts/dixa.md §3.8, §3.9, §3.21, §3.23, §6.9,
 * §6.10). All answer 204 without a body.
 */
import { claimBody, decode, transferBody, userBody } from './bodies';
import { assign, close, reopen, transfer } from './conversation-actions';
import { REASONS, badRequest, notFound } from './dixa-error';
import { conversationIdOf, findConversation, jsonBody, noContent, route, type DixaRoute, type RouteContext } from './route-types';

/** The optional acting user of close, reopen and transfer: must exist and be an agent or admin. */
function checkActingUser(ctx: RouteContext, userId: string | undefined): void {
  if (userId === undefined) return;
  const user = ctx.app.state.user(userId);
  if (!user) throw badRequest(REASONS.userNotFound);
  if (user.role === 'EndUser') throw badRequest(REASONS.notAgent);
}

/**
 * An unknown agent is a 404 (inferred). `force: false` leaves a conversation assigned to
 * someone else as it is, still with a 204 (GAP 9); absent `force` takes it over.
 */
function claim(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const input = decode(claimBody, jsonBody(ctx));
  const conversation = findConversation(ctx, id);
  const agent = ctx.app.state.agent(input.agentId);
  if (!agent) throw notFound();
  const takenByOther = conversation.assignment !== undefined && conversation.assignment.agentId !== agent.id;
  if (!(takenByOther && input.force === false)) assign(ctx.app, conversation, agent);
  return noContent;
}

/** Close and reopen take an optional body; an empty one (with no content type) is `{}` (§1.3). */
function closeRoute(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const input = decode(userBody, jsonBody(ctx, true));
  const conversation = findConversation(ctx, id);
  checkActingUser(ctx, input.userId);
  close(ctx.app, conversation);
  return noContent;
}

function reopenRoute(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const input = decode(userBody, jsonBody(ctx, true));
  const conversation = findConversation(ctx, id);
  checkActingUser(ctx, input.userId);
  reopen(ctx.app, conversation);
  return noContent;
}

function transferRoute(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const input = decode(transferBody, jsonBody(ctx));
  const conversation = findConversation(ctx, id);
  checkActingUser(ctx, input.userId);
  if (!ctx.app.state.queue(input.queueId)) throw badRequest(REASONS.queueMissing);
  transfer(ctx.app, conversation, input.queueId);
  return noContent;
}

/** §3.8, §3.9 (close lists no 500), §3.21, §3.23 */
export const lifecycleRoutes: DixaRoute[] = [
  route('PUT', '/v1/conversations/{conversationId}/claim', claim),
  route('PUT', '/v1/conversations/{conversationId}/close', closeRoute, { lists500: false }),
  route('PUT', '/v1/conversations/{conversationId}/reopen', reopenRoute),
  route('PUT', '/v1/conversations/{conversationId}/transfer/queue', transferRoute),
];
