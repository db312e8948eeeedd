// Line classifiers shared by the block parsers (CommonMark §4–5). Indentation is measured in
// columns with tab stops of 4, but lines are never rewritten, so a tab inside a code block
// reaches the copy button as the tab it was.

/** An ATX heading (§4.2): marks, then content that may end in a closing run of `#`. */
export const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*)|[ \t]*)$/;
/** A thematic break (§4.1). */
export const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** A setext underline (§4.3); group 1 is set for `=` (level 1). */
export const SETEXT = /^ {0,3}(?:(=+)|-+)[ \t]*$/;
/** A block quote marker with the optional space after it (§5.1). */
export const QUOTE = /^ {0,3}>[ \t]?/;
/** A list marker (§5.2): a bullet, or a number and its delimiter. */
export const LIST = /^ {0,3}(?:([-+*])|(\d{1,9})([.)]))(?=[ \t]|$)/;

/** Whether a line is blank (only spaces and tabs) or missing. */
export const blank = (line: string | undefined): boolean => !line || /^[ \t]*$/.test(line);

/** Walks leading spaces and tabs (tab stops of 4) until `n` columns: the columns and characters passed. */
function walk(line: string, n: number): [columns: number, chars: number] {
  let col = 0;
  let i = 0;
  for (; col < n && (line[i] === ' ' || line[i] === '\t'); i++) col = line[i] === ' ' ? col + 1 : col + 4 - (col % 4);
  return [col, i];
}

/** The indentation of a line in columns. */
export const indent = (line: string): number => walk(line, 1e9)[0];

/**
 * Removes up to `n` columns of indentation. A tab that straddles column `n` leaves the rest
 * of its width as spaces, so content keeps its alignment.
 */
export function strip(line: string, n: number): string {
  const [col, i] = walk(line, n);
  return ' '.repeat(Math.max(col - n, 0)) + line.slice(i);
}

/** An opening code fence (§4.5): indent, marker run, info string. A backtick fence's info has no backtick. */
export function fence(line: string): [indent: number, marks: string, info: string] | undefined {
  const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
  return m && !(m[2]![0] === '`' && m[3]!.includes('`')) ? [m[1]!.length, m[2]!, m[3]!] : undefined;
}

/** Whether `line` closes a fence opened with `marks` (§4.5): at least as many of the same character, indented less than 4 columns. */
export function closes(line: string, marks: string): boolean {
  const run = line.trim();
  return indent(line) < 4 && run.length >= marks.length && run === marks[0]!.repeat(run.length);
}

/** The opening line of a code fence still open at the end of `lines`, with its line end, or `''`. */
export function openFence(lines: string[]): string {
  let open = '';
  let marks = '';
  for (const line of lines) {
    const found = !open && fence(line);
    if (found) [open, marks] = [`${line}\n`, found[1]];
    else if (open && closes(line, marks)) open = '';
  }
  return open;
}

/**
 * Whether a line starts a block that ends a paragraph (§4.8, §5.2): a fence, ATX heading,
 * thematic break, block quote, or a list item that is not empty and, if ordered, starts at 1.
 * Indented code never does.
 */
export function interrupts(line: string): boolean {
  const item = LIST.exec(line);
  return !!(fence(line) || ATX.test(line) || HR.test(line) || QUOTE.test(line) || (item && !blank(line.slice(item[0].length)) && (item[1] || +item[2]! === 1)));
}
