import type { ChatProvider } from '../providers/chat-provider';
import type { ChatSettings } from './chat-interface';
import type { ChatStore } from './chat-store';
import type { ChatMessage } from './chat-types';
import type { createMessageUpdates } from './message-updates';

/**
 * Follow-up questions after a finished answer: the backend's (PulseAI), else `suggest()`'s.
 * Requests in flight are cancelled when what they are for goes away (a new turn, another
 * conversation).
 */
export function createFollowUps(options: {
  provider: ChatProvider;
  store: ChatStore;
  updates: ReturnType<typeof createMessageUpdates>;
  settings(): ChatSettings;
  report(problem: unknown): void;
}) {
  let requests = new AbortController();
  return {
    async offer(reply: ChatMessage) {
      const { signal } = requests;
      const { provider } = options;
      try {
        const follow = provider.suggestions && reply.providerMessageId
          ? await provider.suggestions(reply.providerMessageId, signal)
          : await options.settings().suggest?.(await options.store.listMessages(reply.conversationId));
        if (signal.aborted || !follow?.length) return;
        await options.updates.patch(reply, (latest) => ({ ...latest, suggestions: follow }));
      } catch (problem) {
        if (!signal.aborted) options.report(problem);
      }
    },
    cancel() {
      requests.abort();
      requests = new AbortController();
    },
  };
}
