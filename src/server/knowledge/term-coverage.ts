/**
 * Decides whether the best search hit really answers the question. BM25 always ranks
 * something first; "How do I bake a cake with confab?" would otherwise get a confident
 * answer about confab. The hit must cover at least half of the question's information,
 * weighing each term by its rarity (IDF): a word found in no section weighs most, and
 * `confab`, found everywhere, weighs little.
 */

/** The share of the question's IDF weight the best hit must match. */
export const MIN_COVERAGE = 0.5;

/** Coverage check over a corpus. */
export interface Coverage {
  /** The share (0–1) of `terms`' weight carried by `matched`, the terms a hit matched. */
  share(terms: readonly string[], matched: readonly string[]): number;
}

/** Builds the check from each section's distinct terms. */
export function createCoverage(sectionTerms: ReadonlyArray<readonly string[]>): Coverage {
  const documentFrequency = new Map<string, number>();
  for (const terms of sectionTerms) {
    for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const total = sectionTerms.length;
  // The IDF of a term: highest for one no section has.
  const weight = (term: string): number => Math.log(1 + (total + 1) / ((documentFrequency.get(term) ?? 0) + 0.5));

  return {
    share(terms, matched) {
      const hit = new Set(matched);
      let all = 0;
      let found = 0;
      for (const term of new Set(terms)) {
        all += weight(term);
        if (hit.has(term)) found += weight(term);
      }
      return all > 0 ? found / all : 0;
    },
  };
}
