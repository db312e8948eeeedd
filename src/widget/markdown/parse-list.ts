import { blank, HR, indent, LIST, strip } from './block-rules';
import { collect } from './collect-container';
import type { Block, ListItem } from './tokens';

/**
 * Parses lines one container level down; pushes each block's `[start, end)` line span to
 * `spans`. `last`: the lines run to the end of the list's own lines.
 */
export type ParseNested = (lines: string[], spans: number[], last: boolean) => Block[];

/**
 * Parses a list at `lines[at]` (CommonMark §5.2–5.3): items with the same bullet, or the same
 * number delimiter, each taking the lines indented to its content column plus lazy
 * continuations. The list is loose when a blank line separates two items or two blocks
 * directly inside one item. A GFM task marker `[ ]`/`[x]` followed by text makes a task item.
 * Returns the list and the line after its last item.
 */
export function parseList(lines: string[], at: number, nested: ParseNested): [Block, number] {
  const first = LIST.exec(lines[at]!)!;
  const items: ListItem[] = [];
  let loose = false;
  let end = at;
  for (let m: RegExpExecArray | null = first; m && m[1] === first[1] && m[3] === first[3] && !HR.test(lines[at]!); m = LIST.exec(lines[at] ?? '')) {
    loose ||= at > end;
    const start = at;
    const width = m[0].length;
    // The marker becomes spaces so that a tab after it expands to the right column.
    const line = ' '.repeat(width) + lines[at]!.slice(width);
    const gap = indent(line) - width;
    // Content starts after 1–4 spaces; after 5 or more (indented code) or none (an empty
    // first line) it starts one column after the marker.
    const column = blank(line) || gap > 4 ? width + 1 : width + gap;
    let head = strip(line, column);
    const task = /^\[([ xX])\][ \t]+(?=[^ \t])/.exec(head);
    if (task) head = head.slice(task[0].length);
    const [body, after] = collect(lines, at, (next, k) =>
      k === start
        ? head
        : blank(next)
          ? // An item may begin with at most one blank line (§5.2).
            k > start + 1 || !blank(head)
            ? ''
            : undefined
          : indent(next) >= column
            ? strip(next, column)
            : undefined,
    );
    while (body.length > 1 && blank(body.at(-1))) body.pop();
    end = start + body.length;
    const spans: number[] = [];
    const c = nested(body, spans, after === lines.length);
    for (let k = 2; k < spans.length; k += 2) loose ||= spans[k]! > spans[k - 1]!;
    items.push(task ? { c, task: task[1] !== ' ' } : { c });
    for (at = after; at < lines.length && blank(lines[at]); ) at++;
  }
  return [{ t: 'list', ordered: !!first[2], start: +(first[2] ?? 1), loose, items }, end];
}
