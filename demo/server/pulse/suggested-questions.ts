/**
 * Follow-up questions for `GET /messages/{id}/suggested` (§9): three short questions
 * derived from the answer's words, so they are deterministic yet fit the answer.
 */

/** Common words that would make poor topics. */
const STOP_WORDS = new Set([
  'about', 'after', 'again', 'answer', 'asked', 'because', 'before', 'being', 'could', 'every', 'first',
  'other', 'should', 'their', 'there', 'these', 'thing', 'those', 'through', 'which', 'while', 'would', 'your',
]);

/**
 * One entry per suggestion: a question about a topic, and the question used when the
 * answer has too few distinct words (an empty or stopped answer).
 */
const SHAPES: ReadonlyArray<{ ask: (topic: string) => string; fallback: string }> = [
  { ask: (topic) => `Can you tell me more about ${topic}?`, fallback: 'Can you explain that in more detail?' },
  { ask: (topic) => `Is there an example of ${topic}?`, fallback: 'Can you give me an example?' },
  { ask: (topic) => `How does ${topic} work?`, fallback: 'What should I do next?' },
];

/** The first distinct words of five letters or more, in order of appearance. */
function topics(answer: string): string[] {
  const words = answer.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}_-]{4,}/gu) ?? [];
  return [...new Set(words.filter((word) => !STOP_WORDS.has(word)))];
}

/** Produces the follow-up questions for a turn from its question and answer. */
export type Suggester = (query: string, answer: string) => string[];

/** Exactly three questions for `answer`. */
export function suggestQuestions(answer: string): string[] {
  const found = topics(answer);
  return SHAPES.map((shape, index) => {
    const topic = found[index];
    return topic === undefined ? shape.fallback : shape.ask(topic);
  });
}
