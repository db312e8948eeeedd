/**
 * Full-text search (contracts/dixa.md §3.22, §6.14): a case-insensitive match on subjects
 * and message texts. By default any word of the query matches (whole words); with
 * `exactMatch=true` only the whole phrase. Matches are wrapped in
 * `<em class="highlight">…</em>`; the text around them is not escaped, as a search engine's
 * default highlighter does not, so clients must sanitize it (§3.22).
 */
import { booleanQuery, checkPageKey, pageLimitQuery, searchTextQuery } from './params';
import { ok, route, type DixaRoute, type RouteContext } from './route-types';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches the phrase, or any of its words, as whole words. */
function matcher(text: string, exact: boolean): RegExp {
  const words = text.split(/\s+/).filter((word) => word !== '').map(escapeRegExp);
  const alternatives = exact ? [words.join('\\s+')] : words;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** `text` with each match highlighted, or undefined when nothing matches. */
function highlight(text: string, pattern: RegExp): string | undefined {
  let found = false;
  const marked = text.replace(pattern, (match) => {
    found = true;
    return `<em class="highlight">${match}</em>`;
  });
  return found ? marked : undefined;
}

function search(ctx: RouteContext) {
  const { query } = ctx;
  const text = searchTextQuery(query);
  const exact = booleanQuery(query, 'exactMatch') ?? false;
  const limit = pageLimitQuery(query);
  checkPageKey(query);
  const pattern = matcher(text, exact);
  const hits = [...ctx.app.state.conversations.values()]
    .sort((a, b) => a.id - b.id)
    .flatMap((conversation) => {
      const subject = conversation.subject === undefined ? undefined : highlight(conversation.subject, pattern);
      const innerHits = conversation.messages.flatMap((message) => {
        const marked = highlight(message.content.value, pattern);
        return marked === undefined ? [] : [{ id: message.id, highlight: { text: marked } }];
      });
      if (subject === undefined && innerHits.length === 0) return [];
      return [{ id: conversation.id, highlights: subject === undefined ? {} : { subject: [subject] }, innerHits, _type: 'ConversationSearchHit' }];
    });
  return ok(hits.slice(0, limit));
}

/** §3.22 */
export const searchRoutes: DixaRoute[] = [route('GET', '/v1/search/conversations', search)];
