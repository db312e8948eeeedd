import type { RemoteMessage } from '../chat-provider';
import { toSources } from './message-metadata';
import type { PulseClient } from './pulse-client';
import { readMessagePage, type MessageItem } from './response-schemas';

/** The largest page `/messages` allows (§10). */
const PAGE_SIZE = 100;

/**
 * A conversation's whole history from `GET /messages` (contracts/pulse.md §10), oldest
 * first. Pages walk backwards in time from the newest, each asked for with `first_id` = the
 * oldest turn held so far, so sorting each page keeps the whole oldest first. Each turn
 * becomes the user's message and the assistant's answer.
 */
export async function loadHistory(client: PulseClient, conversationId: string): Promise<RemoteMessage[]> {
  let turns: MessageItem[] = [];
  let firstId: string | undefined;
  for (;;) {
    const page = await client.json(
      { method: 'GET', path: '/messages', query: { conversation_id: conversationId, user: client.user, limit: PAGE_SIZE, first_id: firstId } },
      readMessagePage,
    );
    // Pages are oldest-first in the code and "reverse order" in the docs: sort, don't trust.
    const older = byTime(page.data);
    turns = [...older, ...turns];
    const oldest = older[0]?.id;
    // An empty page or a cursor that does not move would otherwise loop for ever.
    if (!page.has_more || oldest === undefined || oldest === firstId) break;
    firstId = oldest;
  }
  return turns.flatMap(toMessages);
}

/** A stable sort, so turns of the same second keep the server's order. */
function byTime(turns: MessageItem[]): MessageItem[] {
  return [...turns].sort((a, b) => a.created_at - b.created_at);
}

function toMessages(turn: MessageItem): RemoteMessage[] {
  const createdAt = turn.created_at * 1000;
  const sources = toSources(turn.retriever_resources);
  const rating = turn.feedback?.rating;
  return [
    { role: 'user', content: turn.query ?? '', createdAt },
    {
      role: 'assistant',
      content: turn.answer ?? '',
      providerMessageId: turn.id,
      createdAt,
      sources: sources.length > 0 ? sources : undefined,
      feedback: rating === 'like' ? 'positive' : rating === 'dislike' ? 'negative' : null,
      error: turn.status === 'error' ? turn.error || 'The answer failed.' : undefined,
    },
  ];
}
