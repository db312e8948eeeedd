import { ConfigError } from '../http/errors';
import type { ChatProvider } from '../providers/chat-provider';
import type { Answering } from './answer-turn';
import type { ChatEvent } from './chat-interface';
import type { ChatState } from './chat-state';
import type { ChatStore } from './chat-store';
import type { ChatAnalytics } from './conversation-logger';
import { noteHelpdeskErasure } from './helpdesk-erasures';
import { reportRejections } from './report-rejections';

/** What {@link createConversationActions} needs from the controller. */
export interface ConversationActionsOptions {
  state: ChatState;
  store: ChatStore;
  provider: ChatProvider;
  analytics: ChatAnalytics | undefined;
  answering: Answering;
  /** Conversations deleted while a turn of theirs ran: its end must not write them back. */
  discarded: Set<string>;
  onEvent: ((event: ChatEvent) => void) | undefined;
  report(problem: unknown): void;
  /** Shows an empty, new conversation. */
  startNew(): void;
}

/** Rename and delete, here, at the analytics API and at a backend that keeps conversations. */
export function createConversationActions(options: ConversationActionsOptions) {
  const { state, store, provider, report } = options;
  return {
    async renameConversation(id: string, title: string) {
      const name = title.trim();
      if (!name) throw new ConfigError('title', 'A conversation needs a non-empty title.');
      const renamed = await store.updateConversation(id, (current) => current && { ...current, title: name });
      if (!renamed) throw new ConfigError('id', `There is no conversation "${id}" to rename.`);
      if (state.conversation.peek()?.id === id) state.conversation.value = renamed;
      state.local.value = state.local.peek().map((item) => (item.id === id ? renamed : item));
      if (renamed.providerConversationId) await provider.conversations?.rename(renamed.providerConversationId, name).catch(report);
    },

    async deleteConversation(id: string) {
      options.discarded.add(id);
      const { active } = options.answering;
      if (active?.conversationId === id) await active.stop(0);
      if (state.conversation.peek()?.id === id) options.startNew();
      const stored = await store.getConversation(id);
      const remoteOnly = state.remote.peek().find((item) => item.id === id);
      // First, so a crash in between leaves the erasure to send rather than a helpdesk copy no one knows of.
      if (stored?.handoff) await noteHelpdeskErasure(store, id);
      await store.deleteConversation(id);
      state.local.value = state.local.peek().filter((item) => item.id !== id);
      state.remote.value = state.remote.peek().filter((item) => item.id !== id);
      options.onEvent?.({ type: 'delete', conversationId: id });
      const providerId = stored?.providerConversationId ?? remoteOnly?.providerConversationId;
      const deletions: Array<Promise<unknown>> = [];
      if (options.analytics && stored) deletions.push(options.analytics.deleteConversation(id));
      if (providerId && provider.conversations) deletions.push(provider.conversations.delete(providerId));
      await reportRejections(deletions, report);
    },
  };
}
