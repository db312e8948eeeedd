/**
 * What the reference server answers, and how an answer is cut into stream chunks. The
 * default answerer is canned and deterministic; the `answer` option plugs in a real one
 * (retrieval over the project's docs, an upstream model).
 */
import type { AnswerSource } from './usage';

/** One earlier turn of the conversation, oldest first. */
export interface HistoryTurn {
  query: string;
  answer: string;
}

/** An answer: its markdown text and the sources it cites (become `retriever_resources`). */
export interface Answer {
  text: string;
  sources?: AnswerSource[];
}

/** Produces the answer to `query` given the conversation so far. */
export type Answerer = (query: string, history: HistoryTurn[]) => Promise<Answer>;

/** The single source the canned answer cites, so the demo shows a citation. */
const CANNED_SOURCE: AnswerSource = {
  title: 'pulse-reference-server.md',
  content: 'The PulseAI reference server answers every question with a canned, deterministic text.',
  score: 0.5,
};

/** Restates the question with a short markdown list; the same input gives the same text. */
export const defaultAnswer: Answerer = (query, history) => {
  const question = query.replace(/\s+/g, ' ').trim();
  const text = [
    `You asked: **${question}**`,
    '',
    'This is the PulseAI reference server, so the answer is canned:',
    '',
    '- it arrives as `message` events of a few words each,',
    '- it ends with `message_end`, which carries the usage and one source,',
    `- it is turn ${history.length + 1} of this conversation.`,
  ].join('\n');
  return Promise.resolve({ text, sources: [CANNED_SOURCE] });
};

/** Words per `message` delta: "a few words each", like a model's token stream. */
const WORDS_PER_CHUNK = 3;

/**
 * Cuts `text` into deltas of a few words. Each word keeps the whitespace before it (as
 * model deltas do: `" Settings,"`), so the chunks concatenate back to exactly `text`.
 */
export function splitIntoChunks(text: string): string[] {
  const words = text.match(/\s*\S+|\s+$/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += WORDS_PER_CHUNK) {
    chunks.push(words.slice(i, i + WORDS_PER_CHUNK).join(''));
  }
  return chunks;
}
