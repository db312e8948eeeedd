/**
 * Which markdown files the knowledge base reads, and reading them. The default corpus is
 * the project's own documentation, found from this file's place in the repo so it works
 * from any working directory.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A markdown document: a path (read from disk) or a path with its text (tests, other corpora). */
export type DocumentInput = string | { path: string; text: string };

/** A document ready to index: a repo-relative `/`-separated path and its text. */
export interface LoadedDocument {
  path: string;
  text: string;
}

/** The repository root: this file is `demo/server/knowledge/load-documents.ts`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * `README.md`, `demo/server/README.md` and every `docs/*.md` (sorted, so the corpus and
 * therefore every answer is the same on every machine). Missing ones are skipped.
 */
export function defaultDocuments(root: string): string[] {
  const docsDir = join(root, 'docs');
  const docs = existsSync(docsDir)
    ? readdirSync(docsDir)
        .filter((name) => name.toLowerCase().endsWith('.md'))
        .sort()
        .map((name) => `docs/${name}`)
    : [];
  return ['README.md', 'demo/server/README.md', ...docs].filter((path) => existsSync(join(root, path)));
}

/**
 * Reads `inputs`; a path is resolved against `root`. A named file that does not exist
 * throws, since a caller who lists a file expects it to be searched.
 */
export function loadDocuments(inputs: readonly DocumentInput[], root: string): LoadedDocument[] {
  return inputs.map((input) => {
    if (typeof input !== 'string') return { path: input.path.replace(/\\/g, '/'), text: input.text };
    const absolute = isAbsolute(input) ? input : join(root, input);
    if (!existsSync(absolute)) {
      throw new Error(`createKnowledgeBase: ${absolute} does not exist; list existing markdown files in "files".`);
    }
    const path = relative(root, absolute).split(sep).join('/');
    return { path, text: readFileSync(absolute, 'utf8') };
  });
}
