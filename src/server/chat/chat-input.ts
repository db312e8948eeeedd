/**
 * The `POST /chat/completions` body a visitor sends, checked at the edge and reduced to
 * what the server will use. Nothing else in it reaches the model server: the upstream
 * URL, key and model come from the server's configuration, whatever fields a client adds
 * (`api_key`, `baseURL`, `tools`, `user`, …). The history is capped here: a question over
 * the size limit is refused, older messages are cut, then left out, oldest first.
 */
import { z } from 'zod';
import type { ResolvedOptions } from '../options/resolve-options';
import { RequestError } from '../http/request-error';

const part = z.looseObject({ type: z.string(), text: z.string().optional() });
const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(part), z.null()]).optional(),
});
const schema = z.looseObject({
  model: z.string().optional(),
  messages: z.array(message).min(1),
  stream: z.boolean().optional(),
  max_tokens: z.int().min(1).nullable().optional(),
  max_completion_tokens: z.int().min(1).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
});

/** One turn of the history as it goes to the model. */
export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** A checked request. */
export interface ChatInput {
  /** The requested model, '' for the default. */
  model: string;
  stream: boolean;
  /** The answer's cap: the request's, at most the server's `limits.maxTokens`. */
  maxTokens: number;
  temperature: number | undefined;
  /** User and assistant turns, capped, ending with the question. */
  history: HistoryMessage[];
  /** The last user message. */
  question: string;
  /** The user message before it, for retrieval of a follow-up ("and in Python?"). */
  previousQuestion: string | undefined;
}

const textOf = (content: z.infer<typeof message>['content']): string =>
  typeof content === 'string' ? content : (content ?? []).flatMap((piece) => (piece.type === 'text' && piece.text !== undefined ? [piece.text] : [])).join('\n');

const paramOf = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');

/** Checks `body` and applies the history caps of `limits`. Throws a 400 RequestError naming the field. */
export function toChatInput(body: Record<string, unknown>, limits: ResolvedOptions['limits']): ChatInput {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const param = paramOf(issue?.path ?? []);
    throw new RequestError(400, 'invalid_value', `Invalid request: ${param || 'body'}: ${issue?.message ?? 'not valid'}.`, { param: param || null });
  }
  const request = result.data;
  // The server's own system prompt governs; a client's system, developer or tool messages are left out.
  const turns = request.messages.flatMap((entry): HistoryMessage[] => (entry.role === 'user' || entry.role === 'assistant' ? [{ role: entry.role, content: textOf(entry.content) }] : []));
  const last = turns.at(-1);
  if (!last || last.role !== 'user' || last.content.trim() === '') {
    throw new RequestError(400, 'invalid_value', 'Invalid request: the last message must be a non-empty user message.', { param: 'messages' });
  }
  if (last.content.length > limits.maxMessageChars) {
    throw new RequestError(400, 'message_too_long', `The question is ${last.content.length} characters long; the maximum is ${limits.maxMessageChars}.`, { param: 'messages' });
  }
  const cut = turns.slice(-limits.maxMessages).map((turn) => (turn.content.length > limits.maxMessageChars ? { ...turn, content: `${turn.content.slice(0, limits.maxMessageChars)}…` } : turn));
  let total = cut.reduce((sum, turn) => sum + turn.content.length, 0);
  while (cut.length > 1 && total > limits.maxHistoryChars) total -= cut.shift()?.content.length ?? 0;
  const users = cut.filter((turn) => turn.role === 'user');
  return {
    model: request.model?.trim() ?? '',
    stream: request.stream ?? false,
    maxTokens: Math.min(request.max_completion_tokens ?? request.max_tokens ?? limits.maxTokens, limits.maxTokens),
    temperature: request.temperature ?? undefined,
    history: cut,
    question: last.content,
    previousQuestion: users.at(-2)?.content,
  };
}
