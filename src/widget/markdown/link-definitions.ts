import { unescape } from './escapes';
import { matchAt } from './match-at';
import { define, type ParseContext } from './parse-context';

// A link reference definition at the start of a paragraph's text (CommonMark §4.7): a label
// of at most 999 characters without unescaped brackets, `:`, a destination (on the next line
// if need be), and a title after whitespace, on the same line or the next. Nothing but
// spaces may follow on its last line; when a title is followed by more, the definition ends
// after the destination (if a line ends there) and the title line is paragraph text. The
// whitespace runs are taken atomically (`(?=(…))\n`), so a long run of spaces before a
// failing title costs linear time, not a retry per split of the run.
const DEFINITION =
  /[ ]{0,3}\[((?:[^\\[\]]|\\[^]){1,999})\]:(?=([ \t]*\n?[ \t]*))\2(<(?:[^\n<>\\]|\\.)*>|(?!<)(?:[^ \t\n()\\]|\\.|\((?:[^ \t\n()\\]|\\.)*\))+)(?:(?=([ \t]*\n?[ \t]*))\4(?<=[ \t\n])("(?:[^"\\]|\\[^])*"|'(?:[^'\\]|\\[^])*'|\((?:[^()\\]|\\[^])*\))(?=([ \t]*))\6(?:\n|$)|(?=([ \t]*))\7(?:\n|$))/y;

/**
 * Takes the link reference definitions off the start of a paragraph's text (its lines joined,
 * leading spaces kept), records them in `cx`, and returns the text left: the paragraph
 * proper, or `''` when it was all definitions.
 */
export function takeDefinitions(text: string, cx: ParseContext): string {
  let at = 0;
  for (let m; (m = matchAt(DEFINITION, text, at)); at = DEFINITION.lastIndex) {
    if (!/\S/.test(m[1]!)) break;
    const dest = m[3]!;
    define(cx, m[1]!, unescape(dest[0] === '<' ? dest.slice(1, -1) : dest), unescape(m[5]?.slice(1, -1) ?? ''));
  }
  return text.slice(at);
}
