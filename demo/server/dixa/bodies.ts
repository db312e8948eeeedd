/**
 * Request bodies (contracts/dixa.md §3, §6.3). A body that is not JSON, lacks a required
 * field, has a field of the wrong type or a bad uuid is a 400 B. Unknown fields are
 * ignored, and `null` counts as absent for optional fields (Dixa decodes with circe, whose
 * `Option` decoder reads `null` as `None`). Checks that have their own reason text
 * (`Invalid input for Message`, `Invalid date format`, …) are left to the routes.
 */
import { z } from 'zod';
import { REASONS, badRequest } from './dixa-error';
import { UUID_PATTERN } from './params';

const uuid = z.string().regex(UUID_PATTERN).transform((id) => id.toLowerCase());
const optionalUuid = uuid.nullish().transform((id) => id ?? undefined);
const optionalString = z.string().nullish().transform((text) => text ?? undefined);

/** One internal note (§3.1); also each item of the bulk body (§3.2). */
export const noteBody = z.object({
  message: z.string(),
  agentId: optionalUuid,
  createdAt: optionalString,
});

/** §3.2: `data` is not marked required, so a body without it adds nothing. */
export const bulkNotesBody = z.object({
  data: z.array(noteBody).nullish().transform((items) => items ?? []),
});

/**
 * A message as §3.4 (and the create body's `message`) decodes it: the discriminator and
 * the field types. The content's own fields are checked by the route, because a bad
 * content is `Invalid input for Message`, not B.
 */
export const messageBody = z.object({
  _type: z.enum(['Inbound', 'Outbound']),
  content: z.record(z.string(), z.unknown()),
  attachments: z.array(z.unknown()).nullish().transform((items) => items ?? []),
  externalId: optionalString,
  integrationEmail: optionalString,
  agentId: optionalUuid,
});

/** §3.10, the `Email` sample (GAP 1: `requesterId` and `message` required). */
export const emailCreateBody = z.object({
  _type: z.literal('Email'),
  requesterId: uuid,
  message: messageBody,
  emailIntegrationId: optionalString,
  subject: optionalString,
  language: optionalString,
});

/** §3.10, the variant shown field by field ("endpoint" shape): all four fields required. */
export const endpointCreateBody = z.object({
  _type: optionalString,
  contactEndpointId: z.string(),
  direction: z.enum(['Inbound', 'Outbound']),
  queueId: uuid,
  requesterId: uuid,
});

/** §3.8 */
export const claimBody = z.object({
  agentId: uuid,
  force: z.boolean().nullish().transform((force) => force ?? undefined),
});

/** §3.9 and §3.21: an optional agent or admin. */
export const userBody = z.object({ userId: optionalUuid });

/** §3.23 */
export const transferBody = z.object({ queueId: uuid, userId: optionalUuid });

/** §3.20: `Map[UUID, Option[AttributeValue]]`; the values are checked by the route. */
export const customAttributesBody = z.record(z.string().regex(UUID_PATTERN), z.unknown());

/** Parses the raw body text: not JSON → B. `allowEmpty` (close, reopen) reads an empty body as `{}`. */
export function parseJsonBody(text: string, allowEmpty = false): unknown {
  if (text.trim() === '') {
    if (allowEmpty) return {};
    throw badRequest(REASONS.body);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest(REASONS.body);
  }
}

/** Validates a parsed body against `schema`; any failure is a 400 B. */
export function decode<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(REASONS.body);
  return result.data;
}
