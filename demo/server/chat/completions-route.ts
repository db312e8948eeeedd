/**
 * `POST /chat/completions`: reads and checks the request, takes the next script, then
 * answers from the docs (streamed or not).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KnowledgeAnswer } from '../../../src/server/knowledge';
import { readBody, sendJson } from '../http-kit';
import { buildReply } from './chat-reply';
import { parseChatRequest } from './chat-request';
import type { ChatScript, ScriptQueue } from './chat-scripts';
import { completionBody } from './completion-body';
import { OpenAiError } from './openai-error';
import { playStream, startEventStream, type ActiveStreams } from './play-stream';
import { planStream, type CompletionMeta } from './stream-plan';

/** Anything that answers a question from docs, e.g. a knowledge base. */
export interface Answerer {
  answer(question: string): KnowledgeAnswer;
}

/** What the route needs from its server. */
export interface CompletionContext {
  answerer(): Answerer;
  scripts: ScriptQueue;
  active: ActiveStreams;
  tokenDelayMs(): number;
  now(): Date;
  newId(prefix: string): string;
}

/** The error a scripted `error-before` or `rate-limit` answers with, if the script is one. */
function scriptedError(script: ChatScript | undefined): OpenAiError | undefined {
  if (script?.mode === 'rate-limit') {
    return new OpenAiError(429, 'Rate limit reached for requests. Please try again in 1s.', {
      code: 'rate_limit_exceeded',
      headers: { 'Retry-After': '1' },
    });
  }
  if (script?.mode === 'error-before') {
    const status = script.status ?? 500;
    return new OpenAiError(status, script.message ?? `Scripted error (error-before, status ${status}).`);
  }
  return undefined;
}

/** What to answer: a `reply` script's own text, nothing for `long` (filler words replace it), else the docs' answer. */
function answerFor(script: ChatScript | undefined, question: string, ctx: CompletionContext): KnowledgeAnswer {
  if (script?.mode === 'reply') return { text: script.text, sources: script.sources ?? [] };
  if (script?.mode === 'long') return { text: '', sources: [] };
  return ctx.answerer().answer(question);
}

/** Answers one completion request (see the file comment). */
export async function handleCompletion(req: IncomingMessage, res: ServerResponse, ctx: CompletionContext): Promise<void> {
  const request = parseChatRequest(await readBody(req));
  const script = ctx.scripts.take();
  const error = scriptedError(script);
  if (error) throw error;

  const long = script?.mode === 'long' ? script : undefined;
  const reply = buildReply({
    answer: answerFor(script, request.question, ctx),
    longTokens: long?.tokens,
    paragraphWords: long?.paragraphWords,
    chunkWords: script?.mode === 'reply' ? script.chunkWords : undefined,
    toolCallsOnly: script?.mode === 'tool-calls-only',
    maxTokens: request.maxTokens,
    promptText: request.promptText,
    toolCallId: ctx.newId('call'),
  });
  const meta: CompletionMeta = { id: ctx.newId('chatcmpl'), created: Math.floor(ctx.now().getTime() / 1000), model: request.model };

  if (request.stream) {
    startEventStream(res);
    return playStream(res, planStream(reply, meta, request.includeUsage, script), ctx.tokenDelayMs(), ctx.active);
  }
  // Stream-shaped scripts on a non-streaming request fail the way such a server would.
  switch (script?.mode) {
    case 'stall':
      return playStream(res, { frames: [], ending: 'hold' }, 0, ctx.active);
    case 'abrupt-close':
      res.destroy();
      return;
    case 'error-mid-stream':
      throw new OpenAiError(500, script.message ?? 'The server had an error while processing your request.', { code: 'internal_error' });
    default:
      sendJson(res, 200, completionBody(reply, meta));
  }
}
