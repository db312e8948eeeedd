// @vitest-environment jsdom
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { options, type VNode } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown } from '../../../src/widget/markdown';
import { Chunk } from '../../../src/widget/markdown/markdown';
import { html, strings } from './render-markdown';
import { ANSWER } from './streaming-answer';

afterEach(cleanup);

/** The container of a fresh render, of an answer still streaming or not. */
const fullRender = (text: string, streaming = false): Element => render(<Markdown text={text} streaming={streaming} strings={strings} />).container;

/**
 * Asserts two renders are the same DOM. `isEqualNode`, not the HTML: an attribute added by
 * a later update (a link's title arriving) serialises after the others, in the same DOM.
 */
function expectSameDom(actual: Element, expected: Element, context = ''): void {
  if (!actual.isEqualNode(expected)) expect({ context, html: actual.innerHTML }).toEqual({ context, html: expected.innerHTML });
  expected.remove();
}

describe('incremental rendering while streaming', () => {
  it('after every character the DOM equals a fresh render of the same prefix', () => {
    const view = render(<Markdown text="" streaming strings={strings} />);
    for (let end = 1; end <= ANSWER.length; end++) {
      const prefix = ANSWER.slice(0, end);
      view.rerender(<Markdown text={prefix} streaming strings={strings} />);
      expectSameDom(view.container, fullRender(prefix, true), prefix);
    }
    expect(view.container.querySelectorAll('pre, table, blockquote, ol, ul, h3, h4, hr').length).toBeGreaterThan(8);
  });

  it('renders only the last block or two per update, and keeps the DOM of finished blocks', () => {
    const renders = vi.spyOn(Chunk.prototype, 'render');
    // The chunks of one block each (the runs of blocks above them render on the way).
    const blockRenders = () => (renders.mock.contexts as Chunk[]).filter((chunk) => chunk.props.span === 1);
    const view = render(<Markdown text="" streaming strings={strings} />);
    const halfway = ANSWER.indexOf('> **Note');
    let finished: ChildNode[] = [];
    for (let end = 1; end <= ANSWER.length; end++) {
      renders.mockClear();
      view.rerender(<Markdown text={ANSWER.slice(0, end)} streaming strings={strings} />);
      const blocks = view.container.childNodes.length;
      expect(blockRenders().length).toBeLessThanOrEqual(2);
      // Whatever rendered was one of the last two blocks.
      for (const block of blockRenders()) {
        expect([...view.container.childNodes].indexOf(block.base as ChildNode)).toBeGreaterThanOrEqual(blocks - 2);
      }
      if (end === halfway) finished = [...view.container.childNodes].slice(0, -1);
    }
    expect(finished.length).toBeGreaterThan(3);
    const final = [...view.container.childNodes];
    finished.forEach((node, k) => expect(final[k]).toBe(node));
  });

  it('when streaming ends, the DOM equals a full render and no finished block re-renders', () => {
    const view = render(<Markdown text={ANSWER} streaming strings={strings} />);
    for (let end = 1; end <= ANSWER.length; end += 7) view.rerender(<Markdown text={ANSWER.slice(0, end)} streaming strings={strings} />);
    view.rerender(<Markdown text={ANSWER} streaming strings={strings} />);
    const before = [...view.container.childNodes];
    const renders = vi.spyOn(Chunk.prototype, 'render');
    view.rerender(<Markdown text={ANSWER} strings={strings} />);
    expect(renders).not.toHaveBeenCalled();
    expectSameDom(view.container, fullRender(ANSWER));
    [...view.container.childNodes].forEach((node, k) => expect(node).toBe(before[k]));
  });

  it('a finished code block keeps its copy button state while later text streams in', () => {
    vi.useFakeTimers();
    const code = ANSWER.indexOf('- [x]');
    const view = render(<Markdown text={ANSWER.slice(0, code)} streaming strings={strings} onCopyCode={() => undefined} />);
    const button = view.getAllByRole('button', { name: 'Copy code' }).at(-1)!;
    fireEvent.click(button);
    for (let end = code + 1; end <= ANSWER.length; end++) view.rerender(<Markdown text={ANSWER.slice(0, end)} streaming strings={strings} onCopyCode={() => undefined} />);
    expect(button.isConnected).toBe(true);
    expect(button.textContent).toBe('Copied');
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(button.textContent).toBe('Copy code');
    vi.useRealTimers();
  });

  it('a blank line inside an open fence is not a block boundary', () => {
    const view = render(<Markdown text={'```js\nconst a = 1;\n\n'} streaming strings={strings} />);
    expect(view.container.innerHTML).toBe(
      '<div class="code-block"><pre tabindex="0"><code class="language-js">const a = 1;\n</code></pre><button type="button" part="copy-code" aria-label="Copy code">Copy code</button></div>',
    );
    view.rerender(<Markdown text={'```js\nconst a = 1;\n\nconst b = 2;\n```\nafter'} streaming strings={strings} />);
    expect(view.container.querySelectorAll('pre')).toHaveLength(1);
    expect(view.container.lastElementChild?.outerHTML).toBe('<p>after</p>');
  });

  it('a text that does not extend the previous one is parsed afresh', () => {
    const view = render(<Markdown text={'# One\n\n- a\n- b'} streaming strings={strings} />);
    view.rerender(<Markdown text={'Two\n\n1. c'} streaming strings={strings} />);
    expectSameDom(view.container, fullRender('Two\n\n1. c'));
    view.rerender(<Markdown text={'Two\n\n1. c\n2. d and more text than before'} streaming strings={strings} />);
    expectSameDom(view.container, fullRender('Two\n\n1. c\n2. d and more text than before'));
  });
});

