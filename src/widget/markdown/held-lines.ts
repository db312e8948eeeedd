import { openFence } from './block-rules';
import { MARKERS } from './collect-container';
import { tableHead } from './parse-table';
// A delimiter row, or the start of one (GFM §4.10): pipes, colons, dashes and spaces (and
// the `>` of a quote). One character class: a stricter pattern of optional parts, each
// able to match spaces, backtracks without end on a long line of spaces.
const DELIMITER = /^[ \t>|:-]*$/;
// The start of a thematic break: one or two of `-`, `*`, `_`.
const RULE_START = /^ {0,3}([-*_])\1?[ \t]*$/;

const pipe = (line: string | undefined): boolean => !!line?.includes('|');

/**
 * How many lines at the end of an answer still being written to hold back, because what
 * they are depends on the line to come: a row with a pipe, not in a table, is a table's
 * header if a delimiter row follows (and text otherwise); a header over the start of a
 * delimiter row is a table that cannot be drawn yet; `-` or `**` may become a thematic break.
 * Rows of a table whose delimiter row has come show as they arrive, and code is code.
 */
export function heldLines(lines: string[]): number {
  const n = lines.length;
  const last = lines[n - 1] ?? '';
  // Code is code: a code fence open before the last line, in a container or not, holds nothing.
  if (openFence(lines.slice(0, -1).map((line) => line.replace(MARKERS, '')))) return 0;
  if (RULE_START.test(last)) return 1;
  const delimiter = /\S/.test(last) && DELIMITER.test(last) && pipe(lines[n - 2]);
  if (!pipe(last) && !delimiter) return 0;
  if (delimiter && tableHead(lines, n - 2)) return 0;
  // Up the pipe rows above: a delimiter row under a header row makes the rows after it a table's.
  for (let k = n - 2; k > 0 && pipe(lines[k]); k--) if (lines[k]!.includes('-') && DELIMITER.test(lines[k]!) && pipe(lines[k - 1])) return 0;
  return delimiter ? 2 : 1;
}
