import type { ChatProvider, RemoteConversations } from '../sdk/providers/chat-provider';

/**
 * A provider known only later (PulseAI needs the visitor id, claimed in IndexedDB first), with
 * the capabilities it will have: each call waits for it. `name` and `model` are known now,
 * because they are logged with every conversation.
 */
export function deferredProvider(name: string, model: string | undefined, later: Promise<ChatProvider>): ChatProvider {
  const conversations: RemoteConversations = {
    list: async (page) => (await later).conversations!.list(page),
    rename: async (id, title) => (await later).conversations!.rename(id, title),
    delete: async (id) => (await later).conversations!.delete(id),
    history: async (id) => (await later).conversations!.history(id),
  };
  return {
    name,
    model,
    async *stream(request) {
      yield* (await later).stream(request);
    },
    stop: async (taskId) => (await later).stop?.(taskId),
    feedback: async (id, rating, comment) => (await later).feedback?.(id, rating, comment),
    suggestions: async (id, signal) => (await (await later).suggestions?.(id, signal)) ?? [],
    welcome: async (signal) => (await (await later).welcome?.(signal)) ?? { starters: [] },
    conversations,
  };
}
