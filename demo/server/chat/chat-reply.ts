/**
 * What one completion answers, independent of how it is sent: the content as tokens
 * (words with their whitespace), the `provideLinks` tool call carrying the sources, the
 * finish reason and the usage. The streaming and non-streaming writers both read it, so
 * the two can never disagree.
 */
import type { KnowledgeAnswer } from '../../../src/server/knowledge';

/** The `provideLinks` tool call, Inkeep's way of returning sources. */
export interface LinksToolCall {
  id: string;
  name: 'provideLinks';
  /** `{"links":[…]}` as JSON text. */
  arguments: string;
  /** `arguments` in the pieces a stream sends them in. */
  fragments: string[];
}

/** Token counts, OpenAI's field names. "Tokens" are words here: no tokenizer is involved. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** One completion's reply. */
export interface ChatReply {
  /** Words with their leading whitespace; joined, they are exactly `content`. */
  tokens: string[];
  /** `null` for a reply that is only a tool call, as OpenAI sends it. */
  content: string | null;
  toolCall: LinksToolCall | undefined;
  finishReason: 'stop' | 'length' | 'tool_calls';
  usage: ChatUsage;
}

/** How long the `arguments` pieces of a streamed tool call are, in characters. */
const FRAGMENT_CHARS = 40;

/** Words of the `long` script's filler text, cycled. */
const FILLER = 'confab streams this benchmark answer one word at a time so clients can measure rendering speed.'.split(' ');

/** Splits `text` into words that keep their leading whitespace; trailing whitespace joins the last word. */
export function splitWords(text: string): string[] {
  const words = text.match(/\s*\S+/g) ?? [];
  const rest = text.slice(words.join('').length);
  if (rest === '') return words;
  if (words.length === 0) return [rest];
  words[words.length - 1] += rest;
  return words;
}

/** Cuts `text` into pieces of at most `size` code points (never inside a surrogate pair). */
export function splitFragments(text: string, size = FRAGMENT_CHARS): string[] {
  const chars = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
}

/** Exactly `count` filler words, in paragraphs of `paragraphWords` when given: the `long` script's answer. */
export function fillerWords(count: number, paragraphWords = Infinity): string[] {
  return Array.from({ length: count }, (_, i) => `${i === 0 ? '' : i % paragraphWords === 0 ? '\n\n' : ' '}${FILLER[i % FILLER.length] ?? ''}`);
}

/** What {@link buildReply} needs. */
export interface ReplyInput {
  answer: KnowledgeAnswer;
  /** Replaces the answer's text with this many filler words (`long` script). */
  longTokens?: number | undefined;
  /** Starts a new paragraph of the filler every this many words (`long` script); one paragraph when absent. */
  paragraphWords?: number | undefined;
  /** Streams this many words a chunk instead of one (`reply` script). */
  chunkWords?: number | undefined;
  /** Send only the tool call, no content (`tool-calls-only` script). */
  toolCallsOnly?: boolean;
  /** Cut the content after this many tokens (`max_tokens`): `finish_reason: length`, no tool call. */
  maxTokens?: number | undefined;
  promptText: string;
  toolCallId: string;
}

/**
 * Builds the reply. A tool call is sent whenever the answer has sources (or the script
 * asks for one), and then `finish_reason` is `tool_calls`, as OpenAI reports a turn that
 * ended by calling a tool, even when it also wrote content.
 */
export function buildReply(input: ReplyInput): ChatReply {
  const long = input.longTokens !== undefined;
  let tokens = input.toolCallsOnly ? [] : long ? fillerWords(input.longTokens ?? 0, input.paragraphWords) : splitWords(input.answer.text);
  const cut = input.maxTokens !== undefined && tokens.length > input.maxTokens;
  if (cut) tokens = tokens.slice(0, input.maxTokens);
  const words = tokens.length;
  const per = input.chunkWords ?? 1;
  if (per > 1) tokens = Array.from({ length: Math.ceil(tokens.length / per) }, (_, i) => tokens.slice(i * per, (i + 1) * per).join(''));

  const wantsLinks = input.toolCallsOnly === true || (!long && !cut && input.answer.sources.length > 0);
  const links = input.answer.sources.map((source) => ({ ...source, type: 'documentation' }));
  const args = JSON.stringify({ links });
  const toolCall: LinksToolCall | undefined = wantsLinks
    ? { id: input.toolCallId, name: 'provideLinks', arguments: args, fragments: splitFragments(args) }
    : undefined;

  const promptTokens = input.promptText.split(/\s+/).filter((word) => word !== '').length;
  const completionTokens = words + (toolCall?.fragments.length ?? 0);
  return {
    tokens,
    content: input.toolCallsOnly ? null : tokens.join(''),
    toolCall,
    finishReason: cut ? 'length' : toolCall ? 'tool_calls' : 'stop',
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}
