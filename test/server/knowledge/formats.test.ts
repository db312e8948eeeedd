import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../../src/server/knowledge';
import { htmlToMarkdown } from '../../../src/server/knowledge/html-to-markdown';
import { splitSections } from '../../../src/server/knowledge/markdown-sections';
import { mdxToMarkdown } from '../../../src/server/knowledge/mdx-to-markdown';
import { readDocs } from '../../../src/server/knowledge/read-docs';

const MDX = `import { Tabs, Tab } from '../components';
export const meta = {
  title: 'Webhooks',
};

# Webhooks

{/* reviewers: keep this short */}
<Callout type="warning">
Webhooks are retried **five times** with backoff.
</Callout>

<Tabs>
  <Tab label="npm">
\`\`\`sh
import this stays, it is code
<Tabs> stays too
\`\`\`
  </Tab>
</Tabs>
`;

const HTML = `<!doctype html><html><head><title>Ignored</title><style>h2 { color: red }</style></head>
<body><nav><a href="/">Home</a> navigation text</nav>
<main><h1>Billing &amp; plans</h1>
<p>Every plan includes 1&nbsp;000 jobs.<br>Upgrades are immediate.</p>
<h2 id="refunds">Getting a <em>refund</em></h2>
<ul><li>Ask within <strong>30 days</strong>.</li><li>Use the <code>refund</code> form.</li></ul>
<pre><code class="language-sh">curl -X POST /refunds &lt;id&gt;
# done</code></pre>
<script>alert('not content')</script>
<!-- a comment -->
</main></body></html>`;

describe('document formats', () => {
  it('1. MDX: ESM lines, comments and lines of only component tags go; the Markdown between them and fenced code stay', () => {
    const markdown = mdxToMarkdown(MDX);
    expect(markdown).not.toMatch(/import \{ Tabs|export const|title: 'Webhooks'|Callout|reviewers|Tab label|<\/Tabs?>/);
    expect(markdown).toContain('# Webhooks');
    expect(markdown).toContain('Webhooks are retried **five times** with backoff.');
    expect(markdown).toContain('import this stays, it is code\n<Tabs> stays too');
  });

  it('2. HTML: headings keep their ids as anchors; paragraphs, list items, bold, code and <pre> become Markdown; script, style, nav, head and comments go', () => {
    const markdown = htmlToMarkdown(HTML);
    expect(markdown).toContain('# Billing & plans');
    expect(markdown).toContain('## Getting a refund {#refunds}');
    expect(markdown).toContain('- Ask within **30 days**.');
    expect(markdown).toContain('- Use the `refund` form.');
    expect(markdown).toContain('```\ncurl -X POST /refunds <id>\n# done\n```');
    expect(markdown).toContain('Every plan includes 1 000 jobs.');
    expect(markdown).not.toMatch(/Ignored|color: red|navigation text|alert|a comment/);
    const sections = splitSections('billing.html', markdown);
    expect(sections.map((section) => [section.heading, section.slug])).toEqual([
      // GitHub's slug keeps both dashes around a dropped "&".
      ['Billing & plans', 'billing--plans'],
      ['Getting a refund', 'refunds'],
    ]);
    expect(sections[1]?.body, 'a "#" inside <pre> is code, not a heading').toContain('# done');
  });

  it('3. an explicit {#anchor} on a Markdown heading is the section\'s anchor and not part of its title', () => {
    const [section] = splitSections('a.md', '## Set it up {#setup}\n\nText.');
    expect(section).toMatchObject({ heading: 'Set it up', slug: 'setup' });
  });

  it('4. one knowledge base answers from Markdown, MDX and HTML, citing each page by its public URL', () => {
    const kb = createKnowledgeBase({
      documents: [
        { path: 'guides/webhooks.mdx', text: MDX },
        { path: 'billing/index.html', text: HTML },
        { path: 'start.md', text: '# Start\n\nCreate a project with the dashboard.' },
      ],
    });
    expect(kb.answer('How often are webhooks retried?').sources[0]?.url).toBe('/docs/guides/webhooks');
    expect(kb.answer('How do I get a refund?').sources[0]?.url).toBe('/docs/billing/#refunds');
    expect(kb.answer('create a project').sources[0]?.url).toBe('/docs/start');
  });
});

describe('readDocs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'confab-docs-'));
    await mkdir(join(dir, 'docs/guides'), { recursive: true });
    await mkdir(join(dir, 'docs/node_modules/pkg'), { recursive: true });
    await mkdir(join(dir, 'docs/.vitepress'), { recursive: true });
    await mkdir(join(dir, 'empty'), { recursive: true });
    await writeFile(join(dir, 'docs/index.md'), '# Home\n');
    await writeFile(join(dir, 'docs/guides/b.mdx'), '# B\n');
    await writeFile(join(dir, 'docs/guides/a.html'), '<h1>A</h1>');
    await writeFile(join(dir, 'docs/guides/notes.txt'), 'not a doc');
    await writeFile(join(dir, 'docs/node_modules/pkg/README.md'), '# dependency');
    await writeFile(join(dir, 'docs/.vitepress/config.md'), '# hidden');
    await writeFile(join(dir, 'empty/notes.txt'), 'nothing');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('5. reads every .md, .mdx and .html under a folder, sorted, paths relative to it, skipping node_modules and hidden folders', async () => {
    const docs = await readDocs(join(dir, 'docs'));
    expect(docs.map((doc) => doc.path)).toEqual(['guides/a.html', 'guides/b.mdx', 'index.md']);
    expect(docs[2]?.text).toBe('# Home\n');
  });

  it('6. a named file is read under its own name; several sources add up', async () => {
    const docs = await readDocs([join(dir, 'docs/index.md'), join(dir, 'docs/guides')]);
    expect(docs.map((doc) => doc.path)).toEqual(['index.md', 'a.html', 'b.mdx']);
  });

  it('7. a missing source, or a folder without a document, is a ConfigError naming the setting and the path', async () => {
    await expect(readDocs(join(dir, 'nope'), '--docs')).rejects.toMatchObject({ name: 'ConfigError', option: '--docs', message: expect.stringMatching(/^--docs: .*nope does not exist/) });
    await expect(readDocs(join(dir, 'empty'))).rejects.toMatchObject({ option: 'docs', message: expect.stringContaining('holds no .md') });
  });
});
