/**
 * Create conversation (contracts/dixa.md §3.10, §6.8, GAP 1). Two body shapes: `_type:
 * "Email"` (requester + message) makes an EmailConversation; the variant shown field by
 * field (contactEndpointId, direction, queueId, requesterId, with any other `_type`) makes
 * a ChatConversation on the channel of the flow with that contact endpoint.
 */
import type { z } from 'zod';
import { decode, emailCreateBody, endpointCreateBody } from './bodies';
import { appendMessage } from './conversation-actions';
import { REASONS, badRequest, notFound } from './dixa-error';
import { checkMessage } from './message-input';
import type { ConversationRecord } from './records';
import { jsonBody, route, type DixaApp, type DixaRoute, type RouteContext } from './route-types';

/** A conversation with nothing attached yet, Open and queued now. */
function blank(app: DixaApp, fields: Pick<ConversationRecord, '_type' | 'channel' | 'requesterId' | 'direction'>, queueId: string): ConversationRecord {
  const now = app.now();
  return {
    id: app.state.takeConversationId(),
    ...fields,
    state: 'Open',
    stateUpdatedAt: now,
    createdAt: now,
    queue: { id: queueId, queuedAt: now },
    customAttributes: {},
    tags: [],
    messages: [],
    notes: [],
    activity: [],
    ratings: [],
    anonymizations: [],
  };
}

function createEmail(app: DixaApp, input: z.output<typeof emailCreateBody>): ConversationRecord {
  const requester = app.state.user(input.requesterId);
  if (!requester) throw notFound();
  if (input.emailIntegrationId !== undefined && !app.state.fixture.emailIntegrations.includes(input.emailIntegrationId)) throw notFound();
  const message = checkMessage(app, requester.id, input.message);
  const conversation = blank(app, { _type: 'EmailConversation', channel: 'Email', requesterId: requester.id, direction: message.direction }, app.state.defaultQueue().id);
  conversation.fromEmail = requester.email;
  if (input.emailIntegrationId !== undefined) {
    conversation.toEmail = input.emailIntegrationId;
    conversation.integrationEmail = input.emailIntegrationId;
  }
  if (input.subject !== undefined) conversation.subject = input.subject;
  if (input.language !== undefined) conversation.language = input.language;
  app.state.conversations.set(conversation.id, conversation);
  appendMessage(app, conversation, message);
  return conversation;
}

function createFromEndpoint(app: DixaApp, input: z.output<typeof endpointCreateBody>): ConversationRecord {
  if (!app.state.user(input.requesterId) || !app.state.queue(input.queueId)) throw notFound();
  const flow = app.state.fixture.flows.find((f) => f.contactEndpointId === input.contactEndpointId);
  const conversation = blank(app, { _type: 'ChatConversation', channel: flow?.channel ?? 'WidgetChat', requesterId: input.requesterId, direction: input.direction }, input.queueId);
  app.state.conversations.set(conversation.id, conversation);
  app.state.changed();
  return conversation;
}

/** Decodes the shape, then checks: unsupported `_type`, unknown ids (404), the nested message. */
function create(ctx: RouteContext) {
  const body = jsonBody(ctx);
  const type = typeof body === 'object' && body !== null ? (body as { _type?: unknown })._type : undefined;
  const { app } = ctx;
  let conversation: ConversationRecord;
  if (type === 'Email') {
    const input = decode(emailCreateBody, body);
    if (app.unsupportedCreateTypes.has('Email')) throw badRequest(REASONS.unsupportedChannel);
    conversation = createEmail(app, input);
  } else {
    const input = decode(endpointCreateBody, body);
    if (input._type !== undefined && app.unsupportedCreateTypes.has(input._type)) throw badRequest(REASONS.unsupportedChannel);
    conversation = createFromEndpoint(app, input);
  }
  return { status: 201 as const, data: { id: conversation.id } };
}

/** §3.10 */
export const createRoutes: DixaRoute[] = [route('POST', '/v1/conversations', create)];
