import { blank, interrupts } from './block-rules';
import type { ParseContext } from './parse-context';
import { parseInline } from './parse-inline';
import type { Align, Block } from './tokens';

/**
 * A row's cells (GFM §4.10): outer pipes optional, `\|` is a pipe inside a cell — also inside
 * a code span, which is why the escape is resolved here and not by the inline parser.
 */
const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||([^\\])\|$/g, '$1')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.replace(/\\\|/g, '|').trim());

/**
 * The header cells if `lines[at]` starts a table: a row with a pipe over a delimiter row
 * with as many cells. A table may interrupt a paragraph, as in GitHub's renderer.
 */
export function tableHead(lines: string[], at: number): string[] | undefined {
  const line = lines[at]!;
  const below = lines[at + 1] ?? '';
  if (!line.includes('|') || !below.includes('|')) return undefined;
  const head = cells(line);
  const marks = cells(below);
  return marks.length === head.length && marks.every((cell) => /^:?-+:?$/.test(cell)) ? head : undefined;
}

/**
 * Parses a GFM table at `lines[at]`: header, delimiter row (alignment), then body rows until a
 * blank line or the start of another block. Short rows are padded, extra cells dropped; a
 * `<br>` in a cell is a line break. Returns the table and the line after it, or `undefined`
 * if no table starts here. `open`: the lines end where an answer is still being written, so
 * the last cell of a last row may be cut (see parseInline).
 */
export function parseTable(lines: string[], at: number, cx: ParseContext, open: boolean): [Block, number] | undefined {
  const head = tableHead(lines, at);
  if (!head) return undefined;
  const align = cells(lines[at + 1]!).map((cell): Align => (cell.endsWith(':') ? (cell[0] === ':' ? 'center' : 'right') : cell[0] === ':' ? 'left' : ''));
  const rows = [];
  let next = at + 2;
  for (; !blank(lines[next]) && !interrupts(lines[next]!); next++) {
    const row = cells(lines[next]!);
    const cut = open && next + 1 === lines.length ? row.length - 1 : -1;
    rows.push(head.map((_, k) => parseInline(row[k] ?? '', { cx, open: k === cut, cell: true })));
  }
  return [{ t: 'table', align, head: head.map((cell) => parseInline(cell, { cx, cell: true })), rows }, next];
}
