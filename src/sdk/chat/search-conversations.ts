import type { ChatStore } from './chat-store';

/** A match of `Chat.search`. */
export interface SearchResult {
  conversationId: string;
  title: string;
  /** The matching message, when the match is in a message rather than the title. */
  messageId?: string | undefined;
  /** Text around the match. */
  snippet: string;
}

/** Conversations whose title or a message contains `text` (case-insensitive), newest first. */
export async function searchConversations(store: ChatStore, text: string): Promise<SearchResult[]> {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  const results: SearchResult[] = [];
  for (const stored of await store.listConversations()) {
    if (stored.title.toLowerCase().includes(needle)) {
      results.push({ conversationId: stored.id, title: stored.title, snippet: stored.preview ?? stored.title });
      continue;
    }
    const hit = (await store.listMessages(stored.id)).find((message) => message.content.toLowerCase().includes(needle));
    if (hit) results.push({ conversationId: stored.id, title: stored.title, messageId: hit.id, snippet: snippetAround(hit.content, needle) });
  }
  return results;
}

function snippetAround(content: string, needle: string): string {
  const at = content.toLowerCase().indexOf(needle);
  const start = Math.max(0, at - 40);
  return `${start > 0 ? '…' : ''}${content.slice(start, at + needle.length + 60).replace(/\s+/g, ' ').trim()}…`;
}
