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
 * titles, reference links and images (`[a][b]`, `[a][]`, `[a]`) with link reference
 * definitions anywhere in the answer, `<…>` autolinks (URL and e-mail), bare `http(s)://` and
 * `www.` links, backslash escapes, numeric character references and the common named ones,
 * `<br>` in table cells. Links and images pass {@link safeHref} / {@link safeImageSrc}.
 *
 * While an answer streams, syntax at its end that may still change is held back: an
 * emphasis or strikethrough marker not closed yet, a `[` or a link's `](url` still being
 * written, a pipe row that may be a table header, a backslash, `<…` or `&…` at the very end.
 * An unclosed code span shows as code. Once the answer ends, it renders exactly as its text
 * says. A reference used before its definition links once the answer ends.
 *
 * Deliberate deviations:
 * - Raw HTML, inline or as blocks, is text.
 * - Of the named character references only the common ones are decoded (src/widget/markdown/escapes.ts);
 *   other names stay text. Numeric references are all decoded.
 * - Raw HTML is text, but for `<br>` in a table cell, where markdown has no other line break.
 * - A link reference definition between a list item's blocks does not make the list loose.
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
