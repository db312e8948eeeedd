import { ATX, blank, closes, fence, HR, indent, interrupts, LIST, QUOTE, SETEXT, strip } from './block-rules';
import { collect } from './collect-container';
import { unescape } from './escapes';
import { takeDefinitions } from './link-definitions';
import type { ParseContext } from './parse-context';
import { parseInline } from './parse-inline';
import { parseList } from './parse-list';
import { parseTable, tableHead } from './parse-table';
import { heldLines } from './held-lines';
import type { Block, TopBlock } from './tokens';

/**
 * Block quotes and lists nested deeper than this are read as paragraphs: ten thousand `>`
 * must not overflow the stack of this parser or of the renderer.
 */
const MAX_DEPTH = 16;

/** The start of a link reference definition (§4.7): a label and a colon. */
const PARTIAL_DEFINITION = /^\[(?:[^\\[\]]|\\[^]){1,999}\]:/;

/**
 * A paragraph, or a setext heading when an underline ends it (§4.3, §4.8), after the link
 * reference definitions at its start; `undefined` when it was only definitions.
 */
function paragraph(lines: string[], at: number, cx: ParseContext, open: boolean): [Block | undefined, number] {
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
  const joined = text.join('\n');
  const rest = joined[0] === '[' ? takeDefinitions(joined, cx) : joined;
  const end = open && !level && at === lines.length;
  if (end && PARTIAL_DEFINITION.test(rest)) {
    // A definition still being written (its title, say): it shows nothing when done.
    cx.held++;
    return [undefined, at];
  }
  // A setext underline under nothing but definitions is text (§4.7); a run of `=` or `-`
  // holds no inline syntax.
  if (!rest) return [level ? { t: 'p', c: [lines[at - 1]!.trim()] } : undefined, at];
  const c = parseInline(rest.trimEnd(), { cx, open: end });
  return [level ? { t: 'h', level, c } : { t: 'p', c }, at];
}

/**
 * Parses the block at `lines[at]` (not blank); returns it (none for link reference
 * definitions) and the line after it. `open`: the lines end where an answer is still being
 * written (see parseInline).
 */
function block(lines: string[], at: number, depth: number, cx: ParseContext, open: boolean): [Block | undefined, number] {
  const line = lines[at]!;
  const fenced = fence(line);
  const heading = ATX.exec(line);
  let next = at;
  if (indent(line) > 3) {
    for (let k = at; k < lines.length && (blank(lines[k]) || indent(lines[k]!) > 3); k++) if (!blank(lines[k])) next = k;
    return [{ t: 'code', lang: '', v: lines.slice(at, ++next).map((l) => strip(l, 4)).join('\n') }, next];
  }
  if (fenced) {
    const [column, marks, info] = fenced;
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
    const c = parseInline((!cut || /\s/.test(content[cut - 1]!) ? content.slice(0, cut) : content).trim(), { cx, open: open && at + 1 === lines.length });
    return [{ t: 'h', level: heading[1]!.length, c }, at + 1];
  }
  if (HR.test(line)) return [{ t: 'hr' }, at + 1];
  if (depth < MAX_DEPTH && QUOTE.test(line)) {
    const [body, after] = collect(lines, at, (l) => (QUOTE.test(l) ? l.replace(QUOTE, '') : undefined));
    return [{ t: 'quote', c: blocks(body, depth + 1, [], cx, open && after === lines.length) }, after];
  }
  if (depth < MAX_DEPTH && LIST.test(line)) return parseList(lines, at, (body, spans, end) => blocks(body, depth + 1, spans, cx, open && end));
  return parseTable(lines, at, cx, open) ?? paragraph(lines, at, cx, open);
}

/**
 * Parses lines into blocks, pushing each block's `[start, end)` line span to `spans`;
 * `offsets[k]`, when given, is where line `k` starts in the top-level source.
 */
function blocks(lines: string[], depth: number, spans: number[], cx: ParseContext, open: boolean, offsets?: number[]): Block[] {
  const out: Block[] = [];
  for (let at = 0, next; at < lines.length; at = next) {
    next = at + 1;
    if (!blank(lines[at])) {
      if (offsets) cx.at = offsets[at]!;
      const [found, end] = block(lines, at, depth, cx, open);
      next = end;
      if (found) {
        out.push(found);
        spans.push(at, end);
      }
    }
  }
  return out;
}

/**
 * Parses markdown into top-level blocks with their source offsets (`base` is added to each
 * `start`, for parsing the tail of a longer text). Block syntax: ATX and setext headings,
 * paragraphs, fenced and indented code, block quotes, bullet and ordered lists (loose,
 * tight, task items), GFM tables, thematic breaks, link reference definitions (not shown).
 * No HTML blocks: they are plain text.
 *
 * `cx` carries the definitions across the parses of one text's parts and notes the labels
 * used before their definition (parseIncrementally parses such a text again).
 *
 * `open`: the text is cut where an answer is still being written. What may yet turn into
 * something else is held back: see {@link heldLines} for lines, parseInline for inline
 * markers. The last block is marked `held` when something was.
 */
export function parseBlocks(src: string, base: number, cx: ParseContext, open: boolean): TopBlock[] {
  const raw = src.split('\n');
  const spans: number[] = [];
  const lines = raw.map((line) => line.replace(/\r$/, ''));
  // A final line ending ends the last line; it does not start an empty one (which would
  // show as a blank line at the end of a fence that is still open).
  if (!lines.at(-1)) lines.pop();
  const offsets = [0];
  for (const line of raw) offsets.push(offsets.at(-1)! + line.length + 1);
  const before = cx.held;
  const shown = open ? lines.length - heldLines(lines) : lines.length;
  if (shown < lines.length) cx.held++;
  const found = blocks(lines.slice(0, shown), 0, spans, cx, open, offsets.map((offset) => base + offset));
  return found.map((block, k) => {
    const start = offsets[spans[2 * k]!]!;
    const top: TopBlock = { start: base + start, raw: src.slice(start, offsets[spans[2 * k + 2]!] ?? src.length), block };
    if (k === found.length - 1 && cx.held > before) top.held = true;
    return top;
  });
}
