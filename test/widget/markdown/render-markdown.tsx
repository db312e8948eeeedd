import { render } from '@testing-library/preact';
import { expect } from 'vitest';
import { Markdown, type MarkdownProps } from '../../../src/widget/markdown';

/** The copy button labels every test uses. */
export const strings = { copyCode: 'Copy code', copied: 'Copied' };

/** Renders markdown into a fresh container. */
export function renderMarkdown(text: string, props: Partial<MarkdownProps> = {}) {
  return render(<Markdown text={text} strings={strings} {...props} />);
}

/**
 * The rendered HTML with the parts every block of a kind has in common taken out, after
 * checking they are there: links' `target`/`rel`, images' `loading`/`referrerpolicy`, the
 * code block wrapper and its copy button, the table's scroll wrapper. What is left reads
 * like CommonMark's reference HTML, so the expected strings can be compared with the spec.
 */
export function normalise(container: Element): string {
  for (const a of container.querySelectorAll('a')) {
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  }
  for (const img of container.querySelectorAll('img')) expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
  for (const block of container.querySelectorAll('.code-block')) {
    expect(block.lastElementChild?.outerHTML).toBe('<button type="button" part="copy-code" aria-label="Copy code">Copy code</button>');
    // A block that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable).
    expect(block.firstElementChild?.getAttribute('tabindex')).toBe('0');
  }
  // `checked` is a property; an attribute makes it visible in the HTML.
  for (const input of container.querySelectorAll('input')) if (input.checked) input.setAttribute('checked', '');
  return container.innerHTML
    .replaceAll(' target="_blank" rel="noopener noreferrer"', '')
    .replaceAll(' loading="lazy" referrerpolicy="no-referrer"', '')
    .replace(/<div class="code-block"><pre tabindex="0">(.*?<\/pre>)<button[^>]*>Copy code<\/button><\/div>/gs, '<pre>$1')
    .replace(/<div class="table" style="overflow-x: auto;" tabindex="0">(<table>.*?<\/table>)<\/div>/gs, '$1');
}

/** Renders markdown and returns the normalised HTML. */
export const html = (text: string, props: Partial<MarkdownProps> = {}): string => normalise(renderMarkdown(text, props).container);
