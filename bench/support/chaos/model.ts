/**
 * What the server must hold once the outbox has drained, as the program wrote it: the newest
 * version of each conversation, or nothing of it when it was deleted; the newest vote on each
 * message of a kept conversation; every event of a kept conversation.
 */
import { messageIdsAt, type ChaosOp } from './program';

export interface ModelConversation {
  version: number;
  messageIds: string[];
  deleted: boolean;
}

export interface ModelVote {
  conversationId: string;
  messageId: string;
  version: number;
}

export interface ChaosModel {
  conversations: Map<string, ModelConversation>;
  /** By feedback id, `fb_<messageId>` (the SDK's `feedbackIdFor`). */
  votes: Map<string, ModelVote>;
  /** Event id → its conversation. */
  events: Map<string, string>;
  /** Every message id the program wrote → its conversation. */
  conversationOf: Map<string, string>;
}

/** The feedback id the SDK gives a vote without an id. */
export const feedbackIdOf = (messageId: string) => `fb_${messageId}`;

/** The model after the operations that ran (an operation whose call failed is left out by the caller). */
export function modelOf(ops: readonly ChaosOp[]): ChaosModel {
  const model: ChaosModel = { conversations: new Map(), votes: new Map(), events: new Map(), conversationOf: new Map() };
  for (const op of ops) {
    switch (op.kind) {
      case 'log':
      case 'kill': {
        const messageIds = messageIdsAt(op.conversationId, op.version);
        model.conversations.set(op.conversationId, { version: op.version, messageIds, deleted: false });
        for (const id of messageIds) model.conversationOf.set(id, op.conversationId);
        break;
      }
      case 'vote':
        model.votes.set(feedbackIdOf(op.messageId), { conversationId: op.conversationId, messageId: op.messageId, version: op.version });
        break;
      case 'event':
        model.events.set(op.eventId, op.conversationId);
        break;
      case 'delete': {
        const conversation = model.conversations.get(op.conversationId);
        if (conversation) conversation.deleted = true;
        break;
      }
      default:
        break;
    }
  }
  return model;
}
