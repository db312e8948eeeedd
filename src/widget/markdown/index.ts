/**
 * Markdown for chat answers, rendered to Preact vnodes (no HTML string sink), parsed
 * incrementally while an answer streams.
 *
 * Syntax, close to CommonMark 0.31 and GFM: ATX and setext headings (rendered two levels
 * down: `#` is h3, capped at h6), paragraphs with soft and hard breaks, fenced code (``` and
 * ~~~, info string → `language-x`; an unclosed fence runs to the end) with a copy button,
 * indented code, nested block quotes with lazy continuation, bullet and ordered lists
 * (nesting, loose/tight, start number), GFM task items (disabled checkboxes), GFM tables
 * (alignment, `\|` in cells), thematic breaks; code spans, `*`/`_` emphasis and strong with
 * the flanking rules and the rule of 3, `~`/`~~` strikethrough, inline links and images with
 * titles, `<…>` autolinks (URL and e-mail), bare `http(s)://` and `www.` links, backslash
 * escapes. Links and images pass {@link safeHref} / {@link safeImageSrc}.
 *
 * Deliberate deviations:
 * - Raw HTML, inline or as blocks, is text.
 * - Only `&amp; &lt; &gt; &quot; &#39;` are decoded; other character references stay text.
 * - Link reference definitions and reference links (`[a][b]`, `[a]`) are text.
 * - A link destination's parentheses balance one level deep (deeper ones must be escaped);
 *   destinations are not percent-encoded (the browser does that when it follows them).
 * - An empty destination, and any URL the policy refuses, makes no link: the text stays.
 *   The policy takes a colon before the first `/`, `?` or `#` as a scheme, even an invalid
 *   one like `foo):`, which CommonMark would treat as a relative path.
 * - Images are placeholders (alt text and URL, linked) unless `allowImages`, and then only
 *   `https:` and same-origin URLs load.
 * - Bare e-mail addresses are not linked (GFM links them); `<a@b.c>` is.
 * - Block quotes and lists nest at most 16 deep and inline spans 16 deep; deeper markup
 *   renders as text, so hostile input cannot overflow the stack.
 * - Lazy continuation is judged from the container's last line, not a full parse: a
 *   paragraph line indented four or more columns ends the container instead.
 * - Tabs count to tab stops of 4 for indentation but are never rewritten; a tab after `>`
 *   counts as one column.
 * - A table may interrupt a paragraph (as on GitHub); a delimiter row needs a pipe.
 * - A code block's text has no trailing newline (the copy button copies exactly the code).
 * - A block longer than 8 KB (a model repeating itself) is parsed in pieces of about 8 KB,
 *   cut after a line break, else after a space: a long paragraph shows as paragraphs, a long
 *   code block as consecutive code blocks (each with its copy button), a long list as lists.
 *   Pieces out of view are not laid out (`content-visibility`).
 *
 * @packageDocumentation
 */
export { Markdown } from './markdown';
export type { MarkdownProps } from './markdown';
export { parseBlocks } from './parse-blocks';
export { parseInline } from './parse-inline';
export type { Align, Block, Inline, ListItem, TopBlock } from './tokens';
export { safeHref, safeImageSrc } from './url-policy';
