import type { RemoteConversation, RemoteConversations } from '../chat-provider';
import { loadHistory } from './load-history';
import type { PulseClient } from './pulse-client';
import { readConversation, readConversationPage, readDeleteResult, type Conversation } from './response-schemas';

/**
 * The conversations PulseAI keeps for `client.user` (contracts/pulse.md §10–§13): list with
 * the `last_id` cursor, rename, delete, and the full history of one.
 */
export function pulseConversations(client: PulseClient): RemoteConversations {
  const { user } = client;
  const path = (id: string) => `/conversations/${encodeURIComponent(id)}`;
  return {
    async list(page = {}) {
      const { data, has_more: hasMore } = await client.json(
        { method: 'GET', path: '/conversations', query: { user, limit: page.limit, last_id: page.after }, signal: page.signal },
        readConversationPage,
      );
      return { conversations: data.map(toRemoteConversation), hasMore };
    },
    async rename(id, name) {
      await client.json({ method: 'POST', path: `${path(id)}/name`, body: JSON.stringify({ name, user }) }, readConversation);
    },
    async delete(id) {
      // §12: a body is always sent, and both 200 with a result and an empty 204 mean done.
      await client.json({ method: 'DELETE', path: path(id), body: JSON.stringify({ user }) }, readDeleteResult);
    },
    history: (id) => loadHistory(client, id),
  };
}

/** Seconds become milliseconds; a never-updated conversation was last updated when created. */
function toRemoteConversation(conversation: Conversation): RemoteConversation {
  return {
    id: conversation.id,
    name: conversation.name ?? '',
    createdAt: conversation.created_at * 1000,
    updatedAt: (conversation.updated_at ?? conversation.created_at) * 1000,
  };
}
