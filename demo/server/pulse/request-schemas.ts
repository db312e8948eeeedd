/**
 * Validation of request bodies and query strings. Every failure is a 400 `invalid_param`
 * naming the field in `params` (§3.1), except a body that is not a JSON object at all.
 */
import { z } from 'zod';
import { normalizeUuid } from './ids';
import { PulseError, invalidParam, notFound } from './pulse-error';

const user = z.string().min(1);

/**
 * `POST /chat-messages` (§4.1). Unknown extra fields are ignored (§1). An optional field may be
 * `null`, meaning absent, as Dify takes it: its official Node client (`dify-client`) sends
 * `files: null` on every call.
 */
export const chatMessageBody = z.object({
  query: z.string().refine((text) => text.trim() !== '', 'must not be blank'),
  inputs: z.record(z.string(), z.unknown()),
  response_mode: z.enum(['streaming', 'blocking']).nullish(),
  user,
  conversation_id: z.string().nullish(),
  files: z.array(z.unknown()).nullish(),
  auto_generate_name: z.boolean().nullish(),
});

/** `POST /messages/{id}/feedbacks` (§8); an absent rating means null, as in Dify. */
export const feedbackBody = z.object({
  rating: z.enum(['like', 'dislike']).nullable().optional(),
  user,
  content: z.string().nullable().optional(),
});

/** `POST /conversations/{id}/name` (§13). */
export const renameBody = z.object({
  name: z.string().nullable().optional(),
  auto_generate: z.boolean().nullish(),
  user,
});

/** Bodies that carry only the end user: stop (§6) and delete (§12). */
export const userBody = z.object({ user });

/** Validates `body`, turning the first issue into `invalid_param` for its top-level field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PulseError(400, 'bad_request', 'The request body must be a JSON object.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = String(issue?.path[0] ?? 'body');
  const given = (body as Record<string, unknown>)[field];
  throw invalidParam(field, given === undefined ? `${field} is required` : `${field}: ${issue?.message ?? 'invalid'}`);
}

/** The `user` query parameter, required on every GET that reads user data (§1). */
export function requireUser(query: URLSearchParams): string {
  const value = query.get('user');
  if (value === null || value === '') throw invalidParam('user', 'user is required');
  return value;
}

/** A UUID from the query string or body; absent or '' → undefined; malformed → 400. */
export function optionalUuid(value: string | null | undefined, field: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const id = normalizeUuid(value);
  if (id === undefined) throw invalidParam(field, `${field} must be a UUID`);
  return id;
}

/**
 * A UUID from the path. A malformed one answers the resource's 404 (Dify's `<uuid:…>`
 * routes answer 404 too): such an id can never exist.
 */
export function pathUuid(value: string, notFoundMessage: string): string {
  const id = normalizeUuid(value);
  if (id === undefined) throw notFound(notFoundMessage);
  return id;
}

/** `limit`: digits only, 1..100, default 20 (§10, §11). */
export function parseLimit(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return 20;
  const limit = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= 100)) throw invalidParam('limit', 'limit must be an integer between 1 and 100');
  return limit;
}
