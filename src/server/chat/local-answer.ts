/**
 * The answer when no model is configured: the knowledge base's extractive answer (the
 * best section quoted, with its sources), sent in the same shape a model's would be, a
 * stream of word chunks and the `provideLinks` call, or one completion object. A site can
 * go live on its docs alone and add a model later without touching the widget.
 */
import type { KnowledgeAnswer, KnowledgeBase } from '../knowledge';
import type { ChatInput } from './chat-input';
import { chunk, dataFrame, DONE_FRAME, linksFrame, linksToolCall, splitWords, type CompletionMeta } from './completion-chunks';

/** The model name local answers report. */
export const LOCAL_MODEL = 'confab-docs';

/** An extractive answer, ready to send. */
export interface LocalAnswer {
  /** The SSE frames of the stream (for `stream: true`). */
  frames: string[];
  /** The `chat.completion` object (for `stream: false`). */
  body: Record<string, unknown>;
  /** Characters of answer text, for the token count. */
  completionChars: number;
}

/** The knowledge base's answer to the question, or to it with the question before it when it alone finds nothing. */
function answerOf(knowledge: KnowledgeBase, input: ChatInput): KnowledgeAnswer {
  const answer = knowledge.answer(input.question);
  if (answer.sources.length > 0 || input.previousQuestion === undefined) return answer;
  const followUp = knowledge.answer(`${input.previousQuestion}\n${input.question}`);
  return followUp.sources.length > 0 ? followUp : answer;
}

/** Builds the answer; `max_tokens` (one token per word here) cuts it, and then it carries no sources, as a cut answer would not. */
export function localAnswer(knowledge: KnowledgeBase, input: ChatInput, meta: CompletionMeta, callId: string): LocalAnswer {
  const answer = answerOf(knowledge, input);
  let words = splitWords(answer.text);
  const cut = words.length > input.maxTokens;
  if (cut) words = words.slice(0, input.maxTokens);
  const sources = cut ? [] : answer.sources;
  const content = words.join('');
  const finishReason = cut ? 'length' : 'stop';
  const frames = [
    dataFrame(chunk(meta, { role: 'assistant', content: '' })),
    ...words.map((word) => dataFrame(chunk(meta, { content: word }))),
    linksFrame(sources, meta, callId),
    dataFrame(chunk(meta, {}, finishReason)),
    DONE_FRAME,
  ].filter((frame) => frame !== '');
  const message = {
    role: 'assistant',
    content,
    ...(sources.length > 0 ? { tool_calls: [linksToolCall(sources, callId)] } : {}),
  };
  const body = { id: meta.id, object: 'chat.completion', created: meta.created, model: meta.model, choices: [{ index: 0, message, finish_reason: finishReason }] };
  return { frames, body, completionChars: content.length };
}
