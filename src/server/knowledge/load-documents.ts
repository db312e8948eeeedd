/**
 * The documents a knowledge base indexes, whatever their format: Markdown as it is, MDX
 * and HTML turned into Markdown first, so one splitter and one ranker serve all three.
 */
import { htmlToMarkdown } from './html-to-markdown';
import { mdxToMarkdown } from './mdx-to-markdown';

/** A document with its text: `path` (`/`-separated, relative to the docs root) names it in sources. */
export interface DocumentInput {
  path: string;
  text: string;
}

/** The file names a knowledge base reads: Markdown, MDX and HTML. */
export const DOC_EXTENSIONS = ['.md', '.markdown', '.mdx', '.html', '.htm'] as const;

/** Whether `path` names a document the knowledge base can read. */
export function isDocPath(path: string): boolean {
  const lower = path.toLowerCase();
  return DOC_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** `document` as Markdown: its path with `/` separators, its text converted by its extension. */
export function toMarkdownDocument(document: DocumentInput): DocumentInput {
  const path = document.path.replace(/\\/g, '/');
  const lower = path.toLowerCase();
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return { path, text: htmlToMarkdown(document.text) };
  if (lower.endsWith('.mdx')) return { path, text: mdxToMarkdown(document.text) };
  return { path, text: document.text };
}
