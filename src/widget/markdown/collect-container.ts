import { blank, fence, indent, interrupts, LIST, SETEXT } from './block-rules';

/** Container markers at the start of a line inside a container, to see its innermost block. */
export const MARKERS = /^(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?)*/;

/**
 * Collects the lines of a block quote or list item from `lines[from]` on: each line `own`
 * accepts (returning it without the container's marker or indentation), plus lazy
 * continuation lines (§5.1): unmarked text continuing a paragraph. Whether the content ends
 * in a paragraph is judged from its last line and whether a fence is open, not by parsing
 * it, which keeps this linear; so a paragraph line indented four or more columns ends the
 * container where CommonMark would continue it lazily. Returns the content lines (one per
 * source line, so their count is the container's extent) and the first line after them.
 */
export function collect(lines: string[], from: number, own: (line: string, at: number) => string | undefined): [string[], number] {
  const body: string[] = [];
  let fenced = false;
  let at = from;
  for (; at < lines.length; at++) {
    const line = lines[at]!;
    let kept = own(line, at);
    if (kept === undefined) {
      const last = body.at(-1)?.replace(MARKERS, '') ?? '';
      if (blank(line) || fenced || blank(last) || indent(last) > 3 || interrupts(last) || interrupts(line) || LIST.test(line)) break;
      // A lazy `===` is paragraph text, never a setext underline (§4.3): escaped, the nested
      // parse cannot take it for one.
      kept = SETEXT.test(line) ? `\\${line.trim()}` : line;
    }
    if (fence(kept.replace(MARKERS, ''))) fenced = !fenced;
    body.push(kept);
  }
  return [body, at];
}
