import { boolean, list, nullish, number, object, optional, string, type ReadType } from '../json-reader';
import { readRetrieverResources } from './message-metadata';

/*
 * The JSON responses of contracts/pulse.md §6–§15 the pulse provider calls, only the fields
 * it reads. Loose objects: versions differ in their extras.
 */

const text = nullish(string);

/** Stop and feedback answer `{"result": "success"}`. */
export const readResult = object({ result: string });

/** §12: delete answers 200 with that body or 204 with none, depending on the version. */
export const readDeleteResult = optional(readResult);

/** §9. */
export const readSuggested = object({ data: list(string) });

/** §15 `/parameters`, the greeting part. */
export const readParameters = object({
  opening_statement: text,
  suggested_questions: nullish(list(string)),
});

/** §11 and the rename answer (§13). `name` may be empty until the server names it. */
export const readConversation = object({
  id: string,
  name: text,
  created_at: number,
  updated_at: nullish(number),
});

/** A conversation as {@link readConversation} reads it. */
export type Conversation = ReadType<typeof readConversation>;

/** §11: one page of `/conversations`, newest first. */
export const readConversationPage = object({ has_more: boolean, data: list(readConversation) });

/** §10: one turn, the user's `query` and the assistant's `answer`. */
const readMessageItem = object({
  id: string,
  query: text,
  answer: text,
  created_at: number,
  status: text,
  error: text,
  feedback: nullish(object({ rating: text })),
  retriever_resources: readRetrieverResources,
});

/** A turn as the `/messages` history holds it. */
export type MessageItem = ReadType<typeof readMessageItem>;

/** §10: one page of `/messages`. */
export const readMessagePage = object({ has_more: boolean, data: list(readMessageItem) });
