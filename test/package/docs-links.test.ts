// Issue 13, "The package": the README and docs/ are what a user reads, in the repository and
// in the package. Every relative link must land on a file of the repository (never outside
// it), on a heading that exists when it names one, and, from docs/ (which the package
// ships), on a file the package ships too. Versioned CDN URLs name the current version.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/packed-package';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; files: string[] };
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** Markdown without its fenced code blocks and code spans, where `[x](y)` is not a link. */
const prose = (markdown: string) => markdown.replace(/^(```|~~~)[^]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');

/** The targets of a page's inline links `[text](target)` and reference definitions `[x]: target`. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!);
  const references = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((match) => match[1]!);
  return [...inline, ...references];
}

/** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  for (const [, heading] of markdown.replace(/^(```|~~~)[^]*?^\1/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = heading!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  }
  return anchors;
}

/** What is wrong with `target` as a link of `page`, or undefined when nothing is. */
function problemWith(page: string, target: string): string | undefined {
  if (/^[a-z][a-z+.-]*:/i.test(target)) return /^(https?|mailto):/i.test(target) ? undefined : 'not an http(s) or mailto link';
  const [path = '', anchor] = target.split('#');
  const file = path === '' ? join(ROOT, page) : resolve(ROOT, dirname(page), decodeURI(path));
  const inRepo = relative(ROOT, file);
  if (inRepo.startsWith('..') || inRepo === '') return inRepo === '' ? 'the repository itself' : 'outside the repository';
  if (!existsSync(file)) return 'no such file';
  if (page.startsWith('docs/') && !manifest.files.some((shipped) => inRepo === shipped || inRepo.startsWith(`${shipped}/`))) {
    return 'a file the package does not ship (docs/ is in the package)';
  }
  if (anchor && statSync(file).isFile() && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) return `no heading #${anchor}`;
  return undefined;
}

describe('links of the README and docs/', () => {
  for (const page of PAGES) {
    it(`1. ${page}: every relative link lands on a file of the repository, and on its heading`, () => {
      const targets = linkTargets(readFileSync(join(ROOT, page), 'utf8'));
      const problems = targets.flatMap((target) => {
        const problem = problemWith(page, target);
        return problem ? [`${target}: ${problem}`] : [];
      });
      expect(problems).toEqual([]);
    });
  }

  it('2. the check finds what it must: a link leaving the repository, a missing file, a missing heading, an unshipped file from docs/', () => {
    const page = 'README.md';
    const links = '[a](../shared/DESIGN.md) [b](docs/nowhere.md) [c](docs/faq.md#no-such-question) [d](#deploy-the-server) [e](https://example.com)\n```md\n[f](../in-a-code-block.md)\n```';
    expect(linkTargets(links).map((target) => [target, problemWith(page, target)])).toEqual([
      ['../shared/DESIGN.md', 'outside the repository'],
      ['docs/nowhere.md', 'no such file'],
      ['docs/faq.md#no-such-question', 'no heading #no-such-question'],
      ['#deploy-the-server', undefined],
      ['https://example.com', undefined],
    ]);
    expect(problemWith('docs/faq.md', '../demo/server/README.md')).toBe('a file the package does not ship (docs/ is in the package)');
    expect(problemWith('docs/faq.md', '../README.md#the-package')).toBeUndefined();
  });

  it('3. every versioned CDN URL names the version in package.json', () => {
    const urls = PAGES.flatMap((page) => [...readFileSync(join(ROOT, page), 'utf8').matchAll(/https:\/\/(?:cdn\.jsdelivr\.net\/npm|unpkg\.com)\/confab-chat@[^/\s"'`)]+\/\S*?(?=["'`)\s])/g)].map((match) => match[0]));
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) expect(url).toContain(`confab-chat@${manifest.version}/dist/confab.js`);
  });
});
