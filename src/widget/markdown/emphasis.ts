import type { Inline } from './tokens';

/** A span the emphasis pass creates; its children are filled in by the tree builder. */
export type Span = { t: 'em' | 'strong' | 'del'; c: Inline[] };

/**
 * A run of `*`, `_` or `~` in the flat inline item list. The emphasis pass records which
 * spans it closes (`pre`, innermost first, taken from its left end) and opens (`post`,
 * outermost first, taken from its right end); `len` is what is left over as literal text.
 */
export interface Run {
  ch: string;
  len: number;
  orig: number;
  /** Can open / can close, from the flanking rules. */
  o: boolean;
  c: boolean;
  /** At the end of an open text (see parseInline): held back unless it closes a span. */
  tail?: boolean;
  pre: Span[];
  post: Span[];
}

/**
 * CommonMark's "process emphasis" (§6.2, appendix) over `runs[from..]`, plus GFM `~`/`~~`
 * strikethrough (opener and closer of equal length). The spec walks a doubly linked
 * delimiter stack; because a closer only ever looks at delimiters before it and everything
 * between a matched pair is dropped, one forward pass with an array stack of openers is the
 * same algorithm, and truncating that array is the removal. `bottom` is the spec's
 * openers_bottom, so unmatched closers do not rescan: the pass is linear, not quadratic.
 */
export function emphasis(runs: Run[], from: number): void {
  const stack: Run[] = [];
  const bottom: Record<string, number> = {};
  for (let k = from; k < runs.length; k++) {
    const closer = runs[k]!;
    const key = closer.ch + closer.o + (closer.orig % 3);
    const strike = closer.ch === '~';
    while (closer.c && closer.len) {
      let j = stack.length;
      let opener: Run | undefined;
      while (j-- > (bottom[key] ?? 0)) {
        const o = stack[j]!;
        if (
          o.ch === closer.ch &&
          (strike
            ? o.len === closer.len
            : // The "rule of 3" keeps `*foo**bar*` from pairing the wrong delimiters.
              !((o.c || closer.o) && (o.orig + closer.orig) % 3 === 0 && (o.orig % 3 || closer.orig % 3)))
        ) {
          opener = o;
          break;
        }
      }
      if (!opener) {
        bottom[key] = stack.length;
        break;
      }
      const n = strike ? closer.len : opener.len > 1 && closer.len > 1 ? 2 : 1;
      const span: Span = { t: strike ? 'del' : n > 1 ? 'strong' : 'em', c: [] };
      opener.post.unshift(span);
      closer.pre.push(span);
      opener.len -= n;
      closer.len -= n;
      stack.length = opener.len ? j + 1 : j;
      for (const b in bottom) if (bottom[b]! > stack.length) bottom[b] = stack.length;
    }
    if (closer.len && closer.o) stack.push(closer);
  }
}
