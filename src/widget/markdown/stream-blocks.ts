import { parseBlocks } from './parse-blocks';
import type { TopBlock } from './tokens';

/** A parsed text: the input of the next incremental step. */
export interface ParsedText {
  text: string;
  blocks: TopBlock[];
}

/**
 * Parses `text` given the parse of an earlier prefix of it, re-parsing only the tail.
 *
 * Markdown never reopens a block once a later line has closed it (link reference
 * definitions, the one construct that reaches back, are not supported), so a top-level
 * block is final once the lines that decided where it ends are final. Those are the line
 * where the next block starts and the line after it (a table needs its delimiter row, a
 * paragraph line can turn out to be a setext underline). Only the last line of the earlier
 * text can still change, so the blocks kept are those before the last block that starts
 * before the second-to-last line; parsing restarts at that block. The work per call is the
 * size of the last block or two, not of the text. A fence left open runs to the end of the
 * text, so a blank line inside it is never taken for a boundary.
 *
 * If `text` does not extend `previous.text` everything is parsed again.
 */
export function parseIncrementally(previous: ParsedText | undefined, text: string): ParsedText {
  let keep = 0;
  // Not `startsWith`: V8 compares that character by character, slice-and-equals as memory.
  if (previous && text.slice(0, previous.text.length) === previous.text) {
    const before = previous.text;
    const last = before.lastIndexOf('\n');
    const settled = last > 0 ? before.lastIndexOf('\n', last - 1) + 1 : 0;
    keep = previous.blocks.length;
    while (keep && previous.blocks[keep - 1]!.start >= settled) keep--;
    keep = Math.max(keep - 1, 0);
  }
  const from = keep ? previous!.blocks[keep]!.start : 0;
  const blocks = parseBlocks(text.slice(from), from);
  return { text, blocks: keep ? previous!.blocks.slice(0, keep).concat(blocks) : blocks };
}
