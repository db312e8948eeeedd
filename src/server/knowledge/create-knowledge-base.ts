/**
 * A deterministic retrieval answerer over a site's docs (Markdown, MDX, HTML): sections are
 * ranked with BM25 (MiniSearch); the best ones ground a model's answer, or, without a
 * model, the best one is quoted as a Markdown answer with its sources. No randomness: the
 * same question over the same files always gets the same sections and answer.
 */
import MiniSearch from 'minisearch';
import { breadcrumbsOf, composeAnswer } from './compose-answer';
import { toMarkdownDocument, type DocumentInput } from './load-documents';
import { splitSections, type Section } from './markdown-sections';
import { processTerm, searchTerms, tokenize } from './search-terms';
import { publicDocsUrl, sourceOf, type DocsUrl, type KnowledgeSource } from './section-source';
import { MIN_COVERAGE, createCoverage } from './term-coverage';

export type { KnowledgeSource } from './section-source';

/** What {@link KnowledgeBase.answer} returns. */
export interface KnowledgeAnswer {
  /** Markdown. */
  text: string;
  /** Best first; empty when nothing matched. */
  sources: KnowledgeSource[];
}

/** One ranked section, for callers that cite differently (e.g. PulseAI retriever resources). */
export interface KnowledgeMatch {
  section: Section;
  source: KnowledgeSource;
  score: number;
}

/** Options of {@link createKnowledgeBase}. */
export interface KnowledgeBaseOptions {
  /** The documents, read already (see `readDocs`); `.mdx` and `.html` paths are converted to Markdown. */
  documents: readonly DocumentInput[];
  /** Public URL of a section. Default: {@link publicDocsUrl} of `/docs/`. */
  docsUrl?: DocsUrl | undefined;
  /** What the docs are called in answers: "The docs cover this under …". Default `the docs`. */
  name?: string | undefined;
  /** The answer when nothing matches. Default: "I could not find that in {name}. …". */
  notFound?: string | undefined;
}

/** The answerer: plain functions, no HTTP, so every reference server can reuse it. */
export interface KnowledgeBase {
  /** The markdown answer to `question` and its sources. */
  answer(question: string): KnowledgeAnswer;
  /** The sections that answer `question`, best first (empty when nothing matches well enough). */
  search(question: string): KnowledgeMatch[];
  /**
   * Up to `count` follow-up questions for `question`: the question-shaped headings (the FAQ)
   * of the sections that match it best, then the first others, never `question` itself.
   */
  relatedQuestions(question: string, count?: number): string[];
  /** Every indexed section, in corpus order. */
  readonly sections: readonly Section[];
}

/** What MiniSearch indexes of a section. */
interface IndexedSection {
  id: number;
  heading: string;
  /** File title and heading path. */
  path: string;
  /** Bold lead-ins such as `**Retries.**`: docs use them as headings of list items. */
  labels: string;
  body: string;
}

function toIndexed(section: Section, id: number): IndexedSection {
  const labels = [...section.body.matchAll(/\*\*([^*]+)\*\*/g)].map((match) => match[1] ?? '');
  return { id, heading: section.heading, path: breadcrumbsOf(section).join(' '), labels: labels.join(' '), body: section.body };
}

/** Sources beyond the best section must score at least this share of the best. */
const RELATED_SHARE = 0.5;
const MAX_SOURCES = 3;

/** The honest answer when no section matches. */
export const notFoundText = (name: string): string => `I could not find that in ${name}. Try naming a feature, an option or an error.`;

/** Indexes `documents` and returns the answerer. */
export function createKnowledgeBase(options: KnowledgeBaseOptions): KnowledgeBase {
  const docsUrl = options.docsUrl ?? publicDocsUrl('/docs/');
  const name = options.name ?? 'the docs';
  const notFound = options.notFound ?? notFoundText(name);
  const sections = options.documents.map(toMarkdownDocument).flatMap((doc) => splitSections(doc.path, doc.text));

  const index = new MiniSearch<IndexedSection>({
    fields: ['heading', 'path', 'labels', 'body'],
    tokenize,
    processTerm,
    searchOptions: {
      boost: { heading: 3, labels: 2, path: 1.5 },
      prefix: (term) => term.length >= 4,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    },
  });
  index.addAll(sections.map((section, id) => toIndexed(section, id)));
  const coverage = createCoverage(sections.map((s) => searchTerms(`${breadcrumbsOf(s).join(' ')} ${s.body}`)));

  function search(question: string): KnowledgeMatch[] {
    const terms = searchTerms(question);
    if (terms.length === 0) return [];
    // BM25 alone lets a common word in a heading win ("confab" for "install confab"), so
    // each hit is weighed by the share of the question it covers, and must cover half.
    const ranked = index
      .search(question)
      .map((result) => ({ id: Number(result.id), share: coverage.share(terms, result.queryTerms), bm25: result.score }))
      .filter((hit) => hit.share >= MIN_COVERAGE)
      .map((hit) => ({ id: hit.id, score: hit.bm25 * hit.share }))
      // Ties keep corpus order, so equal scores never reorder between runs.
      .sort((a, b) => b.score - a.score || a.id - b.id);
    const best = ranked[0];
    if (!best) return [];
    return ranked
      .filter((hit) => hit.score >= best.score * RELATED_SHARE)
      .slice(0, MAX_SOURCES)
      .flatMap((hit) => {
        const section = sections[hit.id];
        return section ? [{ section, source: sourceOf(section, docsUrl), score: hit.score }] : [];
      });
  }

  function answer(question: string): KnowledgeAnswer {
    const matches = search(question);
    const top = matches[0];
    if (!top) return { text: notFound, sources: [] };
    return { text: composeAnswer(top.section, searchTerms(question), name), sources: matches.map((match) => match.source) };
  }

  function relatedQuestions(question: string, count = 3): string[] {
    const asked = question.trim().toLowerCase();
    const isQuestion = (section: Section) => section.heading.endsWith('?') && section.heading.toLowerCase() !== asked;
    // Any hit will do here, however little of the question it covers: these are leads, not answers.
    const near = index.search(question).flatMap((result) => sections[Number(result.id)] ?? []);
    const headings = [...near, ...sections].filter(isQuestion).map((section) => section.heading);
    return [...new Set(headings)].slice(0, count);
  }

  return { answer, search, relatedQuestions, sections };
}