/** While streaming: the text so far → what shows (syntax that may still change is held back). */
const HELD: [name: string, markdown: string, html: string][] = [
  ['an unclosed strong marker', 'Hello **wor', '<p>Hello wor</p>'],
  ['a strong span that closed', 'Hello **world**', '<p>Hello <strong>world</strong></p>'],
  ['an unclosed strikethrough', '~~gone', '<p>gone</p>'],
  ['an unclosed code span shows as code', 'a `co', '<p>a <code>co</code></p>'],
  ['a lone backtick at the end', 'a `', '<p>a </p>'],
  ['a link destination being written', 'see [the docs](https://exa', '<p>see the docs</p>'],
  ['a closed bracket at the end', 'see [the docs]', '<p>see the docs</p>'],
  ['a reference label being written', 'see [the docs][do', '<p>see the docs</p>'],
  ['an image destination being written', '![alt](https://x', '<p>alt</p>'],
  ['an autolink being written', 'Read <https://exa', '<p>Read </p>'],
  ['a character reference being written', 'Tom &amp', '<p>Tom </p>'],
  ['a backslash at the end', 'end\\', '<p>end</p>'],
  ['a "!" at the end (an image may follow)', 'Wow!', '<p>Wow</p>'],
  ['a pipe row without its delimiter row', '| a | b |', ''],
  ['a header over half a delimiter row', '| a | b |\n|--', ''],
  ['a table once its delimiter row has come', '| a | b |\n|---|---|', '<table><thead><tr><th>a</th><th>b</th></tr></thead></table>'],
  ['the last cell of a row being written', '| a | b |\n|---|---|\n| 1 | **tw', '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>tw</td></tr></tbody></table>'],
  ['the start of a thematic break', 'x\n\n-', '<p>x</p>'],
  ['a definition being written', '[1]: https://a.example "Ti', ''],
  ['a pipe in code is code', '```js\nconst a = b | c', '<pre><code class="language-js">const a = b | c</code></pre>'],
  ['a "*" that cannot open stays', 'a * b and 2*3 and snake_case', '<p>a * b and 2*3 and snake_case</p>'],
];

describe('held back while streaming, shown as written when the answer ends', () => {
  it.each(HELD.map(([name, markdown, expected], k) => [`${k + 1}. ${name}`, markdown, expected] as const))('%s', (_, markdown, expected) => {
    expect(html(markdown, { streaming: true })).toBe(expected);
    const view = render(<Markdown text={markdown} streaming strings={strings} />);
    view.rerender(<Markdown text={markdown} strings={strings} />);
    expectSameDom(view.container, fullRender(markdown));
  });

  it('a citation used before its definition is text until the answer ends, then a link', () => {
    const text = 'As shown in [1], it works.\n\nMore text.\n\n[1]: https://example.com/paper "Paper"';
    const view = render(<Markdown text={text.slice(0, text.indexOf('[1]:'))} streaming strings={strings} />);
    view.rerender(<Markdown text={text} streaming strings={strings} />);
    expect(view.container.querySelector('a')).toBeNull();
    expect(view.container.textContent).toBe('As shown in [1], it works.More text.');
    view.rerender(<Markdown text={text} strings={strings} />);
    expect(view.container.querySelector('a')?.outerHTML).toBe('<a href="https://example.com/paper" title="Paper" target="_blank" rel="noopener noreferrer">1</a>');
    expectSameDom(view.container, fullRender(text));
  });
});

describe('the cost of an update does not grow with the answer', () => {
  it('a 20,000-token answer: the work per token at the end is what it was near the start', () => {
    let answer = '';
    for (let k = 0; answer.length < 80_000; k++) {
      answer += `## Part ${k}\n\nSome **bold** text, a [link](https://example.com/${k}) and \`code\`.\n\n- one\n- two\n  - nested\n\n| a | b |\n|---|---|\n| ${k} | x |\n\n\`\`\`ts\nconst x = ${k};\n\`\`\`\n\n`;
    }
    const tokens = answer.match(/[^]{1,4}/g)!;
    expect(tokens.length).toBeGreaterThanOrEqual(20_000);
    // Vnodes created per update: every component and element rendered counts, so this
    // measures diffing work without depending on the machine's speed.
    let vnodes = 0;
    const previous = options.vnode;
    options.vnode = (vnode: VNode) => {
      vnodes++;
      previous?.(vnode);
    };
    const perUpdate: number[] = [];
    const view = render(<Markdown text="" streaming strings={strings} />);
    let text = '';
    try {
      for (const token of tokens) {
        text += token;
        vnodes = 0;
        view.rerender(<Markdown text={text} streaming strings={strings} />);
        perUpdate.push(vnodes);
      }
    } finally {
      if (previous) options.vnode = previous;
      else delete options.vnode;
    }
    const blocks = view.container.childNodes.length;
    expect(blocks).toBeGreaterThan(1500);
    const max = (values: number[]) => Math.max(...values);
    // The first 1,000 tokens cover the first ~80 blocks; the last 1,000 come after 1,500.
    expect(max(perUpdate.slice(-1000))).toBeLessThanOrEqual(max(perUpdate.slice(0, 1000)) + 40);
    expect(max(perUpdate.slice(-1000))).toBeLessThan(250);
    // Time is measured by the streaming bench (bench/streaming.ts), not here: a shared machine's
    // load makes a timed unit test fail for nothing.
  }, 120_000);
});
