/**
 * The bodies the widget sends to the handoff routes (docs/handoff-api.md), checked with zod
 * at the edge. A message over `maxMessageChars` is refused (the visitor shortens it); an
 * assistant turn of the transcript over it is cut instead, since the agent only skims it.
 */
import { z } from 'zod';
import { RequestError } from '../http/request-error';
import type { TranscriptTurn, VisitorMessage } from './handoff-adapter';

/** Ids the widget makes (`conv_…`, `msg_…`): plain, so they fit in store keys and helpdesk fields. */
export const ID_PATTERN = /^[\w.:-]{1,128}$/;

const id = (what: string) => z.string({ error: `${what} must be a string` }).regex(ID_PATTERN, `${what} must be 1 to 128 letters, digits or _ . : -`);
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with a zone, e.g. "2026-01-01T12:00:00Z"' });

/** What the routes need to know of the limits. */
export interface InputLimits {
  maxMessageChars: number;
}

function schemas(limits: InputLimits) {
  const text = z
    .string({ error: 'text must be a string' })
    .refine((value) => value.trim() !== '', 'text must not be empty')
    .refine((value) => value.length <= limits.maxMessageChars, `text must be at most ${limits.maxMessageChars} characters`);
  const message = z.object({ id: id('id'), text, createdAt: instant.optional() });
  const turn = z.object({ role: z.enum(['user', 'assistant'], 'role must be "user" or "assistant"'), text: z.string(), createdAt: instant.optional() });
  return {
    message,
    start: z.object({
      conversationId: id('conversationId'),
      message: message.optional(),
      transcript: z.array(turn).max(2_000, 'transcript must have at most 2000 turns').optional(),
      locale: z.string().regex(/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/, 'locale must be a language tag such as "en" or "pt-BR"').optional(),
      visitor: z.object({ name: z.string().max(200).optional(), email: z.string().max(320).optional() }).optional(),
      pageUrl: z.url({ protocol: /^https?$/, error: 'pageUrl must be an http(s) URL' }).max(2_000).optional(),
    }),
    rating: z.object({
      score: z.int({ error: 'score must be a whole number from 1 to 5' }).min(1, 'score must be from 1 to 5').max(5, 'score must be from 1 to 5'),
      comment: z.string().max(2_000, 'comment must be at most 2000 characters').optional(),
    }),
  };
}

/** Checks `body` against `schema`; a 400 `invalid_request` naming the field otherwise. */
function check<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  throw new RequestError(400, 'invalid_request', `${path === '' ? '' : `${path}: `}${issue?.message ?? 'is not valid'}.`);
}


/** A checked start request. */
export interface StartInput {
  conversationId: string;
  firstMessage: VisitorMessage;
  transcript: TranscriptTurn[];
  locale: string | undefined;
  visitor: { name?: string | undefined; email?: string | undefined } | undefined;
  pageUrl: string | undefined;
}

/** The request readers of the handoff routes. */
export interface HandoffInputs {
  /** A visitor message, with its time (now when the widget sent none). */
  message(body: unknown, now: number): VisitorMessage;
  /**
   * A start request. Without `message`, the visitor's last question in the transcript is
   * what the person reads first (their own words, never the assistant's).
   */
  start(body: unknown, now: number): StartInput;
  rating(body: unknown): { score: number; comment?: string | undefined };
}

/** The readers for `limits`. */
export function createHandoffInputs(limits: InputLimits): HandoffInputs {
  const schema = schemas(limits);
  return {
    message(body, now) {
      const message = check(schema.message, body);
      return { id: message.id, text: message.text, createdAt: message.createdAt ?? new Date(now).toISOString() };
    },
    start: (body, now) => parseStart(schema.start, body, limits, now),
    rating: (body) => check(schema.rating, body),
  };
}

function parseStart(schema: ReturnType<typeof schemas>['start'], body: unknown, limits: InputLimits, now: number): StartInput {
  const input = check(schema, body);
  const cut = (text: string) => (text.length > limits.maxMessageChars ? `${text.slice(0, limits.maxMessageChars - 1)}…` : text);
  const transcript = (input.transcript ?? []).filter((turn) => turn.text.trim() !== '').map((turn) => ({ role: turn.role, text: cut(turn.text), ...(turn.createdAt ? { createdAt: turn.createdAt } : {}) }));
  let firstMessage: VisitorMessage;
  if (input.message) firstMessage = { id: input.message.id, text: input.message.text, createdAt: input.message.createdAt ?? new Date(now).toISOString() };
  else {
    const index = transcript.findLastIndex((turn) => turn.role === 'user');
    const question = transcript[index];
    if (!question) throw new RequestError(400, 'invalid_request', 'message is required when the transcript has no question of the visitor: it is what the person reads first.');
    firstMessage = { id: `handoff-request-${index}`, text: question.text, createdAt: question.createdAt ?? new Date(now).toISOString() };
  }
  return { conversationId: input.conversationId, firstMessage, transcript, locale: input.locale, visitor: input.visitor, pageUrl: input.pageUrl };
}
