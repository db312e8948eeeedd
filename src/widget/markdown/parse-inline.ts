import { emphasis, type Run } from './emphasis';
import { ENTITIES, ESCAPABLE } from './escapes';
import { buildTree, END, type Bracket, type Item } from './inline-tree';
import { linkTail } from './link-tail';
import type { Inline } from './tokens';

// Where the scanner has to look; everything between is copied as text in one slice. A bare
// URL counts only at the start, after whitespace or after `*_~(` (GFM §6.9).
const SPECIAL = /[\\`*_~[\]!<&\n]|(?<=^|[\s*_~(])(?:https?:\/\/|www\.)/g;
// `<scheme:…>` or `<address@host>` (§6.5); the address form is the one without a colon.
const AUTOLINK = /<([a-z][\w+.-]{1,31}:[^\0- <>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d-]+(?:\.[a-z\d-]+)*)>/iy;
const BARE = /(?:https?:\/\/|www\.)[\w-]+(?:\.[\w-]+)*(?:[/?#:][^\s<]*)?/y;
const ENTITY = /&(amp|lt|gt|quot|#39);/y;
/** A character's class for the flanking rules (§6.2): 0 whitespace (or none), 1 punctuation, 2 other. */
const kind = (c: string | undefined): number => (!c || /\s/.test(c) ? 0 : /[\p{P}\p{S}]/u.test(c) ? 1 : 2);

/** A bare URL without what GFM leaves out: trailing punctuation, unbalanced `)`. */
function trimUrl(url: string): string {
  let unbalanced = url.split(')').length - url.split('(').length;
  for (let last; (last = url.at(-1)) && (last === ')' ? unbalanced-- > 0 : '?!.,:*_~\'"'.includes(last)); ) url = url.slice(0, -1);
  return url;
}

const link = (href: string, text: string): Inline => ({ t: 'a', href, title: '', c: [text] });

/**
 * Parses a paragraph's (or heading's, or table cell's) text: code spans, `*`/`_` emphasis
 * and strong, `~`/`~~` strikethrough, inline links and images, `<…>` autolinks, bare
 * `http(s)://` and `www.` URLs, backslash escapes, hard and soft line breaks, and the five
 * {@link ENTITIES}. Raw HTML is text. One left-to-right scan, then CommonMark's delimiter
 * algorithm: linear in the input, hostile input included.
 */
export function parseInline(src: string): Inline[] {
  const items: Item[] = [];
  const runs: Run[] = [];
  const brackets: Bracket[] = [];
  // Code span lengths with no closer after the current position (as in CommonMark's
  // reference implementations): unmatched backticks stay linear.
  const noCloser = new Set<number>();
  let text = '';
  let seq = 0;
  let linked = 0;
  const push = (item: Item): void => {
    if (text) items.push(text);
    items.push(item);
    text = '';
  };
  for (let i = 0, end = 0; i < src.length; i = end) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(src);
    text += src.slice(i, m ? m.index : src.length);
    if (!m) break;
    const ch = m[0];
    i = m.index;
    end = i + 1;
    if ('`*_~'.includes(ch)) while (src[end] === ch) end++;
    const n = end - i;
    if (ch.length > 1) {
      BARE.lastIndex = i;
      const url = trimUrl(BARE.exec(src)?.[0] ?? '');
      if (url) push(link(ch === 'www.' ? `http://${url}` : url, url));
      else text += ch;
      end = i + (url || ch).length;
    } else if (ch === '\\') {
      const next = src[i + 1] ?? '';
      if (next === '\n') push({ t: 'br' });
      else text += ESCAPABLE.test(next) ? next : ch + next;
      end = i + 2;
    } else if (ch === '\n') {
      // Two trailing spaces make a hard break (§6.7); other trailing spaces go (§6.8).
      const hard = text.endsWith('  ');
      text = text.trimEnd();
      if (hard) push({ t: 'br' });
      else text += ch;
    } else if (ch === '`') {
      let close = -1;
      if (!noCloser.has(n)) for (close = end; (close = src.indexOf(src.slice(i, end), close)) >= 0 && src[close + n] === ch; ) while (src[close] === ch) close++;
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
      if ((o || c) && (ch !== '~' || n < 3)) {
        const run: Run = { ch, len: n, orig: n, o, c, pre: [], post: [] };
        push(run);
        runs.push(run);
      } else text += src.slice(i, end);
    } else if (ch === '[' || (ch === '!' && src[i + 1] === '[')) {
      const bracket: Bracket = { img: ch === '!', seq: ++seq, runs: runs.length };
      push(bracket);
      brackets.push(bracket);
      end = i + (bracket.img ? 2 : 1);
    } else if (ch === ']') {
      const bracket = brackets.pop();
      const tail = bracket && (bracket.img || bracket.seq > linked) ? linkTail(src, end) : undefined;
      if (tail) {
        // Emphasis inside link text is settled before the link closes (§6.3).
        emphasis(runs, bracket!.runs);
        runs.length = bracket!.runs;
        const { href, title } = tail;
        bracket!.node = bracket!.img ? { t: 'img', src: href, alt: '', title } : { t: 'a', href, title, c: [] };
        if (!bracket!.img) linked = seq;
        push(END);
        end = tail.end;
      } else text += ch;
    } else {
      // `<` for an autolink, `&` for an entity; anything else (a lone `!`) is text.
      const re = ch === '<' ? AUTOLINK : ENTITY;
      re.lastIndex = i;
      const found = re.exec(src);
      const v = found?.[1];
      if (!v) text += ch;
      else if (ch === '&') text += ENTITIES[v]!;
      else push(link(v.includes(':') ? v : `mailto:${v}`, v));
      end = i + (found?.[0].length ?? 1);
    }
  }
  if (text) items.push(text);
  emphasis(runs, 0);
  return buildTree(items);
}
