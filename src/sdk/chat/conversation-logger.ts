import type { AnalyticsCore } from '../analytics/analytics-core';
import type { ChatStore } from './chat-store';
import type { ChatMessage, StoredConversation } from './chat-types';
import { toLoggedConversation, type LogContext } from './conversation-log';

/** Where the controller logs (the part of `createAnalytics(…)` it calls). */
export type ChatAnalytics = Pick<AnalyticsCore, 'logConversation' | 'logFeedback' | 'withdrawFeedback' | 'deleteConversation'>;

/**
 * The history to log: what the store keeps, with what the reader saw on top. A message the
 * store could not keep (a full disk) is still logged; of two versions of one message, the
 * newer wins (another tab may have written a later one).
 */
export function mergeHistory(stored: readonly ChatMessage[], seen: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(stored.map((message) => [message.id, message]));
  for (const message of seen) {
    const kept = byId.get(message.id);
    if (!kept || message.updatedAt > kept.updatedAt) byId.set(message.id, message);
  }
  return [...byId.values()].sort((a, b) => a.index - b.index || a.createdAt - b.createdAt);
}

/**
 * Logs a conversation's FULL history to the analytics outbox (the one `analyticsNow` gives, if
 * any: logging can be turned off at any time), built from the store and what
 * the reader saw. `partial` marks a version expected to be replaced soon (the question, before
 * its answer): kept durably, without prompting a delivery of its own.
 */
export function createConversationLogger(analyticsNow: () => ChatAnalytics | undefined, store: ChatStore, context: () => LogContext) {
  return async function log(conversation: StoredConversation, seen: readonly ChatMessage[] = [], partial = false): Promise<void> {
    const analytics = analyticsNow();
    if (!analytics) return;
    const stored = await store.listMessages(conversation.id).catch(() => []);
    const history = mergeHistory(stored, seen.filter((message) => message.conversationId === conversation.id));
    await analytics.logConversation(toLoggedConversation(conversation, history, context()), { partial });
  };
}
