/**
 * Records as the API shows them (contracts/dixa.md §3), each with the timestamp form its
 * endpoint uses (§1.5). Optional keys are left out when unset, as §3.11 infers.
 */
import type { ActivityRecord, AnonymizationRecord, ConversationRecord, MessageRecord, NoteRecord } from './records';
import type { DixaState } from './state';
import { wholeSeconds, withMillis, zoned } from './timestamps';

/** §3.20 / §3.11 `customAttributes[]` item; `value: null` reports an unset value. */
export interface AttributeView {
  id: string;
  name: string;
  identifier: string;
  value: string | string[] | null;
}

/** The set custom attributes of `conversation`, in definition order. */
export function attributeViews(state: DixaState, conversation: ConversationRecord): AttributeView[] {
  return state.fixture.customAttributes.flatMap((def) => {
    const value = conversation.customAttributes[def.id];
    return value === undefined ? [] : [{ id: def.id, name: def.name, identifier: def.identifier, value }];
  });
}

/**
 * §3.11 (and the §3.15 items). `customAttributes` is shown on both conversation types: the
 * source shows it on a ChatConversation only, but confab patches Email conversations too.
 */
export function conversationView(state: DixaState, c: ConversationRecord): Record<string, unknown> {
  return {
    id: c.id,
    requesterId: c.requesterId,
    channel: c.channel,
    createdAt: wholeSeconds(c.createdAt),
    direction: c.direction,
    state: c.state,
    stateUpdatedAt: wholeSeconds(c.stateUpdatedAt),
    ...(c.assignment ? { assignment: { agentId: c.assignment.agentId, assignedAt: wholeSeconds(c.assignment.assignedAt) } } : {}),
    ...(c.queue ? { queue: { id: c.queue.id, queuedAt: wholeSeconds(c.queue.queuedAt) } } : {}),
    ...(c.toEmail === undefined ? {} : { toEmail: c.toEmail }),
    ...(c.fromEmail === undefined ? {} : { fromEmail: c.fromEmail }),
    ...(c.integrationEmail === undefined ? {} : { integrationEmail: c.integrationEmail }),
    ...(c.language === undefined ? {} : { language: c.language }),
    ...(c.subject === undefined ? {} : { subject: c.subject }),
    ...(c.link ? { link: { ...c.link } } : {}),
    customAttributes: attributeViews(state, c),
    _type: c._type,
  };
}

/** §3.1 / §3.2 on create (`…Z[GMT]`) and §3.3 in the list (whole seconds), as the samples do. */
export function noteView(conversationId: number, note: NoteRecord, form: 'created' | 'listed'): Record<string, unknown> {
  const createdAt = form === 'created' ? zoned(note.createdAt) : wholeSeconds(note.createdAt);
  return { id: note.id, authorId: note.authorId, createdAt, csid: conversationId, message: note.message };
}

/** §3.4 add-message response: id key `messageId`, millis `Z`, no `externalId`. */
export function addedMessageView(message: MessageRecord): Record<string, unknown> {
  return { content: { ...message.content }, direction: message.direction, authorId: message.authorId, messageId: message.id, createdAt: withMillis(message.createdAt) };
}

/**
 * §3.5 list item: id key `id`, `…Z[GMT]`, `externalId` only when set. `attributes` holds
 * the direction and content (GAP 2, PROVISIONAL: the real schema is not documented).
 */
export function listedMessageView(conversation: ConversationRecord, message: MessageRecord): Record<string, unknown> {
  const typeTag = conversation.channel === 'ContactForm' ? { _type: 'ContactFormAttributes' } : {};
  return {
    id: message.id,
    authorId: message.authorId,
    ...(message.externalId === undefined ? {} : { externalId: message.externalId }),
    createdAt: zoned(message.createdAt),
    attributes: { ...typeTag, direction: message.direction, content: { ...message.content } },
  };
}

/** §3.12 entry. */
export function activityView(entry: ActivityRecord): Record<string, unknown> {
  return { ...entry, author: { ...entry.author }, activityTimestamp: zoned(entry.activityTimestamp) };
}

/** §3.6 / §3.7 anonymization request. */
export function anonymizationView(request: AnonymizationRecord): Record<string, unknown> {
  return { ...request, initiatedAt: zoned(request.initiatedAt) };
}
