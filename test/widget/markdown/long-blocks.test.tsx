// @vitest-environment jsdom
// Issue 11, item 10: an answer that is one long block (a model repeating itself without
// max_tokens) costs a bounded amount of work per update, whatever the block's length. The
// work is counted, not timed: the source each step parses again, and the vnodes each update
// renders. Times are in bench/long-answer.ts and bench/RESULTS.md.
import { cleanup, render } from '@testing-library/preact';
import { options, type VNode } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../../src/widget/markdown';
import { parseIncrementally, PIECE, STEP, type ParsedText } from '../../../src/widget/markdown/stream-blocks';
import type { Block, TopBlock } from '../../../src/widget/markdown/tokens';
import { strings } from './render-markdown';

afterEach(cleanup);

const words = (count: number, word = (k: number) => `word${k % 97}`) => Array.from({ length: count }, (_, k) => word(k)).join(' ');

/** One block of about `size` characters, of each kind that can grow without end. */
const LONG_BLOCKS: Array<[n: number, kind: string, make: (size: number) => string]> = [
  [1, 'a paragraph on one line', (size) => words(size / 6)],
  [2, 'a paragraph of many lines', (size) => words(size / 6).replace(/(\S+ ){12}/g, '$&\n')],
  [3, 'a paragraph with emphasis and code', (size) => words(size / 6, (k) => (k % 10 === 0 ? `**bold${k}**` : k % 7 === 0 ? `\`c${k}\`` : `w${k}`))],
  [4, 'a fenced code block that never closes', (size) => `\`\`\`ts\n${Array.from({ length: size / 20 }, (_, k) => `const v${k} = ${k};`).join('\n')}`],
  [5, 'a tight list', (size) => Array.from({ length: size / 16 }, (_, k) => `- item ${k} again`).join('\n')],
  [6, 'a table', (size) => `| a | b |\n|---|---|\n${Array.from({ length: size / 14 }, (_, k) => `| ${k} | row |`).join('\n')}`],
  [7, 'a block quote', (size) => words(size / 6).replace(/(\S+ ){12}/g, '$&\n> ').replace(/^/, '> ')],
];

/** Streams `text` in steps of `step` characters: per step, the source of the blocks parsed again (not kept from the step before). */
function stream(text: string, step: number): { parsed: ParsedText; reparsed: number[] } {
  let parsed: ParsedText | undefined;
  const reparsed: number[] = [];
  for (let end = step; end < text.length + step; end += step) {
    const slice = text.slice(0, end);
    do {
      const before = new Set<TopBlock>(parsed?.blocks ?? []);
      parsed = parseIncrementally(parsed, slice);
      reparsed.push(parsed.blocks.filter((top) => !before.has(top)).reduce((sum, top) => sum + top.raw.length, 0));
    } while (parsed.text !== slice);
  }
  return { parsed: parsed!, reparsed };
}

const codeOf = (blocks: TopBlock[]) => blocks.map(({ block }) => (block.t === 'code' ? block.v : '')).join('\n');

