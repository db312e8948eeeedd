/**
 * Grounding: the docs sections that best match the question, given to the model in the
 * system message with the rule to answer from them and cite them by number. The same
 * sections come back to the reader as the answer's sources, in the same order, so `[2]`
 * in an answer is the second link under it.
 */
import type { KnowledgeBase, KnowledgeMatch } from '../knowledge';

/** What the model is told when the site sets no `systemPrompt`. */
export const DEFAULT_SYSTEM_PROMPT = "You are the assistant of this website's documentation. Be accurate and concise, and answer in the language of the question.";

/** An excerpt's longest body in the prompt, in characters: enough for a section, not for a whole page. */
const MAX_EXCERPT_CHARS = 2_000;

/** The sections for the question; a follow-up that matches nothing alone is searched with the question before it. */
export function retrieve(knowledge: KnowledgeBase, question: string, previousQuestion: string | undefined): KnowledgeMatch[] {
  const matches = knowledge.search(question);
  if (matches.length > 0 || previousQuestion === undefined) return matches;
  return knowledge.search(`${previousQuestion}\n${question}`);
}

/** The system message: the site's prompt, the citing rule, then the numbered excerpts (or the rule for none). */
export function groundingPrompt(systemPrompt: string | undefined, matches: readonly KnowledgeMatch[]): string {
  const intro = systemPrompt?.trim() || DEFAULT_SYSTEM_PROMPT;
  if (matches.length === 0) {
    return `${intro}\n\nNo excerpt of the documentation matches this question. Say that the documentation does not seem to cover it, and suggest naming a feature, an option or an error; do not make up an answer.`;
  }
  const excerpts = matches.map(({ section, source }, index) => {
    const body = section.body.length > MAX_EXCERPT_CHARS ? `${section.body.slice(0, MAX_EXCERPT_CHARS)}…` : section.body;
    return `[${index + 1}] ${source.breadcrumbs.join(' › ')} (${source.url})\n${body}`;
  });
  return `${intro}\n\nAnswer from the documentation excerpts below. Cite each excerpt you use by its number in square brackets, like [1]; the reader sees the excerpts' links under your answer. If the excerpts do not answer the question, say that the documentation does not cover it rather than guessing.\n\n${excerpts.join('\n\n')}`;
}
