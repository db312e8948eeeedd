/** Where a link reference definition points (CommonMark §4.7). */
export interface LinkDef {
  href: string;
  title: string;
  /** The offset of the top-level block it was found in: re-parsing from there forgets it. */
  at: number;
}

/**
 * What the parse of one text shares across its blocks: the link reference definitions found
 * so far and the labels looked up in vain. A definition may come after its use (a model's
 * citations come last), so a text whose missed labels were defined later is parsed again,
 * once, with every definition known (see stream-blocks.ts).
 */
export interface ParseContext {
  /** By normalised label; the first definition of a label wins. */
  defs: Map<string, LinkDef>;
  /** The labels in `defs` in the order they were added, to forget a re-parsed tail's. */
  order: string[];
  /**
   * The definitions known in advance, found in this very text by an earlier parse: forgetting
   * where one was found keeps it known. Emptied when the text grows, as they may have changed.
   */
  advance: Map<string, LinkDef>;
  missed: Set<string>;
  /** The offset of the top-level block being parsed. */
  at: number;
  /** Counts what the parse of an open tail held back (see {@link parseInline}). */
  held: number;
}

/** A context with no definitions, or with `defs` known in advance (kept whatever is parsed again). */
export function parseContext(defs?: Map<string, LinkDef>): ParseContext {
  const advance = new Map([...(defs ?? [])].map(([label, def]) => [label, { ...def, at: -1 }]));
  return { defs: new Map(advance), order: [], advance, missed: new Set(), at: 0, held: 0 };
}

/**
 * A link label as labels match (§4.7): case-folded, inner whitespace collapsed. `ß` folds to
 * `ss` and `ẞ` to `ß` under `toUpperCase`/`toLowerCase` alone, hence both.
 */
export const normalizeLabel = (label: string): string => label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase();

/**
 * Records a definition unless its label has one already. A definition known in advance is
 * the first of its label in the text, so the first one found takes its place in the text.
 */
export function define(cx: ParseContext, label: string, href: string, title: string): void {
  const key = normalizeLabel(label);
  const known = cx.defs.get(key);
  if (known && known.at >= 0) return;
  cx.defs.set(key, known ? { ...known, at: cx.at } : { href, title, at: cx.at });
  cx.order.push(key);
}

/**
 * Forgets the definitions found from offset `from` on (the text from there is parsed again).
 * One known in advance stays known, as before it was found: a use before it in the text
 * parsed again must still find it, or the text would be parsed again for it, and again.
 */
export function forgetFrom(cx: ParseContext, from: number): void {
  while (cx.order.length && cx.defs.get(cx.order.at(-1)!)!.at >= from) {
    const label = cx.order.pop()!;
    const known = cx.advance.get(label);
    if (known) cx.defs.set(label, known);
    else cx.defs.delete(label);
  }
}
