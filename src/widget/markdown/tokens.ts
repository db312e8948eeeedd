/**
 * Inline content: plain text (soft line breaks kept as `\n`) or one formatted span.
 * `title` is `''` when the source gave none.
 */
export type Inline =
  | string
  | { t: 'em' | 'strong' | 'del'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'br' }
  | { t: 'a'; href: string; title: string; c: Inline[] }
  | { t: 'img'; src: string; alt: string; title: string };

/** A table column's alignment from its delimiter-row cell; `''` when none. */
export type Align = '' | 'left' | 'center' | 'right';

/** One list item; `task` is present for `[ ]` / `[x]` items and holds the checked state. */
export interface ListItem {
  c: Block[];
  task?: boolean;
}

/**
 * A block. `level` is the markdown level (1–6); the renderer shifts it because an answer is
 * not the page's h1. A list is `loose` when its items render their paragraphs in `<p>`.
 */
export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'h'; level: number; c: Inline[] }
  | { t: 'code'; lang: string; v: string }
  | { t: 'quote'; c: Block[] }
  | { t: 'list'; ordered: boolean; start: number; loose: boolean; items: ListItem[] }
  | { t: 'table'; align: Align[]; head: Inline[][]; rows: Inline[][][] }
  | { t: 'hr' };

/**
 * A top-level block with its place in the source: `start` is its offset, `raw` the source
 * from there up to the next top-level block (trailing blank lines included). Equal `raw`
 * at an equal `start` means an equal rendering, which is what streaming memoises on.
 */
export interface TopBlock {
  start: number;
  raw: string;
  block: Block;
  /** Parsed from a piece cut off a long block (stream-blocks.ts): rendered only when near the view. */
  cut?: true;
  /** Parsed at the end of an answer still being written, with something held back (see parseInline). */
  held?: true;
}
