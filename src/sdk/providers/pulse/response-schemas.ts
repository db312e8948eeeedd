import { boolean, list, nullish, number, object, optional, string, type ReadType } from '../json-reader';
import { readRetrieverResources } from './message-metadata';

/*
 * The JSON responses of contracts/pulse.md §6–§15 the pulse provider calls, only the fields
 * it reads. Loose objects: versions differ in their extras.
 */

const text = nullish(string);

/** Stop and feedback answer `{"result": "success"}`. */
export const readResult = object((field) => ({ result: field('result', string) }));

/** §12: delete answers 200 with that body or 204 with none, depending on the version. */
export const readDeleteResult = optional(readResult);

/** §9. */
export const readSuggested = object((field) => ({ data: field('data', list(string)) }));

/** §15 `/parameters`, the greeting part. */
export const readParameters = object((field) => ({
  opening_statement: field('opening_statement', text),
  suggested_questions: field('suggested_questions', nullish(list(string))),
}));

/** §11 and the rename answer (§13). `name` may be empty until the server names it. */
export const readConversation = object((field) => ({
  id: field('id', string),
  name: field('name', text),
  created_at: field('created_at', number),
  updated_at: field('updated_at', nullish(number)),
}));

/** A conversation as {@link readConversation} reads it. */
export type Conversation = ReadType<typeof readConversation>;

/** §11: one page of `/conversations`, newest first. */
export const readConversationPage = object((field) => ({ has_more: field('has_more', boolean), data: field('data', list(readConversation)) }));

/** §10: one turn, the user's `query` and the assistant's `answer`. */
const readMessageItem = object((field) => ({
  id: field('id', string),
  query: field('query', text),
  answer: field('answer', text),
  created_at: field('created_at', number),
  status: field('status', text),
  error: field('error', text),
  feedback: field('feedback', nullish(object((feedback) => ({ rating: feedback('rating', text) })))),
  retriever_resources: field('retriever_resources', readRetrieverResources),
}));

/** A turn as the `/messages` history holds it. */
export type MessageItem = ReadType<typeof readMessageItem>;

/** §10: one page of `/messages`. */
export const readMessagePage = object((field) => ({ has_more: field('has_more', boolean), data: field('data', list(readMessageItem)) }));
