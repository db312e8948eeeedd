import { computed, signal } from '@preact/signals-core';
import type { ConfabError } from '../http/errors';
import type { Welcome } from '../providers/chat-provider';
import type { ChatMessage, StoredConversation } from './chat-types';

/** A conversation in the list: stored here, or (`remote`) known only from the backend's list. */
export type ConversationSummary = StoredConversation & { remote?: boolean | undefined };

/** `loading` while a conversation opens; `streaming` while an answer arrives. */
export type ChatStatus = 'loading' | 'idle' | 'streaming';

/** The answer arriving now, updated per piece of text without touching the message list. */
export interface Draft {
  messageId: string;
  conversationId: string;
  content: string;
}

/** The controller's state as signals: what the UI renders. */
export function createChatState(welcomeFromOptions: Welcome) {
  const local = signal<StoredConversation[]>([]);
  const remote = signal<ConversationSummary[]>([]);
  const conversation = signal<StoredConversation | undefined>(undefined);
  const messages = signal<readonly ChatMessage[]>([]);
  const draft = signal<Draft | undefined>(undefined);
  const status = signal<ChatStatus>('loading');
  const welcome = signal<Welcome>(welcomeFromOptions);
  const error = signal<ConfabError | undefined>(undefined);
  const conversations = computed<ConversationSummary[]>(() => [...local.value, ...remote.value].sort((a, b) => b.updatedAt - a.updatedAt));
  const suggestions = computed(() => {
    const list = messages.value;
    const last = list.at(-1);
    if (list.length === 0) return welcome.value.starters;
    return last?.role === 'assistant' && last.status === 'done' && !draft.value ? (last.suggestions ?? []) : [];
  });
  return { local, remote, conversation, messages, draft, status, welcome, error, conversations, suggestions };
}

/** The controller's signals. */
export type ChatState = ReturnType<typeof createChatState>;
