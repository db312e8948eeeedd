/**
 * The `POST /chat/completions` body: parsed and checked once at the edge, so the rest
 * of the server works with a typed request. Checks are loose where OpenAI is (extra keys
 * pass through, for a proxy) and every failure is a 400 `invalid_request_error`, as
 * OpenAI answers, never the analytics server's 422.
 */
import { z } from 'zod';
import { describeIssues } from '../json-body';
import { OpenAiError } from './openai-error';

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

const message = z.looseObject({
  // `developer` is OpenAI's newer name for `system`; the contract lists the other four.
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});

const requestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  max_tokens: z.int().min(1).nullable().optional(),
  max_completion_tokens: z.int().min(1).nullable().optional(),
});

/** A valid request: the fields the server uses, plus the body as received (for the proxy). */
export interface ChatRequest {
  model: string;
  stream: boolean;
  includeUsage: boolean;
  /** `max_completion_tokens`, else `max_tokens`; the answer is cut there with `finish_reason: length`. */
  maxTokens: number | undefined;
  /** The text of the last `user` message: the question answered. */
  question: string;
  /** Every message's text, for the prompt token count. */
  promptText: string;
  body: Record<string, unknown>;
}

/** The text of a message's content: a string, or its text parts joined by newlines. */
function textOf(content: z.infer<typeof message>['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).flatMap((part) => (part.type === 'text' && part.text !== undefined ? [part.text] : [])).join('\n');
}

/** `messages[0].role` from a zod path. */
function paramOf(path: ReadonlyArray<PropertyKey>): string | null {
  if (path.length === 0) return null;
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** Parses the raw body text, throwing a 400 {@link OpenAiError} naming the first bad field. */
export function parseChatRequest(text: string): ChatRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OpenAiError(400, `We could not parse the JSON body of your request: ${(error as Error).message}`, {
      code: 'invalid_json',
    });
  }
  const result = requestSchema.safeParse(value);
  if (!result.success) {
    const param = paramOf(result.error.issues[0]?.path ?? []);
    throw new OpenAiError(400, `Invalid request: ${describeIssues(result.error)}`, { code: 'invalid_value', param });
  }
  const body = result.data;
  const lastUser = body.messages.findLast((entry) => entry.role === 'user');
  if (!lastUser) {
    throw new OpenAiError(400, 'Invalid request: messages must contain at least one message with role "user".', {
      code: 'invalid_value',
      param: 'messages',
    });
  }
  return {
    model: body.model,
    stream: body.stream ?? false,
    includeUsage: body.stream_options?.include_usage === true,
    maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    question: textOf(lastUser.content),
    promptText: body.messages.map((entry) => textOf(entry.content)).join('\n'),
    body,
  };
}