describe('a long block is parsed in pieces', () => {
  it.each(LONG_BLOCKS)('%i. %s of 256 KB streamed in 1 KB steps: each step parses at most two pieces and a step again', (_n, _kind, make) => {
    const text = make(256 * 1024);
    const { parsed, reparsed } = stream(text, 1024);
    expect(Math.max(...reparsed)).toBeLessThanOrEqual(2 * PIECE + STEP);
    expect(parsed.blocks.length).toBeGreaterThan(256 / 16);
    expect(parsed.blocks.at(-1)!.start + parsed.blocks.at(-1)!.raw.length, 'the blocks cover the text').toBe(text.length);
  });

  it.each(LONG_BLOCKS)('%i. %s: streamed in steps of any size, or parsed at once, it gives the same blocks', (_n, _kind, make) => {
    for (const [size, steps] of [
      [40 * 1024, [61, 997]],
      [96 * 1024, [4096, 40_000]],
    ] as const) {
      const text = make(size);
      const atOnce = parseIncrementally(undefined, text, true);
      expect(atOnce.text).toBe(text);
      for (const step of steps) expect(JSON.stringify(stream(text, step).parsed.blocks), `steps of ${step}`).toBe(JSON.stringify(atOnce.blocks));
    }
  });

  it('a long code block stays code in every piece, in its language, with every line of it', () => {
    const text = LONG_BLOCKS[3]![2](100_000);
    const { blocks } = parseIncrementally(undefined, text, true);
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.every(({ block }) => block.t === 'code' && block.lang === 'ts')).toBe(true);
    expect(codeOf(blocks)).toBe(text.slice('```ts\n'.length));
  });

  it('a code block closed after a cut ends there: the text after it is not code', () => {
    const text = `${LONG_BLOCKS[3]![2](40_000)}\n\`\`\`\n\nAfter the **code**.`;
    const { blocks } = parseIncrementally(undefined, text, true);
    const last = blocks.at(-1)!.block as Extract<Block, { t: 'p' }>;
    expect(last).toEqual({ t: 'p', c: ['After the ', { t: 'strong', c: ['code'] }, '.'] });
    expect(blocks.slice(0, -1).every(({ block }) => block.t === 'code')).toBe(true);
  });

  // A quote (or a list) holds a citation before its definition, and the piece ends inside it:
  // the piece's unsettled tail is parsed again, which forgot the definition even when the
  // re-parse knew it in advance, so the citation missed it again and the text was parsed
  // again without end (a stack overflow in the middle of rendering an answer).
  it('a label used before its definition, in a block a piece ends in, resolves, and the parse ends', () => {
    const quote = `> see [x] here\n>\n> [x]: /url\n> ${'more words '.repeat(120)}\n`;
    for (let size = PIECE - 1_600; size < PIECE + 50; size += 50) {
      const text = `${'w'.repeat(size)}\n\n${quote}\nafter [x]\n`;
      const whole = JSON.stringify(parseIncrementally(undefined, text, true).blocks);
      expect(whole.match(/"\/url"/g), `a piece of ${size} characters`).toHaveLength(2);
      expect(JSON.stringify(stream(text, 997).parsed.blocks), `streamed, a piece of ${size} characters`).toBe(whole);
    }
  });

  it('a one-line paragraph is cut at spaces, never inside a word or a surrogate pair', () => {
    const text = words(30_000, (k) => `wörd${k}🙂`);
    const { blocks } = parseIncrementally(undefined, text, true);
    expect(blocks.length).toBeGreaterThan(10);
    const pieces = blocks.map(({ block }) => ((block as Extract<Block, { t: 'p' }>).c as string[]).join(''));
    expect(pieces.join(' ')).toBe(text);
    for (const piece of pieces) expect(piece).toMatch(/^wörd\d+🙂( wörd\d+🙂)*$/);
  });

  it('a piece with no space is cut at its end, but not between the halves of a surrogate pair', () => {
    const text = `${'x'.repeat(PIECE - 1)}🙂${'y'.repeat(PIECE)}`;
    const { blocks } = parseIncrementally(undefined, text, true);
    expect(blocks.map(({ raw }) => raw)).toEqual([text.slice(0, PIECE - 1), text.slice(PIECE - 1, 2 * PIECE - 1), text.slice(2 * PIECE - 1)]);
  });

  it('ordinary answers are not cut: many short blocks parse exactly as before', () => {
    const text = Array.from({ length: 2000 }, (_, k) => `## Part ${k}\n\nSome **bold** text and a list:\n\n- one\n- two\n`).join('\n');
    expect(text.length).toBeGreaterThan(4 * PIECE);
    const kinds = parseIncrementally(undefined, text, true).blocks.map(({ block }) => block.t);
    expect(kinds).toEqual(Array.from({ length: 2000 }, () => ['h', 'p', 'list']).flat());
  });
});

describe('<Markdown> with a long block', () => {
  /** Counts the vnodes each update creates: rendering work, machine-independent. */
  function countVnodes(run: (update: () => void) => void): number[] {
    let vnodes = 0;
    const counts: number[] = [];
    const previous = options.vnode;
    options.vnode = (vnode: VNode) => {
      vnodes++;
      previous?.(vnode);
    };
    try {
      run(() => {
        counts.push(vnodes);
        vnodes = 0;
      });
    } finally {
      if (previous) options.vnode = previous;
      else delete options.vnode;
    }
    return counts;
  }

  it('a 256 KB paragraph with emphasis streamed in 1 KB tokens: the vnodes per update stay bounded', () => {
    const text = LONG_BLOCKS[2]![2](256 * 1024);
    const view = render(<Markdown text="" streaming strings={strings} />);
    const perUpdate = countVnodes((updated) => {
      for (let end = 1024; end < text.length + 1024; end += 1024) {
        view.rerender(<Markdown text={text.slice(0, end)} streaming strings={strings} />);
        updated();
      }
    });
    // A piece of ~16 KB holds ~2,700 words, a tenth of them bold: a few thousand vnodes at most.
    expect(Math.max(...perUpdate)).toBeLessThan(2_500);
    expect(view.container.querySelectorAll('p').length).toBeGreaterThan(256 / 16);
    expect(view.container.textContent!.replace(/\s/g, '').length).toBe(text.replace(/[\s*`]/g, '').length);
  });

  it('a text that grew by more than a step renders a step now and the rest in the next frames', async () => {
    const text = words(100_000);
    const view = render(<Markdown text={text.slice(0, 10)} streaming strings={strings} />);
    view.rerender(<Markdown text={text} streaming strings={strings} />);
    const shown = () => view.container.textContent!.replace(/\s/g, '').length;
    expect(shown()).toBeLessThanOrEqual(STEP + 10);
    await expect.poll(shown, { timeout: 5_000 }).toBe(text.replace(/\s/g, '').length);
  });

  it('a finished text (from history) renders at once', () => {
    const text = words(100_000);
    const view = render(<Markdown text={text} strings={strings} />);
    expect(view.container.textContent!.replace(/\s/g, '').length).toBe(text.replace(/\s/g, '').length);
  });
});
