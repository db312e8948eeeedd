import * as z from 'zod/mini';
import { RetrieverResourcesSchema } from './message-metadata';

/*
 * The JSON responses of contracts/pulse.md §6–§15 the pulse provider calls, only the fields
 * it reads. Loose objects: versions differ in their extras.
 */

const text = z.optional(z.nullable(z.string()));

/** Stop and feedback answer `{"result": "success"}`. */
export const ResultSchema = z.looseObject({ result: z.string() });

/** §12: delete answers 200 with that body or 204 with none, depending on the version. */
export const DeleteResultSchema = z.optional(ResultSchema);

/** §9. */
export const SuggestedSchema = z.looseObject({ data: z.array(z.string()) });

/** §15 `/parameters`, the greeting part. */
export const ParametersSchema = z.looseObject({ opening_statement: text, suggested_questions: z.optional(z.nullable(z.array(z.string()))) });

/** §11 and the rename answer (§13). `name` may be empty until the server names it. */
export const ConversationSchema = z.looseObject({ id: z.string(), name: text, created_at: z.number(), updated_at: z.optional(z.nullable(z.number())) });

export const ConversationPageSchema = z.looseObject({ has_more: z.boolean(), data: z.array(ConversationSchema) });

/** §10: one turn, the user's `query` and the assistant's `answer`. */
export const MessageItemSchema = z.looseObject({
  id: z.string(),
  query: text,
  answer: text,
  created_at: z.number(),
  status: text,
  error: text,
  feedback: z.optional(z.nullable(z.looseObject({ rating: text }))),
  retriever_resources: RetrieverResourcesSchema,
});

export type MessageItem = z.infer<typeof MessageItemSchema>;

export const MessagePageSchema = z.looseObject({ has_more: z.boolean(), data: z.array(MessageItemSchema) });
