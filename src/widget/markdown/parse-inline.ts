import { emphasis, type Run } from './emphasis';
import { decodeEntity, ENTITY, ESCAPABLE } from './escapes';
import { buildTree, END, type Bracket, type Item } from './inline-tree';
import { linkTail } from './link-tail';
import { matchAt } from './match-at';
import { normalizeLabel, parseContext, type ParseContext } from './parse-context';
import type { Inline } from './tokens';

// Where the scanner has to look; everything between is copied as text in one slice. A bare
// URL counts only at the start, after whitespace or after `*_~(` (GFM §6.9).
const SPECIAL = /[\\`*_~[\]!<&\n]|(?<=^|[\s*_~(])(?:https?:\/\/|www\.)/g;
// `<scheme:…>` or `<address@host>` (§6.5); the address form is the one without a colon.
const AUTOLINK = /<([a-z][\w+.-]{1,31}:[^\0- <>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d-]+(?:\.[a-z\d-]+)*)>/iy;
// A bare URL stops at `<`, and at `&` when a character reference ends the URL (GFM §6.9:
// `www.a.com&hl;` links `www.a.com`).
const BARE = /(?:https?:\/\/|www\.)[\w-]+(?:\.[\w-]+)*(?:[/?#:](?:[^\s<&]|&(?![a-z\d]+;(?![^\s<])))*)?/iy;
// A link label right after a `]` (§4.7): `[]`, or up to 999 characters without brackets.
const LABEL = /\[((?:[^\\[\]]|\\[^]){0,999})\]/y;
// What an open tail may still turn into something else: the start of an autolink, of a
// character reference.
const OPEN_AUTOLINK = /<[^\0- <>]*$/y;
const OPEN_ENTITY = /&#?[\da-z]*$/iy;
const BR = /<br[ \t]*\/?>/iy;
/** A character's class for the flanking rules (§6.2): 0 whitespace (or none), 1 punctuation, 2 other. */
const kind = (c: string | undefined): number => (!c || /\s/.test(c) ? 0 : /[\p{P}\p{S}]/u.test(c) ? 1 : 2);

/** A bare URL without what GFM leaves out: trailing punctuation, unbalanced `)`. */
function trimUrl(url: string): string {
  let unbalanced = url.split(')').length - url.split('(').length;
  for (let last; (last = url.at(-1)) && (last === ')' ? unbalanced-- > 0 : '?!.,:*_~\'"'.includes(last)); ) url = url.slice(0, -1);
  return url;
}

const link = (href: string, text: string): Inline => ({ t: 'a', href, title: '', c: [text] });

/** How to parse one piece of inline content. */
export interface InlineOptions {
  /** Link reference definitions, and where to note labels not found. */
  cx?: ParseContext | undefined;
  /**
   * The content is cut where an answer is still being written: markers that may yet pair
   * with text to come are held back (not shown), so the visitor never sees `**`, a backtick
   * or a half-written `[text](url` for a moment.
   */
  open?: boolean | undefined;
  /** A table cell: `<br>` is a line break, as models write one in a cell. */
  cell?: boolean | undefined;
}

/**
 * Parses a paragraph's (or heading's, or table cell's) text: code spans, `*`/`_` emphasis
 * and strong, `~`/`~~` strikethrough, inline and reference links and images, `<…>`
 * autolinks, bare `http(s)://` and `www.` URLs, backslash escapes, hard and soft line
 * breaks, and character references. Raw HTML is text. One left-to-right scan, then
 * CommonMark's delimiter algorithm: linear in the input, hostile input included.
 *
 * An open text (`open`) holds back what is not settled at its end: a delimiter run that can
 * open but has not closed, or that touches the end; an unclosed `[`; a `]` at the end or
 * followed by a link destination or label still being written; a backslash, `!`, `<…` or
 * `&…` at the end. A code span still open runs to the end as code.
 */
export function parseInline(src: string, { cx = parseContext(), open = false, cell = false }: InlineOptions = {}): Inline[] {
  const items: Item[] = [];
  const runs: Run[] = [];
  const brackets: Bracket[] = [];
  // Code span lengths with no closer after the current position (as in CommonMark's
  // reference implementations): unmatched backticks stay linear.
  const noCloser = new Set<number>();
  const lastParen = src.lastIndexOf(')');
  const lastClose = src.lastIndexOf(']');
  let text = '';
  let seq = 0;
  let linked = 0;
  const push = (item: Item): void => {
    if (text) items.push(text);
    items.push(item);
    text = '';
  };
  for (let i = 0, end = 0; i < src.length; i = end) {
    const m = matchAt(SPECIAL, src, i);
    text += src.slice(i, m ? m.index : src.length);
    if (!m) break;
    const ch = m[0];
    i = m.index;
    end = i + 1;
    if ('`*_~'.includes(ch)) while (src[end] === ch) end++;
    const n = end - i;
    // What touches the end of an open text may still grow, or find out what follows it.
    const tail = open && end === src.length;
    if (tail && '\\`!'.includes(ch)) {
      cx.held++;
      break;
    }
    if (ch.length > 1) {
      const url = trimUrl(matchAt(BARE, src, i)?.[0] ?? '');
      if (url) push(link(ch === 'www.' ? `http://${url}` : url, url));
      else text += ch;
      end = i + (url || ch).length;
    } else if (ch === '\\') {
      const next = src[i + 1] ?? '';
      if (next === '\n') push({ t: 'br' });
      else text += ESCAPABLE.test(next) ? next : ch + next;
      end = i + 2;
    } else if (ch === '\n') {
      // Two trailing spaces make a hard break (§6.7); other trailing spaces go (§6.8). The
      // text so far is handed on at each line end: trimming a paragraph-long string at every
      // line would make a long paragraph of plain lines cost quadratic time.
      const hard = text.endsWith('  ');
      text = text.trimEnd();
      if (hard) push({ t: 'br' });
      else {
        if (text) items.push(text);
        text = ch;
      }
    } else if (ch === '`') {
      let close = -1;
      if (!noCloser.has(n)) for (close = end; (close = src.indexOf(src.slice(i, end), close)) >= 0 && src[close + n] === ch; ) while (src[close] === ch) close++;
      // An open text's unclosed span is code to its end: that is what it becomes when it closes.
      if (close < 0 && open) {
        cx.held++;
        close = src.length;
      }
      if (close < 0) {
        noCloser.add(n);
        text += src.slice(i, end);
      } else {
        // Line endings become spaces; one space goes from each side if both have one and
        // the content is not all spaces, so that `` ` `` shows a backtick (§6.1).
        const code = src.slice(end, close).replace(/\n/g, ' ');
        push({ t: 'code', v: code[0] === ' ' && code.at(-1) === ' ' && code.trim() ? code.slice(1, -1) : code });
        end = close + n;
      }
    } else if ('*_~'.includes(ch)) {
      const before = kind(src[i - 1]);
      const after = kind(src[end]);
      const left = after > 1 || (after && before < 2);
      const right = before > 1 || (before && after < 2);
      // `_` must not open or close inside a word, so snake_case stays text (§6.2).
      const o = !!left && (ch !== '_' || !right || before === 1);
      const c = !!right && (ch !== '_' || !left || after === 1);
      if (tail || ((o || c) && (ch !== '~' || n < 3))) {
        const run: Run = { ch, len: n, orig: n, o, c, tail, pre: [], post: [] };
        push(run);
        runs.push(run);
      } else text += src.slice(i, end);
    } else if (ch === '[' || (ch === '!' && src[i + 1] === '[')) {
      const bracket: Bracket = { img: ch === '!', seq: ++seq, runs: runs.length, at: i + (ch === '!' ? 2 : 1) };
      // A label cannot hold a bracket: the one before this can no longer be a shortcut reference.
      if (brackets.length) brackets.at(-1)!.inner = true;
      push(bracket);
      brackets.push(bracket);
      end = bracket.at;
    } else if (ch === ']') {
      const bracket = brackets.pop();
      const usable = bracket && (bracket.img || bracket.seq > linked);
      let target = usable ? linkTail(src, end) : undefined;
      if (usable && !target) {
        // A reference (§6.3): `[text][label]`, `[label][]` or `[label]`; a second label that
        // is not defined makes no link, and neither the first one on its own.
        const second = matchAt(LABEL, src, end);
        const label = second?.[1] || (!bracket!.inner && src.slice(bracket!.at, i));
        const key = label && label.length < 1000 && /\S/.test(label) && normalizeLabel(label);
        const def = key && cx.defs.get(key);
        if (def) target = { ...def, end: second ? LABEL.lastIndex : end };
        // Defined further on, it links when the text is parsed again (stream-blocks.ts).
        else if (key) cx.missed.add(key);
      }
      if (!target && open && bracket && (end === src.length || (src[end] === '(' && lastParen < end) || (src[end] === '[' && lastClose < end))) {
        // The destination or label is still being written: the link text shows, the rest waits.
        bracket.held = true;
        cx.held++;
        break;
      }
      if (target) {
        // Emphasis inside link text is settled before the link closes (§6.3).
        emphasis(runs, bracket!.runs);
        runs.length = bracket!.runs;
        const { href, title } = target;
        bracket!.node = bracket!.img ? { t: 'img', src: href, alt: '', title } : { t: 'a', href, title, c: [] };
        if (!bracket!.img) linked = seq;
        push(END);
        end = target.end;
      } else text += ch;
    } else if (ch === '<' && cell && matchAt(BR, src, i)) {
      push({ t: 'br' });
      end = BR.lastIndex;
    } else {
      // `<` for an autolink, `&` for a character reference; anything else (a lone `!`) is text.
      const re = ch === '<' ? AUTOLINK : ENTITY;
      const found = matchAt(re, src, i);
      const decoded = found && (ch === '&' ? decodeEntity(found[1], found[2], found[3]) : found[1]);
      if (decoded) {
        if (ch === '&') text += decoded;
        else push(link(decoded.includes(':') ? decoded : `mailto:${decoded}`, decoded));
        end = i + found![0].length;
      } else {
        const partial = open && ch !== '!' && (ch === '<' ? OPEN_AUTOLINK : OPEN_ENTITY);
        if (partial && matchAt(partial, src, i)) {
          cx.held++;
          break;
        }
        text += ch;
      }
    }
  }
  if (text) items.push(text);
  emphasis(runs, 0);
  if (open) {
    for (const run of runs) if (run.len && (run.tail || (run.o && !run.c))) (cx.held++, (run.len = 0));
    for (const bracket of brackets) (cx.held++, (bracket.held = true));
  }
  return buildTree(items);
}
