import { describe, expect, it } from 'vitest';
import { DEMO_NOT_FOUND, demoKnowledgeBase } from '../../../demo/server/docs-corpus';
import { createKnowledgeBase, notFoundText, publicDocsUrl } from '../../../src/server/knowledge';
import { CORPUS, corpusKnowledgeBase } from './corpus-fixture';

/** The corpus as the demo cites it: `/docs/guide.md#retries`. */
const kb = corpusKnowledgeBase();

describe('createKnowledgeBase: answers', () => {
  it('1. answers from the best-matching section, with a lead sentence naming where', () => {
    const answer = kb.answer('How do retries work?');
    expect(answer.text.startsWith('The confab docs cover this under **Widget guide › Retries**.')).toBe(true);
    expect(answer.sources[0]?.url).toBe('/docs/guide.md#retries');
  });

  it('2. quotes the list items with the most matching terms, not the whole list', () => {
    const { text } = kb.answer('How are failed requests retried with backoff?');
    expect(text).toContain('- **Backoff.** Failed requests are retried with exponential backoff and jitter.');
    expect(text).not.toContain('Themes.');
  });

  it('3. adds the section\'s fenced code block', () => {
    const { text } = kb.answer('How do I install the package with npm?');
    expect(text).toContain('```sh\nnpm install confab\n```');
    expect(text).toContain('Install the package with npm.');
  });

  it('4. a nested section: breadcrumbs are the file title and the heading path', () => {
    const answer = kb.answer('dark mode system setting');
    expect(answer.sources[0]).toEqual({
      url: '/docs/guide.md#dark-mode',
      title: 'Dark mode',
      description: 'Dark mode follows the system setting.',
      breadcrumbs: ['Widget guide', 'Themes', 'Dark mode'],
    });
    expect(answer.text).toContain('```html\n<confab-chat theme="dark"></confab-chat>\n```');
  });

  it('5. a repeated heading gets a GitHub-style -1 anchor; matching table rows are quoted with the header', () => {
    const answer = kb.answer('install from the local cache offline tarball');
    expect(answer.sources[0]?.url).toBe('/docs/guide.md#install-1');
    expect(answer.text).toContain('| option | default | what |\n|---|---|---|\n| `offline` | false | install from the local cache |');
    expect(answer.text).not.toContain('`registry`');
  });

  it('6. nothing relevant → the honest answer and no sources', () => {
    for (const question of ['How do I bake a chocolate cake?', 'What is the weather in Paris?', '', '   ?!  ', 'the and of']) {
      expect(kb.answer(question)).toEqual({ text: notFoundText('the confab docs'), sources: [] });
    }
  });

  it('7. one common word does not carry an unrelated question', () => {
    expect(kb.answer('How do I bake the widget into a cake recipe?').sources).toEqual([]);
  });

  it('8. is deterministic: the same question gives the same answer, also from a fresh index', () => {
    const again = corpusKnowledgeBase();
    for (const question of ['retries', 'install', 'Does it work offline?', 'theme attribute']) {
      expect(kb.answer(question)).toEqual(kb.answer(question));
      expect(again.answer(question)).toEqual(kb.answer(question));
    }
  });

  it('9. sources: best first, related ones only when they score close, at most three', () => {
    const { sources } = kb.answer('install');
    expect(sources.length).toBeGreaterThanOrEqual(1);
    expect(sources.length).toBeLessThanOrEqual(3);
    expect(new Set(sources.map((source) => source.url)).size).toBe(sources.length);
    for (const source of sources) {
      expect(source.url).toMatch(/^\/docs\/[\w./-]+(#[\w-]+)?$/);
      expect(source.title).not.toBe('');
      expect(source.breadcrumbs[0]).toBeTypeOf('string');
    }
  });

  it('10. words are stemmed and camelCase is split: "retrying" and "deadLetter" find the list', () => {
    expect(kb.answer('retrying').sources[0]?.title).toBe('Retries');
    expect(kb.answer('deadLetter').sources[0]?.title).toBe('Retries');
  });

  it('11. docsUrl maps a path and an anchor to the public URL; search() exposes scores, best first', () => {
    const github = createKnowledgeBase({ documents: CORPUS, docsUrl: (path, anchor) => `https://example.com/blob/main/${path}#${anchor}` });
    expect(github.answer('offline outbox').sources[0]?.url).toBe('https://example.com/blob/main/docs/faq.md#does-it-work-offline');
    const matches = kb.search('install');
    expect(matches.map((match) => match.score)).toEqual([...matches.map((match) => match.score)].sort((a, b) => b - a));
    expect(kb.search('chocolate')).toEqual([]);
  });
});

describe('createKnowledgeBase: the demo corpus and public URLs', () => {
  it('12. the demo corpus is the repo\'s README.md, demo/server/README.md and docs/*.md', () => {
    const files = new Set(demoKnowledgeBase().sections.map((section) => section.file));
    expect(files.has('README.md')).toBe(true);
    expect(files.has('demo/server/README.md')).toBe(true);
    expect([...files].every((file) => file === 'README.md' || file === 'demo/server/README.md' || /^docs\/[^/]+\.md$/.test(file))).toBe(true);
  });

  it('13. the demo corpus answers a question about the project, citing /docs/ URLs; its not-found answer suggests questions', () => {
    const demo = demoKnowledgeBase();
    const answer = demo.answer('What happens when the analytics API is down?');
    expect(answer.sources.length).toBeGreaterThan(0);
    expect(answer.sources.every((source) => source.url.startsWith('/docs/'))).toBe(true);
    expect(answer.text.startsWith('The confab docs cover this under **')).toBe(true);
    expect(demo.answer('How do I bake a chocolate cake?').text).toBe(DEMO_NOT_FOUND);
  });

  it('14. publicDocsUrl: extensions dropped, index and README pages at their folder, anchors after #; the default name is "the docs"', () => {
    const url = publicDocsUrl('https://example.com/docs');
    expect(url('guide/install.md', 'npm')).toBe('https://example.com/docs/guide/install#npm');
    expect(url('guide/index.mdx', '')).toBe('https://example.com/docs/guide/');
    expect(url('README.md', 'usage')).toBe('https://example.com/docs/#usage');
    expect(url('api/errors.html', 'timeouts')).toBe('https://example.com/docs/api/errors#timeouts');
    const plain = createKnowledgeBase({ documents: CORPUS });
    expect(plain.answer('How do retries work?').text.startsWith('The docs cover this under **Widget guide › Retries**.')).toBe(true);
    expect(plain.answer('How do retries work?').sources[0]?.url).toBe('/docs/docs/guide#retries');
    expect(plain.answer('chocolate cake').text).toBe('I could not find that in the docs. Try naming a feature, an option or an error.');
  });

  it('15. related questions: question-shaped headings nearest first, never the question asked', () => {
    expect(kb.relatedQuestions('Can I use it offline, on a plane?', 3)).toEqual(['Does it work offline?']);
    expect(kb.relatedQuestions('Does it work offline?', 3)).toEqual([]);
    // Nothing near: the corpus's questions in order, as leads.
    expect(kb.relatedQuestions('a question nothing matches', 2)).toEqual(['Does it work offline?']);
  });
});
