/**
 * HTML → Markdown for indexing, without a DOM: headings become `#` lines (keeping their
 * `id`, so a source links to the anchor the page already has), list items `- ` lines,
 * `<pre>` fenced code, and every other tag a separator or nothing. Scripts, styles,
 * navigation and comments are dropped: their text is not the page's content. The output
 * is only indexed and quoted as text, never rendered as HTML.
 */

/** Elements whose content is not the page's text. */
const DROPPED = /<(script|style|template|noscript|svg|nav|head|header|footer)\b[\s\S]*?<\/\1\s*>/gi;
const BLOCK_TAGS = /<\/?(?:p|div|section|article|main|aside|blockquote|table|thead|tbody|tr|ul|ol|dl|dt|dd|figure|figcaption|hr|br)\b[^>]*>/gi;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”' };

/** Decodes the common named entities and every numeric one; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Text of an HTML fragment: tags removed, entities decoded, whitespace runs made one space. */
function inlineText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

/** The Markdown of an HTML page (or fragment). */
export function htmlToMarkdown(html: string): string {
  const blocks: string[] = [];
  const keep = (block: string): string => `\n\n\u0000${blocks.push(block) - 1}\u0000\n\n`;
  let text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(DROPPED, '')
    // Code first: its text keeps its line breaks and is not read as tags.
    .replace(/<pre\b[^>]*>([\s\S]*?)<\/pre\s*>/gi, (_whole, code: string) => keep(`\`\`\`\n${decodeEntities(code.replace(/<[^>]*>/g, '')).replace(/\n+$/, '')}\n\`\`\``))
    .replace(/<h([1-6])\b([^>]*)>([\s\S]*?)<\/h\1\s*>/gi, (_whole, level: string, attributes: string, content: string) => {
      const id = /\bid\s*=\s*["']?([\w-]+)/i.exec(attributes)?.[1];
      return keep(`${'#'.repeat(Number(level))} ${inlineText(content)}${id ? ` {#${id}}` : ''}`);
    })
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/li\s*>/gi, '\n')
    .replace(/<(?:code|kbd)\b[^>]*>([\s\S]*?)<\/(?:code|kbd)\s*>/gi, (_whole, code: string) => `\`${inlineText(code)}\``)
    .replace(/<(strong|b)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi, (_whole, _tag: string, bold: string) => `**${inlineText(bold)}**`)
    .replace(BLOCK_TAGS, '\n\n');
  text = decodeEntities(text.replace(/<[^>]*>/g, ''));
  const lines = text.split('\n').map((line) => (line.startsWith('- ') ? `- ${line.slice(2).replace(/\s+/g, ' ').trim()}` : line.replace(/\s+/g, ' ').trim()));
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\u0000(\d+)\u0000/g, (_whole, index: string) => blocks[Number(index)] ?? '')
    .trim();
}
