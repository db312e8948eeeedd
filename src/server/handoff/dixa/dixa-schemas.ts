/**
 * The shapes of Dixa's answers that the handoff reads (contracts/dixa.md §3), read
 * defensively (§7.5): every field but the id is optional, a field of an unexpected type
 * reads as absent, and unknown fields are kept out of the way. Conversation ids are JSON
 * numbers (§1.4); they are kept as the decimal text Dixa sent.
 */
import { z } from 'zod';

/** An optional field that reads as undefined when it has another type. */
const maybe = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** A conversation id: a whole number (§1.4), as its decimal text. */
export const conversationIdSchema = z.union([z.int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

/** §3.10 create: `{ id }`. */
export const createdSchema = z.looseObject({ id: conversationIdSchema });

/** §3.11 get conversation: what the handoff needs of it. */
export const conversationSchema = z.looseObject({
  id: conversationIdSchema,
  requesterId: maybe(z.string()),
  state: maybe(z.string()),
  assignment: maybe(z.looseObject({ agentId: z.string() }).nullable()),
});

/** §3.5 list item; the text is in `attributes` only provisionally (GAP 2). */
export const listedMessageSchema = z.looseObject({
  id: z.string(),
  authorId: maybe(z.string()),
  externalId: maybe(z.string()),
  createdAt: maybe(z.string()),
  attributes: maybe(
    z.looseObject({
      direction: maybe(z.string()),
      content: maybe(z.looseObject({ value: maybe(z.string()), _type: maybe(z.string()) })),
    }),
  ),
});

/** §3.5 */
export const messageListSchema = z.array(listedMessageSchema);

/** §3.2: one result per note, in order; a failure carries `error.message`. */
export const bulkResultsSchema = z.array(
  z.looseObject({
    _type: maybe(z.string()),
    error: maybe(z.looseObject({ message: maybe(z.string()) })),
  }),
);

/** §3.3 list notes: only the texts are read (to skip notes a lost answer already made). */
export const noteListSchema = z.array(z.looseObject({ message: maybe(z.string()) }));

/** §3.12 activity log: the authors name the agents (the API has no user lookup). */
export const activityLogSchema = z.array(
  z.looseObject({
    _type: maybe(z.string()),
    author: maybe(z.looseObject({ id: z.string(), name: maybe(z.string()) })),
  }),
);

/** §3.16 ratings (GAP 7: the scale and statuses are not documented). */
export const ratingListSchema = z.array(
  z.looseObject({
    ratingScore: maybe(z.number().nullable()),
    ratingComment: maybe(z.string().nullable()),
    ratingStatus: maybe(z.string()),
  }),
);

/** §3.22 search hits: only the conversation ids are read. */
export const searchHitsSchema = z.array(z.looseObject({ id: conversationIdSchema }));
