// @vitest-environment jsdom
import { act, cleanup, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFAB_CASES, DEVIATION_CASES, IMAGES_OFF_CASES, SPEC_CASES, type Case } from './markdown-cases';
import { Markdown } from '../../../src/widget/markdown';
import { html, renderMarkdown, strings } from './render-markdown';

const numbered = (cases: Case[]) => cases.map(([name, markdown, expected], k) => [`${k + 1}. ${name}`, markdown, expected] as const);

afterEach(cleanup);

describe('CommonMark and GFM examples', () => {
  it.each(numbered(SPEC_CASES))('%s', (_, markdown, expected) => {
    expect(html(markdown, { allowImages: true })).toBe(expected);
  });
});

describe('nesting and chat behaviour', () => {
  it.each(numbered(CONFAB_CASES))('%s', (_, markdown, expected) => {
    expect(html(markdown, { allowImages: true })).toBe(expected);
  });
});

describe('images by default', () => {
  it.each(numbered(IMAGES_OFF_CASES))('%s', (_, markdown, expected) => {
    expect(html(markdown)).toBe(expected);
  });
});

describe('deliberate deviations', () => {
  it.each(numbered(DEVIATION_CASES))('%s', (_, markdown, expected) => {
    expect(html(markdown, { allowImages: true })).toBe(expected);
  });
});

describe('code block copy button', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls onCopyCode with the exact code and says "copied" for two seconds', () => {
    vi.useFakeTimers();
    const onCopyCode = vi.fn();
    const code = 'func main() {\n\tfmt.Println("<hi> & bye")\n}\n';
    const { getAllByRole } = renderMarkdown(`Intro\n\n\`\`\`go\n${code}\`\`\`\n\n\`\`\`\nsecond\n\`\`\``, { onCopyCode });
    const [first, second] = getAllByRole('button', { name: 'Copy code' });
    fireEvent.click(first!);
    expect(onCopyCode).toHaveBeenCalledExactlyOnceWith(code.slice(0, -1));
    expect(first!.textContent).toBe('Copied');
    expect(second!.textContent).toBe('Copy code');
    act(() => {
      vi.advanceTimersByTime(1999);
    });
    expect(first!.textContent).toBe('Copied');
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(first!.textContent).toBe('Copy code');
    fireEvent.click(second!);
    expect(onCopyCode).toHaveBeenLastCalledWith('second');
  });

  it('a second click restarts the two seconds', () => {
    vi.useFakeTimers();
    const { getByRole } = renderMarkdown('```\nx\n```', { onCopyCode: () => undefined });
    const button = getByRole('button', { name: 'Copy code' });
    fireEvent.click(button);
    act(() => {
      vi.advanceTimersByTime(1500);
    });
    fireEvent.click(button);
    act(() => {
      vi.advanceTimersByTime(1500);
    });
    expect(button.textContent).toBe('Copied');
    act(() => {
      vi.advanceTimersByTime(500);
    });
    expect(button.textContent).toBe('Copy code');
  });

  it('unmounting within the two seconds leaves no timer behind', () => {
    vi.useFakeTimers();
    const { getByRole, unmount } = renderMarkdown('```\nx\n```', { onCopyCode: () => undefined });
    fireEvent.click(getByRole('button'));
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the latest onCopyCode even though the blocks did not re-render', () => {
    const first = vi.fn();
    const latest = vi.fn();
    const view = renderMarkdown('```\nx\n```', { onCopyCode: first });
    view.rerender(<Markdown text={'```\nx\n```'} strings={strings} onCopyCode={latest} />);
    fireEvent.click(view.getByRole('button'));
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledWith('x');
  });

  it('without onCopyCode writes to the clipboard', () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const { getByRole } = renderMarkdown('```\nx\n```');
    fireEvent.click(getByRole('button'));
    expect(writeText).toHaveBeenCalledWith('x');
    vi.unstubAllGlobals();
  });

  it('takes its labels from strings', () => {
    const { getByRole } = renderMarkdown('```\nx\n```', { strings: { copyCode: 'Code kopieren', copied: 'Kopiert' }, onCopyCode: () => undefined });
    const button = getByRole('button', { name: 'Code kopieren' });
    expect(button.getAttribute('part')).toBe('copy-code');
    fireEvent.click(button);
    expect(button.textContent).toBe('Kopiert');
  });
});
