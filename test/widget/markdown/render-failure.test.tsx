// @vitest-environment jsdom
// Our own Markdown parser and renderer: should either ever throw on some answer, the answer is
// shown as plain text and the failure reported once, instead of the panel breaking. The two
// steps are made to throw through their modules (the seam), for texts containing "BOOM".
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportMarkdownFailure } from '../../../src/widget/components/markdown-failure';
import { Markdown } from '../../../src/widget/markdown';
import { strings } from './render-markdown';

vi.mock('../../../src/widget/markdown/stream-blocks', async (original) => {
  const actual = await original<typeof import('../../../src/widget/markdown/stream-blocks')>();
  return {
    ...actual,
    parseIncrementally: (...args: Parameters<typeof actual.parseIncrementally>) => {
      if (args[1].includes('BOOM parse')) throw new RangeError('Maximum call stack size exceeded');
      return actual.parseIncrementally(...args);
    },
  };
});

vi.mock('../../../src/widget/markdown/render-markdown', async (original) => {
  const actual = await original<typeof import('../../../src/widget/markdown/render-markdown')>();
  return {
    ...actual,
    renderBlock: (...args: Parameters<typeof actual.renderBlock>) => {
      if (JSON.stringify(args[0]).includes('BOOM render')) throw new TypeError('cannot read properties of undefined');
      return actual.renderBlock(...args);
    },
  };
});

afterEach(cleanup);

describe('an answer the Markdown code cannot show', () => {
  it.each([
    ['1. parsing', '**Hello** BOOM parse\n\n- and a list'],
    ['2. rendering a block', '**Hello**\n\nBOOM render\n\n- and a list'],
  ])('%s throws: the text is shown plain, whole, and the failure reported once', async (_step, text) => {
    const onError = vi.fn();
    const { container, rerender } = render(<Markdown text={text} strings={strings} onError={onError} />);
    await Promise.resolve();
    expect(container.querySelector('p.plain')?.textContent).toBe(text);
    expect(container.querySelector('strong')).toBeNull();
    // The answer goes on (streaming, or a re-render): still plain, reported once.
    rerender(<Markdown text={`${text} more`} strings={strings} onError={onError} />);
    await Promise.resolve();
    expect(container.querySelector('p.plain')?.textContent).toBe(`${text} more`);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(Error);
  });

  it('3. a text that does not throw is rendered as Markdown, with nothing reported', () => {
    const onError = vi.fn();
    const { container } = render(<Markdown text={'**Hello**'} strings={strings} onError={onError} />);
    expect(container.querySelector('strong')?.textContent).toBe('Hello');
    expect(onError).not.toHaveBeenCalled();
  });

  it('4. a message reports it through the widget: confab-error with code render_failed, naming the cause', async () => {
    const reported: unknown[] = [];
    const act = (action: Promise<unknown> | undefined) => void action?.catch((error: unknown) => reported.push(error));
    reportMarkdownFailure(act)(new RangeError('Maximum call stack size exceeded'));
    await Promise.resolve();
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ code: 'render_failed', message: expect.stringContaining('Maximum call stack size exceeded') });
  });
});
