/**
 * The SSE frames of an OpenAI chat-completion stream (contracts/openai-chat.md) that the
 * server writes itself: the extractive answer's chunks, the `provideLinks` tool call that
 * carries an answer's sources (the widget shows it as the sources), and the error event a
 * failing stream ends with.
 */
import type { KnowledgeSource } from '../knowledge';

/** The fields every chunk of one completion repeats. */
export interface CompletionMeta {
  id: string;
  /** Unix seconds. */
  created: number;
  model: string;
}

/** One SSE event carrying `payload` as JSON (or `[DONE]`). */
export const dataFrame = (payload: unknown): string => `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;

export const DONE_FRAME = dataFrame('[DONE]');

/** A chunk of `meta` with one choice. */
export const chunk = (meta: CompletionMeta, delta: Record<string, unknown>, finishReason: string | null = null) => ({
  id: meta.id,
  object: 'chat.completion.chunk',
  created: meta.created,
  model: meta.model,
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});

/** The links of `sources` as `provideLinks` arguments, typed `documentation` as the analytics API names docs pages. */
export const linksArguments = (sources: readonly KnowledgeSource[]): string => JSON.stringify({ links: sources.map((source) => ({ ...source, type: 'documentation' })) });

/** The `provideLinks` tool call of a whole message (`message.tool_calls[]`). */
export const linksToolCall = (sources: readonly KnowledgeSource[], callId: string) => ({
  id: callId,
  type: 'function' as const,
  function: { name: 'provideLinks', arguments: linksArguments(sources) },
});

/**
 * The `provideLinks` tool call as a tool-call delta, whole (id, name and arguments in one
 * piece); '' without sources. `index` must follow any tool call the upstream made itself
 * (an upstream with its own retrieval may send its own links), or the two would merge.
 */
export function linksFrame(sources: readonly KnowledgeSource[], meta: CompletionMeta, callId: string, index = 0): string {
  if (sources.length === 0) return '';
  return dataFrame(chunk(meta, { tool_calls: [{ index, ...linksToolCall(sources, callId) }] }));
}

/** The error event a stream ends with when it cannot go on, in the shape OpenAI uses mid-stream. */
export const errorFrame = (code: string, message: string): string => dataFrame({ error: { message, type: 'server_error', param: null, code } });

/** Splits `text` into words that keep their leading whitespace, so the pieces join back to `text` exactly. */
export function splitWords(text: string): string[] {
  const words = text.match(/\s*\S+/g) ?? [];
  const rest = text.slice(words.join('').length);
  if (rest === '') return words;
  if (words.length === 0) return [rest];
  words[words.length - 1] += rest;
  return words;
}

/** A rough token count for budgets: about four characters a token, as OpenAI's own rule of thumb. */
export const estimateTokens = (characters: number): number => Math.ceil(characters / 4);
