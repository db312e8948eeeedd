/**
 * How a section is cited: its public URL, title, one-sentence description and
 * breadcrumbs, in the shape of a `provideLinks` link and of the SDK's `Source`.
 */
import { breadcrumbsOf } from './compose-answer';
import { splitBlocks } from './markdown-blocks';
import type { Section } from './markdown-sections';
import { firstSentence, plainText } from './plain-text';

/** A source of an answer, in the shape of a `provideLinks` link (and the SDK's `Source`). */
export interface KnowledgeSource {
  /** Where the section is published, e.g. `https://example.com/docs/guide/install#npm`. */
  url: string;
  /** The section's heading. */
  title: string;
  /** The section's first sentence. */
  description: string;
  /** File title, then the heading path down to the section. */
  breadcrumbs: string[];
}

/** Maps a document's path and a heading's anchor (`''` for none) to the public URL of that place. */
export type DocsUrl = (path: string, anchor: string) => string;

/**
 * The usual layout of a docs site built from files: `guide/install.md` is published at
 * `{base}guide/install`, an `index` or `README` at its folder, and a heading at `#anchor`.
 * `base` is an absolute URL or a path such as `/docs/` (a missing final `/` is added).
 */
export function publicDocsUrl(base: string): DocsUrl {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return (path, anchor) => {
    const page = path.replace(/\.(?:md|markdown|mdx|html?)$/i, '').replace(/(^|\/)(?:index|readme)$/i, '$1');
    return `${prefix}${page}${anchor === '' ? '' : `#${anchor}`}`;
  };
}

/**
 * The source of `section`: its URL from `docsUrl`; its description is the first sentence
 * of the first paragraph, else of the first list item.
 */
export function sourceOf(section: Section, docsUrl: DocsUrl): KnowledgeSource {
  const blocks = splitBlocks(section.body);
  const prose = blocks.find((block) => block.kind === 'paragraph') ?? blocks.find((block) => block.kind === 'list');
  const lead = prose?.kind === 'paragraph' ? prose.text : (prose?.items[0] ?? '').replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
  return {
    // A file's top section is the page itself: its URL needs no anchor.
    url: docsUrl(section.file, section.headingPath.length === 0 ? '' : section.slug),
    title: section.heading,
    description: firstSentence(plainText(lead)),
    breadcrumbs: breadcrumbsOf(section),
  };
}
