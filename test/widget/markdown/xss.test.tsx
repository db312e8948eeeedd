// @vitest-environment jsdom
import { cleanup } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown, safeHref, safeImageSrc } from '../../../src/widget/markdown';
import { renderMarkdown, strings } from './render-markdown';
import { XSS_PAYLOADS } from './xss-payloads';

afterEach(cleanup);

/** Every element and attribute the renderer may produce; anything else came from the input. */
const ELEMENTS = new Set(
  'P H3 H4 H5 H6 EM STRONG DEL CODE PRE BR A IMG UL OL LI INPUT BLOCKQUOTE TABLE THEAD TBODY TR TH TD DIV HR BUTTON'.split(' '),
);
const ATTRIBUTES = new Set(
  'href title target rel src alt loading referrerpolicy class start type disabled checked part aria-label style tabindex'.split(' '),
);
const STYLES = new Set(['text-align: left;', 'text-align: center;', 'text-align: right;', 'overflow-x: auto;']);

/**
 * What in a rendered answer could run script or fetch an image unasked: elements and
 * attributes the renderer never makes, `on*` handlers, URLs outside the policy. Collected,
 * not asserted one by one, so that a 1 MB answer's hundred thousand nodes check quickly.
 */
function hazards(container: Element, allowImages: boolean): string[] {
  const found: string[] = [];
  for (const element of container.querySelectorAll('*')) {
    if (!ELEMENTS.has(element.tagName)) found.push(`element ${element.tagName}`);
    for (const { name, value } of element.attributes) {
      if (!ATTRIBUTES.has(name) || name.startsWith('on')) found.push(`attribute ${name}`);
      if (name === 'style' && !STYLES.has(value)) found.push(`style ${value}`);
    }
  }
  for (const a of container.querySelectorAll('a')) {
    const href = a.getAttribute('href')!;
    const protocol = new URL(href, 'https://host.test/').protocol;
    if (safeHref(href) !== href || !['http:', 'https:', 'mailto:'].includes(protocol)) found.push(`href ${href}`);
    if (a.rel !== 'noopener noreferrer' || a.target !== '_blank') found.push(`link ${a.outerHTML}`);
  }
  for (const img of container.querySelectorAll('img')) {
    const src = img.getAttribute('src')!;
    if (!allowImages || safeImageSrc(src, true) !== src || new URL(src, 'https://host.test/').protocol !== 'https:') found.push(`img ${src}`);
  }
  return found;
}

describe('XSS corpus', () => {
  it('has at least 40 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  describe.each([false, true])('allowImages: %s', (allowImages) => {
    // The 1 MB payloads take seconds in jsdom; once, without images, is enough for them.
    const payloads = XSS_PAYLOADS.map(([name, markdown], k) => [`${k + 1}. ${name}`, markdown] as const);
    it.each(payloads.filter(([, markdown]) => !allowImages || markdown.length < 100_000))('%s', (_, markdown) => {
      const start = performance.now();
      const { container } = renderMarkdown(markdown, { allowImages });
      expect(performance.now() - start).toBeLessThan(20_000);
      expect(hazards(container, allowImages)).toEqual([]);
      // The text is still there for the reader, as text.
      if (markdown.length < 200 && markdown.includes('<script>') && !markdown.includes('&lt;')) {
        expect(container.textContent).toContain('<script>');
      }
    });

    it('the whole corpus streamed as one answer', () => {
      const answer = XSS_PAYLOADS.filter(([, markdown]) => markdown.length < 1000)
        .map(([, markdown]) => markdown)
        .join('\n\n');
      const view = renderMarkdown('', { allowImages, streaming: true });
      for (let end = 1; end <= answer.length; end += 3) {
        view.rerender(<Markdown text={answer.slice(0, end)} allowImages={allowImages} streaming strings={strings} />);
      }
      view.rerender(<Markdown text={answer} allowImages={allowImages} streaming strings={strings} />);
      expect(hazards(view.container, allowImages)).toEqual([]);
    });
  });
});
