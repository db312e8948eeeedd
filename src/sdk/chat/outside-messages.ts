import type { Clock } from '../clock';
import { preview } from './answer-turn';
import type { ChatState } from './chat-state';
import type { ChatStore, NewMessage } from './chat-store';
import type { ChatMessage, StoredConversation } from './chat-types';
import { helpdeskErasures, settleHelpdeskErasure } from './helpdesk-erasures';
import type { createMessageUpdates } from './message-updates';

/** What {@link createOutsideMessages} works with: the controller's state, store and logger. */
export interface OutsideMessagesOptions {
  state: ChatState;
  store: ChatStore;
  clock: Clock;
  updates: ReturnType<typeof createMessageUpdates>;
  /** Logs a conversation's full history (the controller's logger). */
  log(conversation: StoredConversation, seen: readonly ChatMessage[]): Promise<void>;
  /** Drops the controller's reads under way: read before this write, they would show the conversation without it. */
  supersede(): void;
  report(problem: unknown): void;
}

/**
 * Messages that do not come from a turn with the model: a person's replies and the lines of a
 * human handoff, the visitor's messages to that person. Each is added at the end of its
 * conversation in one transaction that also records its id in the conversation, so a reply
 * read by two tabs, or again after a reload, is stored and shown once.
 */
export function createOutsideMessages({ state, store, clock, updates, log, supersede, report }: OutsideMessagesOptions) {
  /** Shows the conversation's stored version (record and messages) if it is open, and in the list. */
  async function refresh(conversation: StoredConversation) {
    state.local.value = [conversation, ...state.local.peek().filter((item) => item.id !== conversation.id)].sort((a, b) => b.updatedAt - a.updatedAt);
    if (state.conversation.peek()?.id !== conversation.id) return;
    const stored = await store.listMessages(conversation.id);
    // Still open, and no turn of the model replaced the list meanwhile with a newer one.
    if (state.conversation.peek()?.id !== conversation.id || state.status.peek() === 'streaming') return;
    state.conversation.value = conversation;
    state.messages.value = stored;
  }

  function logged(conversation: StoredConversation) {
    void log(conversation, []).catch(report);
  }

  return {
    /**
     * Adds `message` at the end of conversation `conversationId` unless a message of its id was
     * added before; resolves with it as stored, or `undefined` when it was there already (or
     * the conversation is gone).
     */
    async add(conversationId: string, message: Omit<NewMessage, 'conversationId'>): Promise<ChatMessage | undefined> {
      const now = clock.now();
      const placed = await store.appendMessages(conversationId, [{ ...message, conversationId }], (current, messageCount) => {
        if (!current || current.outsideIds?.includes(message.id)) return undefined;
        return {
          ...current,
          updatedAt: now,
          messageCount,
          outsideIds: [...(current.outsideIds ?? []), message.id],
          ...(message.content && { preview: preview(message.content) }),
        };
      });
      if (!placed) return undefined;
      supersede();
      await refresh(placed.conversation);
      if (!message.line) logged(placed.conversation);
      return placed.messages[0];
    },

    /** Changes a stored message (a delivery's progress) where it is. */
    async patch(message: ChatMessage, change: (latest: ChatMessage) => ChatMessage) {
      await updates.patch(message, change);
      const conversation = await store.getConversation(message.conversationId);
      if (conversation) logged(conversation);
    },

    /** Changes a conversation's record (its handoff, its ticket id) atomically; logged when the ticket id changed. */
    async update(conversationId: string, change: (current: StoredConversation) => StoredConversation): Promise<StoredConversation | undefined> {
      let ticketBefore: string | undefined;
      const written = await store.updateConversation(conversationId, (current) => {
        ticketBefore = current?.supportTicketConversationId;
        return current && change(current);
      });
      if (!written) return undefined;
      supersede();
      state.local.value = state.local.peek().map((item) => (item.id === written.id ? written : item));
      if (state.conversation.peek()?.id === written.id) state.conversation.value = written;
      if (written.supportTicketConversationId !== ticketBefore) logged(written);
      return written;
    },

    /** Conversations deleted here whose copy at the helpdesk (they were handed over) is still to be erased. */
    erasures: () => helpdeskErasures(store),

    /** The helpdesk erased the conversation, or never had it. */
    erased: (conversationId: string) => settleHelpdeskErasure(store, conversationId),
  };
}

/** The controller's outside messages, as {@link createOutsideMessages} makes them. */
export type OutsideMessages = ReturnType<typeof createOutsideMessages>;
