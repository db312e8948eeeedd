/**
 * How a section is cited: its URL, title, one-sentence description and breadcrumbs, in
 * the shape of a `provideLinks` link and of the SDK's `Source`.
 */
import { breadcrumbsOf } from './compose-answer';
import { splitBlocks } from './markdown-blocks';
import type { Section } from './markdown-sections';
import { firstSentence, plainText } from './plain-text';

/** A source of an answer, in the shape of a `provideLinks` link (and the SDK's `Source`). */
export interface KnowledgeSource {
  /** `{linkBase}{file}#{heading-slug}`, e.g. `/docs/README.md#delivery-guarantees`. */
  url: string;
  /** The section's heading. */
  title: string;
  /** The section's first sentence. */
  description: string;
  /** File title, then the heading path down to the section. */
  breadcrumbs: string[];
}

/**
 * The source of `section`. The URL is `linkBase` + the file's repo path (a leading
 * `docs/` dropped, since `linkBase` already says docs) + `#` + the heading's anchor; the
 * description is the first sentence of the first paragraph, else of the first list item.
 */
export function sourceOf(section: Section, linkBase: string): KnowledgeSource {
  const file = section.file.replace(/^docs\//, '');
  const blocks = splitBlocks(section.body);
  const prose = blocks.find((block) => block.kind === 'paragraph') ?? blocks.find((block) => block.kind === 'list');
  const lead = prose?.kind === 'paragraph' ? prose.text : (prose?.items[0] ?? '').replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
  return {
    url: `${linkBase}${file}${section.slug === '' ? '' : `#${section.slug}`}`,
    title: section.heading,
    description: firstSentence(plainText(lead)),
    breadcrumbs: breadcrumbsOf(section),
  };
}
