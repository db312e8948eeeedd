/**
 * Builds the markdown answer from the best-matching section: a lead sentence naming
 * where the answer comes from, the paragraphs, list items and table rows that mention the
 * most of the question's terms (in document order), and the section's code block when it
 * has one.
 */
import { splitBlocks, type Block } from './markdown-blocks';
import type { Section } from './markdown-sections';
import { searchTerms } from './search-terms';

/** At most this many prose blocks, and this many items of one list or table. */
const MAX_BLOCKS = 3;
const MAX_ITEMS = 6;

/**
 * How many of `terms` occur in `text`. A term of 4+ characters also matches as a prefix
 * (`deliver` ~ `delivery`), as the search does, so the quoted paragraphs are the ones
 * that made the section match.
 */
export function termHits(text: string, terms: readonly string[]): number {
  const words = searchTerms(text);
  return terms.filter((term) => words.some((word) => word === term || (term.length >= 4 && word.startsWith(term)))).length;
}

/** `File title › Heading › Sub-heading`: where the answer was found. */
export function breadcrumbsOf(section: Section): string[] {
  return [section.fileTitle, ...section.headingPath];
}

/** The parts of a prose block that can be quoted on their own: the block, or its items. */
function partsOf(block: Block): string[] {
  return block.kind === 'list' || block.kind === 'table' ? block.items : [block.text];
}

/** `block` reduced to `parts` (a table keeps its header). */
function render(block: Block, parts: string[]): string {
  if (block.kind === 'table') return [...block.header, ...parts].join('\n');
  return parts.join('\n').replace(/\n{2,}/g, '\n');
}

/**
 * The answer's markdown. Only the prose parts (paragraphs, list items, table rows) with
 * the most term hits are quoted, so a question about deleting quotes the item about
 * deleting rather than every item that says "conversation". When only the heading
 * matched, the section's first prose block is. One fenced code block is added when the
 * section has any: the first that mentions a term, else the first.
 */
export function composeAnswer(section: Section, terms: readonly string[], name: string): string {
  const blocks = splitBlocks(section.body);
  const prose = [...blocks.entries()]
    .filter(([, block]) => block.kind !== 'code')
    .map(([index, block]) => ({ index, block, parts: partsOf(block).map((text) => ({ text, hits: termHits(text, terms) })) }));
  const most = Math.max(0, ...prose.flatMap((entry) => entry.parts.map((part) => part.hits)));

  const chosen = new Map<number, string>();
  for (const { index, block, parts } of prose) {
    if (most === 0 || chosen.size >= MAX_BLOCKS) break;
    const best = parts.filter((part) => part.hits === most).slice(0, MAX_ITEMS);
    if (best.length > 0) chosen.set(index, render(block, best.map((part) => part.text)));
  }
  const first = prose[0];
  if (chosen.size === 0 && first) chosen.set(first.index, render(first.block, partsOf(first.block).slice(0, MAX_ITEMS)));

  const codes = [...blocks.entries()].filter(([, block]) => block.kind === 'code');
  const code = codes.find(([, block]) => termHits(partsOf(block).join(''), terms) > 0) ?? codes[0];
  if (code) chosen.set(code[0], partsOf(code[1]).join(''));

  const lead = `${name[0]?.toUpperCase() ?? ''}${name.slice(1)} cover this under **${breadcrumbsOf(section).join(' › ')}**.`;
  const body = [...chosen.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
  return [lead, ...body].join('\n\n');
}
