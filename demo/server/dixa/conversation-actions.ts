/**
 * The changes to a conversation that both the API and the agent simulator make: assign
 * (claim), close, reopen, transfer and append a message. Each records the change for the
 * state file.
 */
import type { ConversationRecord, ContentRecord, Direction, MessageRecord, UserRecord } from './records';
import { authorOf, type DixaApp } from './route-types';

/** Assigns `agent` and logs a `ConversationAssigned` activity (§6.9); a no-op when already theirs. */
export function assign(app: DixaApp, conversation: ConversationRecord, agent: UserRecord): void {
  if (conversation.assignment?.agentId === agent.id) return;
  const now = app.now();
  conversation.assignment = { agentId: agent.id, assignedAt: now };
  conversation.activity.push({
    id: app.newId(),
    conversationId: conversation.id,
    activityTimestamp: now,
    activityType: 'ConversationAssignedActivityType',
    _type: 'ConversationAssigned',
    author: authorOf(agent),
  });
  app.state.changed();
}

/** Closes an Open conversation; closing a Closed one changes nothing (GAP 10). */
export function close(app: DixaApp, conversation: ConversationRecord): void {
  if (conversation.state === 'Closed') return;
  conversation.state = 'Closed';
  conversation.stateUpdatedAt = app.now();
  app.state.changed();
}

/**
 * Reopens a Closed conversation and offers it again in its queue, else the default one
 * (§3.21), unassigned. Reopening an Open one changes nothing (GAP 10).
 */
export function reopen(app: DixaApp, conversation: ConversationRecord): void {
  if (conversation.state === 'Open') return;
  const now = app.now();
  conversation.state = 'Open';
  conversation.stateUpdatedAt = now;
  conversation.queue = { id: conversation.queue?.id ?? app.state.defaultQueue().id, queuedAt: now };
  delete conversation.assignment;
  app.state.changed();
}

/** Moves the conversation to `queueId`, unassigned (§6.10). */
export function transfer(app: DixaApp, conversation: ConversationRecord, queueId: string): void {
  conversation.queue = { id: queueId, queuedAt: app.now() };
  delete conversation.assignment;
  app.state.changed();
}

/** What a new message needs. */
export interface NewMessage {
  direction: Direction;
  authorId: string;
  content: ContentRecord;
  externalId?: string | undefined;
}

/** Appends a message stamped now; the state is kept (GAP 10). */
export function appendMessage(app: DixaApp, conversation: ConversationRecord, input: NewMessage): MessageRecord {
  const message: MessageRecord = {
    id: app.newId(),
    authorId: input.authorId,
    direction: input.direction,
    content: { value: input.content.value, _type: input.content._type },
    ...(input.externalId === undefined ? {} : { externalId: input.externalId }),
    createdAt: app.now(),
  };
  conversation.messages.push(message);
  app.state.changed();
  return message;
}
