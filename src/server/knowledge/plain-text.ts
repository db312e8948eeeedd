/**
 * Markdown inline syntax → plain text, for titles, descriptions and slugs: the widget
 * shows source titles as text, so `` `createAnalytics` `` must arrive as `createAnalytics`.
 */

/**
 * Removes inline markdown: links and images keep their text, code spans their content,
 * emphasis markers and HTML tags go. Whitespace runs become one space.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The first sentence of `text`, at most `max` characters (cut at a word, with `…`).
 * A period inside a word or a name (`demo/server/README.md`, `e.g.`) does not end it.
 */
export function firstSentence(text: string, max = 160): string {
  const end = /[.!?](?=\s+[A-Z(`"]|$)/.exec(text);
  const sentence = end ? text.slice(0, end.index + 1) : text;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}
