// @vitest-environment jsdom
import { cleanup } from '@testing-library/preact';
import { createRequire } from 'node:module';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { html } from './render-markdown';

interface SpecExample {
  markdown: string;
  html: string;
  number: number;
  section: string;
}

// The spec writes a tab as `→` (its own test tools put the tab back).
const tests = (createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] }).tests.map((t) => ({
  ...t,
  markdown: t.markdown.replaceAll('→', '\t'),
  html: t.html.replaceAll('→', '\t'),
}));

/** Raw HTML is text in confab (a deliberate deviation), so examples about it are not counted. */
const RAW_HTML = /<(?:\/?[a-z][a-z\d-]*(?:[\s/]|>)|[!?])/i;
const counted = tests.filter((t) => t.section !== 'HTML blocks' && t.section !== 'Raw HTML' && !RAW_HTML.test(t.markdown));

/**
 * The examples that fail on purpose (src/widget/markdown/index.ts lists the deviations):
 * links whose URL the policy refuses or that the browser would percent-encode, parentheses
 * nested deeper than one level, entities beyond the common named ones, lazy continuation
 * judged from a container's last line. A listed example that starts to pass fails this
 * runner too, so the list stays true.
 */
const KNOWN_FAILURES = new Set<number>([
  // Tabs: a tab after a list marker or `>` that indents code.
  5, 6, 7,
  // Named references beyond the common ones (src/widget/markdown/escapes.ts).
  25, 32, 33, 34, 503,
  // Definitions: an empty destination makes no link; a setext underline after definitions; a
  // definition between an item's paragraphs does not make the list loose.
  200, 216, 317, 567,
  // Links: empty destinations, parentheses nested deeper than one level, a colon read as a scheme.
  485, 486, 487, 496, 500,
  // Autolinks with schemes the URL policy refuses; GFM's extended autolinks.
  596, 598, 599, 601, 608, 611,
]);

/** Block elements: whitespace next to them is layout in the reference HTML, not content. */
const BLOCK = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'PRE', 'HR', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD']);

/**
 * The reference HTML in confab's conventions, serialised by the same DOM: headings two
 * levels down, no trailing newline in a code block, no line breaks between blocks.
 */
function reference(expected: string): string {
  const root = document.createElement('div');
  root.innerHTML = expected;
  for (const h of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const shifted = document.createElement(`h${Math.min(+h.tagName[1]! + 2, 6)}`);
    shifted.append(...h.childNodes);
    h.replaceWith(shifted);
  }
  // confab leaves percent-encoding to the browser (a deliberate deviation).
  for (const a of root.querySelectorAll('a[href]')) a.setAttribute('href', decodeURI(a.getAttribute('href')!));
  for (const img of root.querySelectorAll('img[src]')) img.setAttribute('src', decodeURI(img.getAttribute('src')!));
  for (const code of root.querySelectorAll('pre > code')) if (code.lastChild?.nodeType === 3) code.lastChild.textContent = code.lastChild.textContent!.replace(/\n$/, '');
  return layoutless(root);
}

/** Drops the line breaks that only separate blocks. */
function layoutless(root: Element): string {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  for (const text of texts) {
    if (text.parentElement?.closest('pre')) continue;
    const before = text.previousSibling;
    const after = text.nextSibling;
    let value = text.data;
    if (!before || BLOCK.has(before.nodeName) || before.nodeName === 'BR') value = value.replace(/^\n+/, '');
    if (!after || BLOCK.has(after.nodeName)) value = value.replace(/\n+$/, '');
    if (value) text.data = value;
    else text.remove();
  }
  return root.innerHTML;
}

function confab(markdown: string): string {
  const root = document.createElement('div');
  root.innerHTML = html(markdown, { allowImages: true });
  return layoutless(root);
}

afterEach(cleanup);

const passed: number[] = [];

describe('CommonMark 0.31.2 spec examples (raw HTML aside)', () => {
  it.each(counted.map((t) => [`${t.number} ${t.section}`, t] as const))('%s', (_, t) => {
    const actual = confab(t.markdown);
    const expected = reference(t.html);
    if (actual === expected) passed.push(t.number);
    if (KNOWN_FAILURES.has(t.number)) expect(actual === expected, 'a known failure passes now: take it off KNOWN_FAILURES').toBe(false);
    else expect({ markdown: t.markdown, html: actual }).toEqual({ markdown: t.markdown, html: expected });
  });
  afterAll(() => {
    const failed = counted.filter((t) => !passed.includes(t.number)).map((t) => t.number);
    console.info(`CommonMark spec: ${passed.length}/${counted.length} examples pass (${((100 * passed.length) / counted.length).toFixed(1)}%); failing: ${failed.join(' ')}`);
  });
});
