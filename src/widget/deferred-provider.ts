import type { ChatProvider, RemoteConversations } from '../sdk/providers/chat-provider';

/**
 * A provider made only later, with the capabilities it will have: each call waits for it.
 * PulseAI's comes from a chunk of its own, and needs the visitor id, claimed in IndexedDB
 * first. `name` and `model` are known now, because they are logged with every conversation.
 * A `make` that fails (its chunk could not be loaded) fails the call that asked, and the next
 * call makes it again: a Retry tries the chunk once more.
 */
export function deferredProvider(name: string, model: string | undefined, make: () => Promise<ChatProvider>): ChatProvider {
  let made: Promise<ChatProvider> | undefined;
  const later = () => {
    if (made) return made;
    const making = (made = make());
    making.catch(() => made === making && (made = undefined));
    return making;
  };
  const conversations: RemoteConversations = {
    list: async (page) => (await later()).conversations!.list(page),
    rename: async (id, title) => (await later()).conversations!.rename(id, title),
    delete: async (id) => (await later()).conversations!.delete(id),
    history: async (id) => (await later()).conversations!.history(id),
  };
  return {
    name,
    model,
    async *stream(request) {
      yield* (await later()).stream(request);
    },
    stop: async (taskId) => (await later()).stop?.(taskId),
    feedback: async (id, rating, comment) => (await later()).feedback?.(id, rating, comment),
    suggestions: async (id, signal) => (await (await later()).suggestions?.(id, signal)) ?? [],
    welcome: async (signal) => (await (await later()).welcome?.(signal)) ?? { starters: [] },
    conversations,
  };
}
