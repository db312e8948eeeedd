import { unescape } from './escapes';
import { matchAt } from './match-at';

// `(destination "title")` after a `]` (CommonMark §6.3): the destination in `<…>` (no line
// ending, no unescaped `<>`) or bare (no whitespace, parentheses balanced one level deep),
// then an optional title in "…", '…' or (…). Whitespace here is ASCII's (a no-break space
// is part of a destination, §6.3). Adjacent parts never match the same
// character, so a hostile run of spaces or quotes costs linear time, not the catastrophic
// backtracking of a looser pattern.
const TAIL =
  /\([ \t\n]*(?:<((?:[^\n<>\\]|\\.)*)>|(?!<)((?:[^ \t\n()\\]|\\.|\((?:[^ \t\n()\\]|\\.)*\))*))(?:[ \t\n]+("(?:[^"\\]|\\[^])*"|'(?:[^'\\]|\\[^])*'|\((?:[^()\\]|\\[^])*\)))?[ \t\n]*\)/y;

/** A parsed link tail: where it points, its title (`''` if none) and where it ends. */
export interface LinkTail {
  href: string;
  title: string;
  end: number;
}

/** Reads a link tail starting at `src[at]`, or `undefined` if there is none there. */
export function linkTail(src: string, at: number): LinkTail | undefined {
  const m = matchAt(TAIL, src, at);
  return m ? { href: unescape(m[1] ?? m[2]!), title: unescape(m[3]?.slice(1, -1) ?? ''), end: TAIL.lastIndex } : undefined;
}
