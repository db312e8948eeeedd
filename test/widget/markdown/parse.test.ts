import { describe, expect, it } from 'vitest';
import { parseBlocks, parseInline } from '../../../src/widget/markdown';
import { parseContext } from '../../../src/widget/markdown/parse-context';
import { parseIncrementally, type ParsedText } from '../../../src/widget/markdown/stream-blocks';
import type { TopBlock } from '../../../src/widget/markdown/tokens';
import { CONFAB_CASES, DEVIATION_CASES, SPEC_CASES } from './markdown-cases';
import { ANSWER } from './streaming-answer';

/**
 * A whole text parsed at once, as parseIncrementally parses a text of one piece: parsed
 * again with every definition known when a label was used before its definition.
 */
function parseWhole(text: string, open = false): TopBlock[] {
  const cx = parseContext();
  const blocks = parseBlocks(text, 0, cx, open);
  return !open && [...cx.missed].some((label) => cx.defs.has(label)) ? parseBlocks(text, 0, parseContext(cx.defs), false) : blocks;
}

const inputs = [...SPEC_CASES, ...CONFAB_CASES, ...DEVIATION_CASES].map(([, markdown]) => markdown);

/**
 * Streams `text` one character at a time, checking each step against a full parse: of a
 * finished text, and of a text still being written (`open`, its tail held back).
 */
function expectIncrementalEqualsFull(text: string): void {
  for (const open of [false, true]) {
    let parsed: ParsedText | undefined;
    for (let end = 1; end <= text.length; end++) {
      const prefix = text.slice(0, end);
      parsed = parseIncrementally(parsed, prefix, false, open);
      const full = parseWhole(prefix, open);
      if (JSON.stringify(parsed.blocks) !== JSON.stringify(full)) expect({ prefix, open, blocks: parsed.blocks }).toEqual({ prefix, open, blocks: full });
    }
  }
}

describe('incremental parsing equals a full parse at every prefix', () => {
  it('of every example, alone', () => {
    for (const input of inputs) expectIncrementalEqualsFull(input);
  });

  it('of every two consecutive examples, with and without a blank line between them', () => {
    inputs.forEach((input, k) => {
      const next = inputs[(k + 1) % inputs.length]!;
      expectIncrementalEqualsFull(`${input}\n${next}`);
      expectIncrementalEqualsFull(`${input}\n\n${next}`);
    });
  });

  it('of the streamed answer, with Windows line endings too', () => {
    expectIncrementalEqualsFull(ANSWER);
    expectIncrementalEqualsFull(ANSWER.replaceAll('\n', '\r\n'));
  });

  it('when the text arrives in chunks of any size', () => {
    for (const step of [2, 3, 5, 11, 64]) {
      let parsed: ParsedText | undefined;
      for (let end = step; end < ANSWER.length + step; end += step) parsed = parseIncrementally(parsed, ANSWER.slice(0, end));
      expect(parsed!.blocks).toEqual(parseWhole(ANSWER));
    }
  });
});

describe('top-level blocks and their source', () => {
  it('give each block its offset and its source up to the next block', () => {
    const text = '# A\n\npara\ngraph\n\n\n- x\n- y\n';
    expect(parseWhole(text).map(({ start, raw }) => [start, raw])).toEqual([
      [0, '# A\n\n'],
      [5, 'para\ngraph\n\n\n'],
      [18, '- x\n- y\n'],
    ]);
  });

  it('an offset is added to every start', () => {
    expect(parseBlocks('a\n\nb', 100, parseContext(), false).map((block) => block.start)).toEqual([100, 103]);
  });
});

describe('tokens', () => {
  it('inline tokens', () => {
    expect(parseInline('*a* **b** ~~c~~ `d` [e](/f "g") ![h *i*](/j) <https://k> www.l.m\\\nn  \no &amp;')).toEqual([
      { t: 'em', c: ['a'] },
      ' ',
      { t: 'strong', c: ['b'] },
      ' ',
      { t: 'del', c: ['c'] },
      ' ',
      { t: 'code', v: 'd' },
      ' ',
      { t: 'a', href: '/f', title: 'g', c: ['e'] },
      ' ',
      { t: 'img', src: '/j', alt: 'h i', title: '' },
      ' ',
      { t: 'a', href: 'https://k', title: '', c: ['https://k'] },
      ' ',
      { t: 'a', href: 'http://www.l.m', title: '', c: ['www.l.m'] },
      { t: 'br' },
      'n',
      { t: 'br' },
      'o &',
    ]);
  });

  it('block tokens', () => {
    expect(parseWhole('## H\n\n- [x] a\n\n  b\n\n1) c\n\n> q\n\n| x |\n|:-:|\n| y |\n\n```js\nz\n```\n\n***').map(({ block }) => block)).toEqual([
      { t: 'h', level: 2, c: ['H'] },
      { t: 'list', ordered: false, start: 1, loose: true, items: [{ c: [{ t: 'p', c: ['a'] }, { t: 'p', c: ['b'] }], task: true }] },
      { t: 'list', ordered: true, start: 1, loose: false, items: [{ c: [{ t: 'p', c: ['c'] }] }] },
      { t: 'quote', c: [{ t: 'p', c: ['q'] }] },
      { t: 'table', align: ['center'], head: [['x']], rows: [[['y']]] },
      { t: 'code', lang: 'js', v: 'z' },
      { t: 'hr' },
    ]);
  });
});

