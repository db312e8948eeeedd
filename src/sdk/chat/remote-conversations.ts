import type { Clock } from '../clock';
import type { ChatProvider, RemoteConversations } from '../providers/chat-provider';
import type { ChatSettings } from './chat-interface';
import type { ChatState, ConversationSummary } from './chat-state';
import type { ChatStore } from './chat-store';
import type { ChatMessage, StoredConversation } from './chat-types';

/** The backend's conversations not stored here: those stored list the backend's id. */
export const withoutStored = (summaries: readonly ConversationSummary[], stored: readonly StoredConversation[]) =>
  summaries.filter((summary) => !stored.some((item) => item.providerConversationId === summary.providerConversationId));

/**
 * What the backend offers besides answers, loaded into `state` in the background (never
 * holding a question back) until `signal` aborts: its welcome, shown while the settings give
 * none, and its conversation list.
 */
export function loadFromBackend(provider: ChatProvider, clock: Clock, signal: AbortSignal, state: ChatState, settings: () => ChatSettings, report: (problem: unknown) => void) {
  const failed = (problem: unknown) => !signal.aborted && report(problem);
  const ownWelcome = () => settings().welcome || settings().starters;
  if (!ownWelcome() && provider.welcome) provider.welcome(signal).then((greeting) => !signal.aborted && !ownWelcome() && (state.welcome.value = greeting), failed);
  if (provider.conversations) remoteSummaries(provider.conversations, clock, signal).then((summaries) => !signal.aborted && (state.remote.value = withoutStored(summaries, state.local.peek())), failed);
}

/** The backend's conversations (first 100, newest first) as list entries, not yet stored here. */
export async function remoteSummaries(conversations: RemoteConversations, clock: Clock, signal?: AbortSignal): Promise<ConversationSummary[]> {
  const { conversations: list } = await conversations.list({ limit: 100, signal });
  return list.map((item) => ({
    id: `remote:${item.id}`,
    title: item.name || 'Untitled conversation',
    createdAt: item.createdAt || clock.now(),
    updatedAt: item.updatedAt || item.createdAt || clock.now(),
    providerConversationId: item.id,
    status: 'idle',
    messageCount: 0,
    remote: true,
  }));
}

/**
 * Fetches a backend conversation's history and stores it here. Ids derive from the backend's
 * ids, so importing the same conversation twice (two tabs) yields the same records.
 */
export async function importRemoteConversation(
  summary: ConversationSummary,
  conversations: RemoteConversations,
  store: ChatStore,
  clock: Clock,
): Promise<StoredConversation> {
  const providerConversationId = summary.providerConversationId ?? summary.id.replace(/^remote:/, '');
  const history = await conversations.history(providerConversationId);
  const id = `conv_${providerConversationId}`;
  const messages: ChatMessage[] = history.map((message, index) => ({
    id: `msg_${message.providerMessageId ?? `${providerConversationId}_${index}`}_${message.role === 'user' ? 'q' : 'a'}`,
    conversationId: id,
    index,
    role: message.role,
    content: message.content,
    status: message.error ? 'error' : 'done',
    createdAt: message.createdAt,
    updatedAt: message.createdAt,
    sources: message.sources,
    providerMessageId: message.role === 'assistant' ? message.providerMessageId : undefined,
    feedback: message.feedback ? { rating: message.feedback, at: message.createdAt } : undefined,
    error: message.error ? { code: 'remote_error', message: message.error } : undefined,
  }));
  const last = messages.at(-1);
  const conversation: StoredConversation = {
    id,
    title: summary.title,
    createdAt: summary.createdAt,
    updatedAt: last?.createdAt ?? clock.now(),
    providerConversationId,
    status: 'idle',
    messageCount: messages.length,
    preview: last?.content.slice(0, 120),
  };
  await store.saveMessages(messages);
  await store.saveConversation(conversation);
  return conversation;
}
