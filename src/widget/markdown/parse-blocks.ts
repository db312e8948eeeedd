import { ATX, blank, closes, fence, HR, indent, interrupts, LIST, QUOTE, SETEXT, strip } from './block-rules';
import { collect } from './collect-container';
import { unescape } from './escapes';
import { parseInline } from './parse-inline';
import { parseList } from './parse-list';
import { parseTable, tableHead } from './parse-table';
import type { Block, TopBlock } from './tokens';

/**
 * Block quotes and lists nested deeper than this are read as paragraphs: ten thousand `>`
 * must not overflow the stack of this parser or of the renderer.
 */
const MAX_DEPTH = 16;

/** A paragraph, or a setext heading when an underline ends it (§4.3, §4.8). */
function paragraph(lines: string[], at: number): [Block, number] {
  const text = [lines[at]!.trimStart()];
  let level = 0;
  for (let underline; !blank(lines[++at]); text.push(lines[at]!.trimStart())) {
    if ((underline = SETEXT.exec(lines[at]!))) {
      level = underline[1] ? 1 : 2;
      at++;
      break;
    }
    if (interrupts(lines[at]!) || tableHead(lines, at)) break;
  }
  const c = parseInline(text.join('\n').trimEnd());
  return [level ? { t: 'h', level, c } : { t: 'p', c }, at];
}

/** Parses the block at `lines[at]` (not blank); returns it and the line after it. */
function block(lines: string[], at: number, depth: number): [Block, number] {
  const line = lines[at]!;
  const open = fence(line);
  const heading = ATX.exec(line);
  let next = at;
  if (indent(line) > 3) {
    for (let k = at; k < lines.length && (blank(lines[k]) || indent(lines[k]!) > 3); k++) if (!blank(lines[k])) next = k;
    return [{ t: 'code', lang: '', v: lines.slice(at, ++next).map((l) => strip(l, 4)).join('\n') }, next];
  }
  if (open) {
    const [column, marks, info] = open;
    const body: string[] = [];
    // An unclosed fence runs to the end of its container: while an answer streams, the code
    // so far is code, not paragraphs that later jump into a code block.
    while (++next < lines.length && !closes(lines[next]!, marks)) body.push(strip(lines[next]!, column));
    return [{ t: 'code', lang: unescape(info.trim().split(/\s/)[0]!), v: body.join('\n') }, next + 1];
  }
  if (heading) {
    // A closing run of `#` goes only after a space (§4.2); scanned by hand because an
    // end-anchored regex would retry from every position of a long line.
    const content = (heading[2] ?? '').trimEnd();
    let cut = content.length;
    while (content[cut - 1] === '#') cut--;
    return [{ t: 'h', level: heading[1]!.length, c: parseInline((!cut || /\s/.test(content[cut - 1]!) ? content.slice(0, cut) : content).trim()) }, at + 1];
  }
  if (HR.test(line)) return [{ t: 'hr' }, at + 1];
  if (depth < MAX_DEPTH && QUOTE.test(line)) {
    const [body, after] = collect(lines, at, (l) => (QUOTE.test(l) ? l.replace(QUOTE, '') : undefined));
    return [{ t: 'quote', c: blocks(body, depth + 1, []) }, after];
  }
  if (depth < MAX_DEPTH && LIST.test(line)) return parseList(lines, at, (body, spans) => blocks(body, depth + 1, spans));
  return parseTable(lines, at) ?? paragraph(lines, at);
}

/** Parses lines into blocks, pushing each block's `[start, end)` line span to `spans`. */
function blocks(lines: string[], depth: number, spans: number[]): Block[] {
  const out: Block[] = [];
  for (let at = 0, next; at < lines.length; at = next) {
    next = at + 1;
    if (!blank(lines[at])) {
      const [found, end] = block(lines, at, depth);
      out.push(found);
      spans.push(at, (next = end));
    }
  }
  return out;
}

/**
 * Parses markdown into top-level blocks with their source offsets (`base` is added to each
 * `start`, for parsing the tail of a longer text). Block syntax: ATX and setext headings,
 * paragraphs, fenced and indented code, block quotes, bullet and ordered lists (loose,
 * tight, task items), GFM tables, thematic breaks. No HTML blocks and no link reference
 * definitions: both are plain text.
 */
export function parseBlocks(src: string, base = 0): TopBlock[] {
  const raw = src.split('\n');
  const spans: number[] = [];
  const lines = raw.map((line) => line.replace(/\r$/, ''));
  // A final line ending ends the last line; it does not start an empty one (which would
  // show as a blank line at the end of a fence that is still open).
  if (!lines.at(-1)) lines.pop();
  const found = blocks(lines, 0, spans);
  const offsets = [0];
  for (const line of raw) offsets.push(offsets.at(-1)! + line.length + 1);
  return found.map((block, k) => {
    const start = offsets[spans[2 * k]!]!;
    return { start: base + start, raw: src.slice(start, offsets[spans[2 * k + 2]!] ?? src.length), block };
  });
}
