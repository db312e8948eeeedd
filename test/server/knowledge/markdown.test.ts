import { describe, expect, it } from 'vitest';
import { createSlugger, headingSlug } from '../../../src/server/knowledge/heading-slug';
import { splitBlocks } from '../../../src/server/knowledge/markdown-blocks';
import { splitSections } from '../../../src/server/knowledge/markdown-sections';
import { firstSentence, plainText } from '../../../src/server/knowledge/plain-text';
import { searchTerms, stem } from '../../../src/server/knowledge/search-terms';
import { FAQ, GUIDE } from './corpus-fixture';

describe('markdown sections', () => {
  it('1. one section per heading, with the file title, heading path and anchor', () => {
    const sections = splitSections('docs/guide.md', GUIDE);
    expect(sections.map((s) => [s.heading, s.headingPath.join(' › '), s.slug])).toEqual([
      ['Widget guide', '', 'widget-guide'],
      ['Install', 'Install', 'install'],
      ['Retries', 'Retries', 'retries'],
      ['Themes', 'Themes', 'themes'],
      ['Dark mode', 'Themes › Dark mode', 'dark-mode'],
      ['Install', 'Install', 'install-1'],
    ]);
    expect(sections.every((s) => s.fileTitle === 'Widget guide' && s.file === 'docs/guide.md')).toBe(true);
  });

  it('2. a # line inside fenced code is not a heading', () => {
    const sections = splitSections('docs/faq.md', FAQ);
    expect(sections.map((s) => s.heading)).toEqual(['Does it work offline?']);
    expect(sections[0]?.body).toContain('# a heading inside code is not a section');
  });

  it('3. a file without headings is one section titled by its name, with no anchor', () => {
    expect(splitSections('notes/todo.md', 'Just text.')).toEqual([
      { file: 'notes/todo.md', fileTitle: 'todo', heading: 'todo', headingPath: [], slug: '', body: 'Just text.' },
    ]);
  });
});

describe('markdown blocks', () => {
  it('4. paragraphs, lists (items with continuation lines), tables and code', () => {
    const blocks = splitBlocks('Intro line\nsecond line.\n\n- one\n  more\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```ts\nx\n\ny\n```');
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Intro line\nsecond line.' },
      { kind: 'list', items: ['- one\n  more', '- two'] },
      { kind: 'table', header: ['| a | b |', '|---|---|'], items: ['| 1 | 2 |'] },
      { kind: 'code', text: '```ts\nx\n\ny\n```' },
    ]);
  });
});

describe('text helpers', () => {
  it('5. slugs follow GitHub: lowercase, punctuation dropped, spaces to dashes, repeats numbered', () => {
    expect(headingSlug('Options of `createAnalytics`')).toBe('options-of-createanalytics');
    expect(headingSlug('Request checks, in order')).toBe('request-checks-in-order');
    const slug = createSlugger();
    expect([slug('Faults'), slug('Faults'), slug('Faults')]).toEqual(['faults', 'faults-1', 'faults-2']);
  });

  it('6. plain text and first sentences', () => {
    expect(plainText('See [the **docs**](https://x.y) and `code`.')).toBe('See the docs and code.');
    expect(firstSentence('Use demo/server/README.md first. Then more.')).toBe('Use demo/server/README.md first.');
    expect(firstSentence('word '.repeat(60), 40).length).toBeLessThanOrEqual(40);
  });

  it('7. search terms: stop words out, stems shared, camelCase split', () => {
    expect(searchTerms('How do I delete the conversations?')).toEqual(['delet', 'conversation']);
    expect(stem('retries')).toBe(stem('retry'));
    expect(stem('logged')).toBe('log');
    expect(searchTerms('tokenDelayMs')).toEqual([stem('tokendelayms'), 'token', 'delay', 'ms']);
  });
});
