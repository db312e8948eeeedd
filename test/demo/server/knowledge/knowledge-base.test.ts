import { describe, expect, it } from 'vitest';
import { createKnowledgeBase, NOT_FOUND_TEXT } from '../../../../demo/server/knowledge';
import { CORPUS } from './corpus-fixture';

const kb = createKnowledgeBase({ files: CORPUS });

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
      expect(kb.answer(question)).toEqual({ text: NOT_FOUND_TEXT, sources: [] });
    }
  });

  it('7. one common word does not carry an unrelated question', () => {
    expect(kb.answer('How do I bake the widget into a cake recipe?').sources).toEqual([]);
  });

  it('8. is deterministic: the same question gives the same answer, also from a fresh index', () => {
    const again = createKnowledgeBase({ files: CORPUS });
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

  it('11. linkBase changes the URL prefix; search() exposes scores, best first', () => {
    const github = createKnowledgeBase({ files: CORPUS, linkBase: 'https://example.com/blob/main/' });
    expect(github.answer('offline outbox').sources[0]?.url).toBe('https://example.com/blob/main/faq.md#does-it-work-offline');
    const matches = kb.search('install');
    expect(matches.map((match) => match.score)).toEqual([...matches.map((match) => match.score)].sort((a, b) => b - a));
    expect(kb.search('chocolate')).toEqual([]);
  });
});

describe('createKnowledgeBase: files', () => {
  it('12. the default corpus is the repo\'s README.md, demo/server/README.md and docs/*.md', () => {
    const files = new Set(createKnowledgeBase().sections.map((section) => section.file));
    expect(files.has('README.md')).toBe(true);
    expect(files.has('demo/server/README.md')).toBe(true);
    expect([...files].every((file) => file === 'README.md' || file === 'demo/server/README.md' || /^docs\/[^/]+\.md$/.test(file))).toBe(true);
  });

  it('13. the default corpus answers a question about the project, citing /docs/ URLs', () => {
    const answer = createKnowledgeBase().answer('What happens when the analytics API is down?');
    expect(answer.sources.length).toBeGreaterThan(0);
    expect(answer.sources.every((source) => source.url.startsWith('/docs/'))).toBe(true);
  });

  it('14. a listed file that does not exist throws, naming it', () => {
    expect(() => createKnowledgeBase({ files: ['no/such/file.md'] })).toThrow(/no\/such\/file\.md does not exist/);
  });

  it('15. related questions: question-shaped headings nearest first, never the question asked', () => {
    expect(kb.relatedQuestions('Can I use it offline, on a plane?', 3)).toEqual(['Does it work offline?']);
    expect(kb.relatedQuestions('Does it work offline?', 3)).toEqual([]);
    // Nothing near: the corpus's questions in order, as leads.
    expect(kb.relatedQuestions('a question nothing matches', 2)).toEqual(['Does it work offline?']);
  });
});
