import { openFence } from './block-rules';
import { parseBlocks } from './parse-blocks';
import { forgetFrom, parseContext, type ParseContext } from './parse-context';
import type { TopBlock } from './tokens';

/**
 * The most source one parse reads: a block longer than this (a model repeating itself in one
 * paragraph, a list or a code block that never ends) is parsed, rendered and laid out in
 * pieces of about this size. One piece re-parsed, and one paragraph laid out again, per frame
 * stay far under a frame's time; a 256 KB paragraph took 94 ms of layout alone.
 */
export const PIECE = 8_192;

/** The most new text one incremental step takes on; the rest waits for the next step (frame). */
export const STEP = 2 * PIECE;

/** A parsed text: the input of the next incremental step. */
export interface ParsedText {
  /** What was parsed: the text given, or its start when a step could not take all of it. */
  text: string;
  blocks: TopBlock[];
  /** Where the last cut of a long block was: nothing before it is parsed again. */
  floor: number;
  /** The opening line of a code fence that the cut left open, parsed again before the text from `floor`. */
  reopen: string;
  /** The link reference definitions so far (updated in place: a parsed text is the input of one next step only). */
  cx: ParseContext;
  /** `text` ends where the answer is still being written, or where this step stopped: its tail is held back. */
  open: boolean;
}

/**
 * How many of `blocks` are final in `seen`, not counting blocks before `floor` (a cut froze
 * them). Markdown never reopens a block once a later line has closed it (but for a link
 * reference definition, which parseIncrementally handles when the text ends), so a top-level block
 * is final once the lines that decided where it ends are final: the line where the next block
 * starts and the line after it (a table needs its delimiter row, a paragraph line can turn
 * out to be a setext underline). Only the last line of `seen` can still change, so the
 * blocks kept are those before the last block that starts before the second-to-last line.
 */
function settled(blocks: TopBlock[], seen: string, floor: number): number {
  const tail = seen.slice(floor);
  const last = tail.lastIndexOf('\n');
  const line = floor + (last > 0 ? tail.lastIndexOf('\n', last - 1) + 1 : 0);
  let keep = blocks.length;
  while (keep && blocks[keep - 1]!.start >= line) keep--;
  return keep && blocks[keep - 1]!.start >= floor ? keep - 1 : keep;
}

/** Parses `src` found at `from`, after `reopen` (a fence's opening line that is not part of it). */
const parseAt = (reopen: string, src: string, from: number, cx: ParseContext, open = false): TopBlock[] =>
  parseBlocks(reopen + src, from - reopen.length, cx, open).map((top) => (top.start < from ? { ...top, start: from, raw: top.raw.slice(reopen.length) } : top));

/** Where to cut a piece of a long block: after its last line break, else after its last space, else at its end (not inside a surrogate pair). */
const cutIn = (piece: string): number => piece.lastIndexOf('\n') + 1 || piece.search(/\s\S*$/) + 1 || piece.length - +/[\uD800-\uDBFF]$/.test(piece);

/**
 * Parses `text` given the parse of an earlier prefix of it, re-parsing only the tail: the
 * blocks that are not final yet (see {@link settled}). The work per call is the size of the
 * last block or two, up to a {@link PIECE}: a block longer than that is cut into pieces, each
 * parsed on its own as soon as the text passes it, after a line break (else a space) near its
 * end, a code fence open at a cut being opened again after it. So a long paragraph shows as
 * paragraphs, a long code block as consecutive code blocks, a long list as lists. One call
 * takes at most {@link STEP} characters more than `previous` had (all of `text` when there is
 * no previous parse and `all` is set): call again with the same text until `text` is all parsed.
 * Cuts depend on the text only, so parsing a text at once or as it streams gives the same blocks.
 *
 * `known`: definitions known in advance, for a parse that starts afresh.
 *
 * `open`: the answer is still being written. The tail of an open text, or of a step that
 * did not reach the end of `text`, is held back where it may still change (see parseBlocks).
 * A re-parsed block equal to the one it replaces (same source, nothing held back) is kept
 * as the same object, which is what rendering memoises on.
 *
 * A link reference definition may come after its use. Blocks are not parsed again when one
 * arrives, but when a finished text had used a label defined later, it is parsed again
 * once, with all its definitions known: the same blocks as a parse of the whole text.
 *
 * If `text` does not extend `previous.text` everything is parsed again.
 */
export function parseIncrementally(previous: ParsedText | undefined, text: string, all = false, open = false, known = parseContext()): ParsedText {
  // Not `startsWith`: V8 compares that character by character, slice-and-equals as memory.
  const grows = previous && text.slice(0, previous.text.length) === previous.text;
  const full = text;
  let { floor, reopen, blocks, cx } = grows ? previous : { floor: 0, reopen: '', blocks: [] as TopBlock[], cx: known };
  // What was known in advance is of the previous text: the tail parsed again finds its own.
  if (grows) cx.advance.clear();
  const old = blocks;
  const keep = grows ? settled(blocks, previous.text, floor) : 0;
  let from = blocks[keep]?.start ?? floor;
  blocks = blocks.slice(0, keep);
  forgetFrom(cx, from);
  // A step may end between the two halves of a surrogate pair: the next step, a frame later, mends it.
  const end = grows || !all ? Math.min(text.length, (grows ? previous.text.length : 0) + STEP) : text.length;
  text = text.slice(0, end);
  open ||= end < full.length;
  for (;;) {
    const start = from === floor ? reopen : '';
    if (end - from <= PIECE) {
      for (const top of parseAt(start, text.slice(from), from, cx, open)) {
        const was = old[blocks.length];
        blocks.push(was && was.start === top.start && was.raw === top.raw && !was.held && !top.held ? was : top);
      }
      if (!open && [...cx.missed].some((label) => cx.defs.has(label))) {
        // A label used before its definition: parse again knowing them all (once: nothing is missed then that is defined).
        return parseIncrementally(undefined, full, true, false, parseContext(cx.defs));
      }
      return { text, blocks, floor, reopen, cx, open };
    }
    // More than a piece is unsettled: parse a piece; its final blocks stay, and a block
    // that fills it is cut.
    const piece = text.slice(from, from + PIECE);
    const found = parseAt(start, piece, from, cx);
    const done = settled(found, text.slice(0, from + PIECE), from);
    if (done) {
      forgetFrom(cx, found[done]!.start);
      blocks.push(...found.slice(0, done));
      from = found[done]!.start;
    } else {
      const cut = from + cutIn(piece);
      forgetFrom(cx, from);
      for (const top of parseAt(start, text.slice(from, cut), from, cx)) blocks.push({ ...top, cut: true });
      reopen = openFence((start + text.slice(from, cut)).split('\n'));
      floor = from = cut;
    }
  }
}
