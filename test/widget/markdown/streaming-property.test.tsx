// @vitest-environment jsdom
import fc from 'fast-check';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../../src/widget/markdown';
import { answer, tokens } from './markdown-grammar';
import { strings } from './render-markdown';

/** Characters of markdown syntax: shown as text only where the finished answer shows them. */
const MARKERS = [...'*_~`|#[]()<>&!\\'];

/** What a reader sees: the text, without the copy buttons' labels. */
function shown(root: Element): string {
  const copy = root.cloneNode(true) as Element;
  for (const button of copy.querySelectorAll('button')) button.remove();
  return copy.textContent ?? '';
}

const count = (text: string, ch: string): number => text.split(ch).length - 1;

/** The markers `prefix` shows more of than `final` does, with the shown text, or `undefined`. */
function rawMarkers(prefix: string, final: string): string | undefined {
  const extra = MARKERS.filter((ch) => count(prefix, ch) > count(final, ch));
  return extra.length ? `${extra.join(' ')} in ${JSON.stringify(prefix.slice(-80))}` : undefined;
}

function renderTo(text: string, streaming: boolean, root = document.createElement('div')): Element {
  render(<Markdown text={text} streaming={streaming} strings={strings} />, root);
  return root;
}

describe('markdown while an answer streams (property)', () => {
  it('no prefix cut at a token boundary shows syntax the finished answer does not; the final render equals a fresh one', () => {
    fc.assert(
      fc.property(answer, (text) => {
        const final = renderTo(text, false);
        const finalText = shown(final);
        const view = document.createElement('div');
        let sofar = '';
        for (const token of tokens(text)) {
          sofar += token;
          renderTo(sofar, true, view);
          const raw = rawMarkers(shown(view), finalText);
          if (raw) expect({ prefix: sofar, raw }).toEqual({ prefix: sofar, raw: undefined });
        }
        renderTo(text, false, view);
        expect(view.innerHTML).toBe(final.innerHTML);
      }),
      { numRuns: 100 },
    );
    // A hundred answers of up to a few hundred token steps each, every step rendered: slow on a busy machine.
  }, 180_000);
});
