/**
 * Anonymization (contracts/dixa.md §3.6, §3.7, GAP 8). The fake applies a request at once:
 * message texts and note texts then read "[anonymized]". 409 when the conversation is not
 * Closed and `force` is not `true` (the message endpoint has no `force`, so its
 * conversation must be Closed), or when the same target was already requested.
 */
import { booleanQuery, uuidParam } from './params';
import { close } from './conversation-actions';
import { DixaError, REASONS, notFound } from './dixa-error';
import type { AnonymizationRecord, ConversationRecord } from './records';
import { conversationIdOf, findConversation, route, type DixaRoute, type RouteContext } from './route-types';
import { anonymizationView } from './views';

/** What anonymized text reads as (GAP 8, inferred). */
export const ANONYMIZED = '[anonymized]';

/** The 409s, whose texts the source does not give. */
function conflict(message: string): DixaError {
  return new DixaError(409, message);
}

function checkTarget(conversation: ConversationRecord, targetEntityId: string): void {
  if (conversation.anonymizations.some((request) => request.targetEntityId === targetEntityId)) {
    throw conflict(`Anonymization of ${targetEntityId} was already requested.`);
  }
}

function record(ctx: RouteContext, conversation: ConversationRecord, fields: Pick<AnonymizationRecord, 'entityType' | '_type' | 'targetEntityId'>) {
  const request: AnonymizationRecord = { id: ctx.app.newId(), ...fields, initiatedAt: ctx.app.now(), requestedBy: ctx.tokenUserId };
  conversation.anonymizations.push(request);
  ctx.app.state.changed();
  return { status: 202 as const, data: anonymizationView(request) };
}

function anonymizeConversation(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const force = booleanQuery(ctx.query, 'force');
  const conversation = findConversation(ctx, id);
  const targetEntityId = String(conversation.id);
  checkTarget(conversation, targetEntityId);
  if (conversation.state !== 'Closed' && force !== true) throw conflict('The conversation is not closed; pass force=true to close it first.');
  close(ctx.app, conversation);
  for (const message of conversation.messages) message.content.value = ANONYMIZED;
  for (const note of conversation.notes) note.message = ANONYMIZED;
  return record(ctx, conversation, { entityType: 'ConversationAnonymizationType', _type: 'Conversation', targetEntityId });
}

function anonymizeMessage(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const messageId = uuidParam(ctx.params.messageId ?? '', REASONS.messageId);
  const conversation = findConversation(ctx, id);
  const message = conversation.messages.find((m) => m.id === messageId);
  if (!message) throw notFound();
  const targetEntityId = `${conversation.id}_${message.id}`;
  checkTarget(conversation, targetEntityId);
  if (conversation.state !== 'Closed') throw conflict('The conversation is not closed; close it before anonymizing its messages.');
  message.content.value = ANONYMIZED;
  return record(ctx, conversation, { entityType: 'MessageAnonymizationType', _type: 'Message', targetEntityId });
}

/** §3.6, §3.7 */
export const anonymizeRoutes: DixaRoute[] = [
  route('PATCH', '/v1/conversations/{conversationId}/anonymize', anonymizeConversation),
  route('PATCH', '/v1/conversations/{conversationId}/messages/{messageId}/anonymize', anonymizeMessage),
];
