/**
 * Markdown as the plain text a one-line preview shows: no emphasis, code or table
 * punctuation, links as their text. A preview is cut at a fixed length, so a construct cut
 * in half (a link without its end) goes too.
 */
export const plainText = (markdown: string): string =>
  markdown
    // Fences and table rules say nothing in a preview.
    .replace(/```[^\n]*|~~~[^\n]*|^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/gm, ' ')
    // Images and links: their text (a link cut off keeps its text).
    .replace(/!?\[([^\]]*)\](\([^)]*\)?|\[[^\]]*\]?)?/g, '$1')
    // Block markers at a line's start: headings, quotes, list bullets.
    .replace(/^\s*(#{1,6}\s+|>+\s?|[-*+]\s+(\[[ xX]\]\s+)?)/gm, '')
    .replace(/[*_~`|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
