import type { ChatState } from './chat-state';
import type { ChatStore } from './chat-store';
import type { ChatMessage } from './chat-types';

/** How the controller changes a message it shows. */
export function createMessageUpdates(state: ChatState, store: ChatStore) {
  /** Shows a new version of a message that is on screen; one that is not (replaced, deleted) stays gone. */
  function show(message: ChatMessage) {
    if (state.conversation.peek()?.id !== message.conversationId) return;
    const list = state.messages.peek();
    if (list.some((item) => item.id === message.id)) state.messages.value = list.map((item) => (item.id === message.id ? message : item));
  }

  /**
   * Changes a message where it is now: merged into the stored version atomically, and only
   * if the message is still there, so a late change (follow-ups, a vote) never brings back
   * an answer that was regenerated or deleted meanwhile.
   */
  async function patch(message: ChatMessage, change: (latest: ChatMessage) => ChatMessage) {
    const written = await store.updateMessage(message.conversationId, message.index, (current) => (current?.id === message.id ? change(current) : current));
    if (written?.id === message.id) show(written);
  }

  return { show, patch };
}
