import type { Clock } from '../clock';
import { randomId } from '../random-id';
import { preview } from './answer-turn';
import type { ChatStore, NewMessage } from './chat-store';
import type { ChatMessage, StoredConversation } from './chat-types';
import { mergeHistory } from './conversation-logger';

/** How long a title taken from the first question is. */
export const TITLE_LENGTH = 60;

/** A conversation started by `question`, not stored yet. */
export function newConversation(question: string, now: number): StoredConversation {
  return { id: randomId('conv_'), title: question.slice(0, TITLE_LENGTH), createdAt: now, updatedAt: now, status: 'streaming', messageCount: 0 };
}

/**
 * Stores the question and the pending answer at the end of conversation `base` (its next
 * free places, whatever another tab added), or of a new one when `base` was deleted meanwhile:
 * what the reader typed is never dropped.
 */
export async function placeTurn(store: ChatStore, clock: Clock, base: StoredConversation, isNew: boolean, asked: NewMessage, reply: NewMessage) {
  const now = clock.now();
  const placed = await store.appendMessages(base.id, [asked, reply], (current, messageCount) =>
    current || isNew ? { ...(current ?? base), status: 'streaming', updatedAt: now, messageCount, preview: preview(asked.content) } : undefined,
  );
  if (placed) return placed;
  const fresh = newConversation(asked.content, now);
  return placeTurn(store, clock, fresh, true, { ...asked, conversationId: fresh.id }, { ...reply, conversationId: fresh.id });
}

/** The history an answer is given: what the store keeps, with what this tab shows on top. */
export async function historyBefore(store: ChatStore, shown: readonly ChatMessage[], conversationId: string, index: number): Promise<ChatMessage[]> {
  const stored = await store.listMessages(conversationId).catch(() => []);
  return mergeHistory(stored, shown).filter((message) => message.index < index);
}

/**
 * The messages of conversation `conversationId` on screen whose places the store does not
 * hold: a turn it could not keep (a full disk). They stay shown, and are written once it can.
 */
export function unsavedOf(stored: readonly ChatMessage[], shown: readonly ChatMessage[], conversationId: string): ChatMessage[] {
  const taken = new Set(stored.map((message) => message.index));
  return shown.filter((message) => message.conversationId === conversationId && !taken.has(message.index));
}

/**
 * Writes what the store could not keep of `conversation` earlier (the disk was full and has
 * been freed since), in its places, before a new turn is placed: otherwise the new turn takes
 * those places, and the earlier turn drops out of the screen, the model's context and the log.
 * Rejects while the store still refuses.
 */
export async function keepUnsaved(store: ChatStore, conversation: StoredConversation, shown: readonly ChatMessage[]): Promise<void> {
  const unsaved = unsavedOf(await store.listMessages(conversation.id), shown, conversation.id);
  if (unsaved.length === 0) return;
  const messageCount = Math.max(...unsaved.map((message) => message.index)) + 1;
  await store.updateConversation(conversation.id, (current) =>
    current ? { ...current, messageCount: Math.max(current.messageCount, messageCount) } : { ...conversation, status: 'idle', messageCount },
  );
  await store.saveMessages(unsaved);
}
