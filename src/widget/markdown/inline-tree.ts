import type { Run, Span } from './emphasis';
import type { Inline } from './tokens';

/** A link or image a bracket pair became. */
export type Target = Extract<Inline, { t: 'a' }> | Extract<Inline, { t: 'img' }>;

/**
 * A `[` or `![` in the flat item list. `seq` orders brackets so that forming a link can
 * deactivate every earlier `[` in O(1) (links may not contain links); `runs` is the
 * delimiter count when it was seen, the bottom for emphasis inside the link text. It renders
 * literally unless a `](…)` or a reference turned it into `node`.
 */
export interface Bracket {
  img: boolean;
  seq: number;
  runs: number;
  /** Where its text starts in the source: the text is a shortcut reference's label. */
  at: number;
  /** Another bracket opened after it: its text cannot be a label. */
  inner?: boolean;
  /** Held back at the end of an open text: it renders as nothing. */
  held?: boolean;
  node?: Target;
}

/** Closes the innermost open link or image. */
export const END = { end: true } as const;

/** What the inline scanner emits: text, finished leaves, delimiter runs, brackets, ends. */
export type Item = Inline | Run | Bracket | typeof END;

/**
 * Deeper spans are flattened into their parent (their text kept, their formatting dropped):
 * ten thousand nested `*` or `[` must neither overflow the renderer's stack nor build a DOM
 * a browser chokes on.
 */
const MAX_DEPTH = 16;

/** The plain text of inline content: an image's alt text (CommonMark §6.4). */
const plain = (nodes: Inline[]): string =>
  nodes.map((n) => (typeof n === 'string' ? n : 'c' in n ? plain(n.c) : 'v' in n ? n.v : 'alt' in n ? n.alt : '')).join('');

/**
 * Builds the inline tree from the flat item list. Spans come out properly nested because the
 * emphasis pass drops every delimiter between a matched pair and link text is closed before
 * anything outside it, so opens and closes pair up like parentheses and a stack suffices.
 */
export function buildTree(items: Item[]): Inline[] {
  const root: Inline[] = [];
  let kids = root;
  const stack: [parent: Inline[], node: Span | Target | undefined][] = [];
  const add = (node: Inline): void => {
    const last = kids.length - 1;
    if (typeof node === 'string' && typeof kids[last] === 'string') kids[last] = kids[last] + node;
    else kids.push(node);
  };
  const open = (node: Span | Target): void => {
    const nest = stack.length < MAX_DEPTH;
    stack.push([kids, nest ? node : undefined]);
    if (nest) {
      add(node);
      kids = node.t === 'img' ? [] : node.c;
    }
  };
  const close = (): void => {
    const [parent, node] = stack.pop()!;
    if (!node) return;
    if (node.t === 'img') node.alt = plain(kids);
    kids = parent;
  };
  for (const item of items) {
    if (typeof item === 'string') add(item);
    else if ('end' in item) close();
    else if ('pre' in item) {
      item.pre.forEach(close);
      if (item.len) add(item.ch.repeat(item.len));
      item.post.forEach(open);
    } else if ('seq' in item) {
      if (item.node) open(item.node);
      else if (!item.held) add(item.img ? '![' : '[');
    } else add(item);
  }
  return root;
}
