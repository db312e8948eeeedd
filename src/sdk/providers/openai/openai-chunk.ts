import { asNumber, asString } from '../../guard';
import { list, nullish, number, object, optional, string, typed, type ReadType } from '../json-reader';

/*
 * The parts of an OpenAI-compatible streaming chunk confab reads (contracts/openai-chat.md).
 * Loose objects: servers add fields, and Ollama, vLLM and llama.cpp differ in the extras.
 * `optional` fields must not be `null`, `nullish` ones may: as the servers send them.
 */

const readToolCallDelta = object({
  index: optional(number),
  id: nullish(string),
  function: optional(object({ name: nullish(string), arguments: nullish(string) })),
});

const readChoice = object({
  delta: optional(object({ content: nullish(string), tool_calls: nullish(list(readToolCallDelta)) })),
  finish_reason: nullish(string),
});

const readUsage = object({
  prompt_tokens: optional(number),
  completion_tokens: optional(number),
  total_tokens: optional(number),
});

/** Error JSON in the stream; `code` is a string on OpenAI and a number on some proxies. */
const readError = object({
  message: optional(string),
  type: nullish(string),
  code: nullish(typed((value) => asString(value) ?? asNumber(value), 'string or number')),
});

/** One `data:` chunk of the stream. */
export const readChunk = object({
  model: optional(string),
  choices: optional(list(readChoice)),
  usage: nullish(readUsage),
  error: optional(readError),
});

/** A chunk as {@link readChunk} reads it. */
export type Chunk = ReadType<typeof readChunk>;

/** `provideLinks` arguments: the answer's sources, as Inkeep's chat API sends them. */
export const readProvideLinks = object({
  links: list(
    object({
      url: string,
      title: nullish(string),
      label: nullish(string),
      description: nullish(string),
      breadcrumbs: nullish(list(string)),
      type: nullish(string),
    }),
  ),
});