describe('hostile input is capped and stays linear', () => {
  const depth = (block: unknown): number =>
    block && typeof block === 'object' ? 1 + Math.max(0, ...Object.values(block as object).map(depth)) : 0;

  it.each([
    ['10,000 nested block quotes', '>'.repeat(10_000) + ' x'],
    ['10,000 nested lists on one line', '- '.repeat(10_000) + 'x'],
    ['10,000 nested ordered lists', '1. '.repeat(10_000) + 'x'],
    ['1,000 lists nested by indentation', Array.from({ length: 1000 }, (_, k) => `${'  '.repeat(k)}- x`).join('\n')],
    ['10,000 nested emphasis', `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`],
    ['10,000 alternately nested emphasis', `${'*a _'.repeat(5_000)}x${'_ b*'.repeat(5_000)}`],
    ['10,000 nested links', `${'['.repeat(10_000)}x${'](/u)'.repeat(10_000)}`],
    ['10,000 nested images', `${'!['.repeat(10_000)}x${'](/u)'.repeat(10_000)}`],
    ['10,000 nested strikethrough', `${'~~'.repeat(10_000)}x${'~~'.repeat(10_000)}`],
  ])('%s: bounded nesting, no stack overflow', (_, text) => {
    const blocks = parseWhole(text);
    expect(depth(blocks)).toBeLessThan(200);
  });

  it.each([
    ['100,000 unmatched openers and closers', `${'*a '.repeat(100_000)}${'b_ '.repeat(100_000)}`],
    ['100,000 unmatched backtick runs of growing length', Array.from({ length: 2000 }, (_, k) => '`'.repeat((k % 50) + 1) + 'x ').join('').repeat(50)],
    ['200,000 link openings without a tail', '[a]('.repeat(200_000)],
    ['200,000 unclosed titles', '[a](b "'.repeat(150_000)],
    ['a link tail with 500,000 spaces', `[a](b${' '.repeat(500_000)}x`],
    ['a heading with 500,000 spaces before its closing run', `# a${' '.repeat(500_000)}x #`],
    ['a table row of 200,000 pipes', `a|b\n-|-\n${'|'.repeat(200_000)}`],
    ['200,000 autolink openings', '<a'.repeat(200_000)],
    ['a bare URL of 500,000 closing parentheses', `https://a.b/${')'.repeat(500_000)}`],
    ['a code span of 500,000 characters that starts with a space', `\` ${'x'.repeat(500_000)}\``],
    ['50,000 lazy quote lines', `> a\n${'b\n'.repeat(50_000)}`],
    ['100,000 shortcut references, none defined', '[a]'.repeat(100_000)],
    ['50,000 nested brackets, each a possible label', `${'['.repeat(50_000)}a${']'.repeat(50_000)}`],
    ['20,000 definitions, then a reference to each', `${Array.from({ length: 20_000 }, (_, k) => `[l${k}]: /u${k} "t"`).join('\n')}\n\n${Array.from({ length: 20_000 }, (_, k) => `[l${k}]`).join(' ')}`],
    ['20,000 references, then their definitions', `${Array.from({ length: 20_000 }, (_, k) => `[l${k}]`).join(' ')}\n\n${Array.from({ length: 20_000 }, (_, k) => `[l${k}]: /u${k}`).join('\n')}`],
    ['a definition with 200,000 spaces before a failing title', `[a]: /u${' '.repeat(200_000)}"t" x`],
    ['a definition with 200,000 spaces and line breaks before its destination', `[a]:${' \n'.repeat(2)}${' '.repeat(200_000)}x`],
    ['100,000 full references being written', '[x]['.repeat(100_000)],
    ['200,000 character references being written', '&#x'.repeat(200_000)],
    ['20,000 pipe rows without a delimiter row', '| a | b |\n'.repeat(20_000)],
    ['20,000 table rows', `| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(20_000)}`],
  ])('%s: parses in linear time, finished or still being written', (_, text) => {
    for (const open of [false, true]) {
      const start = performance.now();
      parseWhole(text, open);
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });
});
