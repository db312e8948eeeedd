/**
 * Messages (contracts/dixa.md §3.4, §3.5, §6.7): add one to an Email, WidgetChat or
 * Messenger conversation, and list them oldest first.
 */
import { decode, messageBody } from './bodies';
import { appendMessage } from './conversation-actions';
import { REASONS, badRequest } from './dixa-error';
import { checkMessage } from './message-input';
import type { Channel } from './records';
import { conversationIdOf, findConversation, jsonBody, ok, route, type DixaRoute, type RouteContext } from './route-types';
import { addedMessageView, listedMessageView } from './views';

/** "Currently Email, WidgetChat and Messenger channels are supported" (§3.4). */
const MESSAGE_CHANNELS: readonly Channel[] = ['Email', 'WidgetChat', 'Messenger'];

function addMessage(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const input = decode(messageBody, jsonBody(ctx));
  const conversation = findConversation(ctx, id);
  if (!MESSAGE_CHANNELS.includes(conversation.channel)) throw badRequest(REASONS.unsupportedChannel);
  const message = appendMessage(ctx.app, conversation, checkMessage(ctx.app, conversation.requesterId, input));
  return ok(addedMessageView(message));
}

function listMessages(ctx: RouteContext) {
  const conversation = findConversation(ctx, conversationIdOf(ctx));
  return ok(conversation.messages.map((message) => listedMessageView(conversation, message)));
}

/** §3.4, §3.5 (list messages lists no 500). */
export const messageRoutes: DixaRoute[] = [
  route('POST', '/v1/conversations/{conversationId}/messages', addMessage),
  route('GET', '/v1/conversations/{conversationId}/messages', listMessages, { lists500: false }),
];
