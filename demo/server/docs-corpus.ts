/**
 * The demo's knowledge base: the project's own documentation (README.md,
 * demo/server/README.md and every docs/*.md), read once from the repository, whatever the
 * working directory. The reference chat and PulseAI servers answer from it, and so does the
 * demo's confab server.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKnowledgeBase, type DocumentInput, type DocsUrl, type KnowledgeBase } from '../../src/server/knowledge';

/** The repository root: this file is `demo/server/docs-corpus.ts`. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the demo's answers call the corpus. */
export const DEMO_DOCS_NAME = 'the confab docs';

/** The demo's answer when nothing matches, with two questions that do. */
export const DEMO_NOT_FOUND =
  'I could not find that in the confab docs. Try naming a feature, an option or an error, ' +
  'for example "How do I log a conversation?" or "What happens when the analytics API is down?".';

/**
 * Source URLs: `/docs/` + the file's repo path (a leading `docs/` dropped, since the prefix
 * says docs) + the anchor, e.g. `/docs/README.md#delivery-guarantees`. Relative, so the
 * widget's URL policy accepts them and a site could serve the files under `/docs/`.
 */
export const demoDocsUrl: DocsUrl = (path, anchor) => `/docs/${path.replace(/^docs\//, '')}${anchor === '' ? '' : `#${anchor}`}`;

/** `README.md`, `demo/server/README.md` and every `docs/*.md`, sorted; missing ones are skipped. */
export function demoDocuments(root = REPO_ROOT): DocumentInput[] {
  const docsDir = join(root, 'docs');
  const docs = existsSync(docsDir)
    ? readdirSync(docsDir)
        .filter((name) => name.toLowerCase().endsWith('.md'))
        .sort()
        .map((name) => `docs/${name}`)
    : [];
  return ['README.md', 'demo/server/README.md', ...docs]
    .filter((path) => existsSync(join(root, path)))
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/** The knowledge base over {@link demoDocuments}, citing {@link demoDocsUrl}s. */
export function demoKnowledgeBase(): KnowledgeBase {
  return createKnowledgeBase({ documents: demoDocuments(), docsUrl: demoDocsUrl, name: DEMO_DOCS_NAME, notFound: DEMO_NOT_FOUND });
}
