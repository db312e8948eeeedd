import { asNumber, asString } from '../../guard';
import { list, nullish, number, object, optional, string, typed, type ReadType } from '../json-reader';

/*
 * The parts of an OpenAI-compatible streaming chunk confab reads (contracts/openai-chat.md).
 * Loose objects: servers add fields, and Ollama, vLLM and llama.cpp differ in the extras.
 * `optional` fields must not be `null`, `nullish` ones may: as the servers send them.
 */

const readToolCallDelta = object((field) => ({
  index: field('index', optional(number)),
  id: field('id', nullish(string)),
  function: field(
    'function',
    optional(object((fn) => ({ name: fn('name', nullish(string)), arguments: fn('arguments', nullish(string)) }))),
  ),
}));

const readChoice = object((field) => ({
  delta: field(
    'delta',
    optional(object((delta) => ({ content: delta('content', nullish(string)), tool_calls: delta('tool_calls', nullish(list(readToolCallDelta))) }))),
  ),
  finish_reason: field('finish_reason', nullish(string)),
}));

const readUsage = object((field) => ({
  prompt_tokens: field('prompt_tokens', optional(number)),
  completion_tokens: field('completion_tokens', optional(number)),
  total_tokens: field('total_tokens', optional(number)),
}));

/** Error JSON in the stream; `code` is a string on OpenAI and a number on some proxies. */
const readError = object((field) => ({
  message: field('message', optional(string)),
  type: field('type', nullish(string)),
  code: field('code', nullish(typed((value) => asString(value) ?? asNumber(value), 'string or number'))),
}));

/** One `data:` chunk of the stream. */
export const readChunk = object((field) => ({
  model: field('model', optional(string)),
  choices: field('choices', optional(list(readChoice))),
  usage: field('usage', nullish(readUsage)),
  error: field('error', optional(readError)),
}));

/** A chunk as {@link readChunk} reads it. */
export type Chunk = ReadType<typeof readChunk>;

/** `provideLinks` arguments: the answer's sources, as Inkeep's chat API sends them. */
export const readProvideLinks = object((field) => ({
  links: field(
    'links',
    list(
      object((link) => ({
        url: link('url', string),
        title: link('title', nullish(string)),
        label: link('label', nullish(string)),
        description: link('description', nullish(string)),
        breadcrumbs: link('breadcrumbs', nullish(list(string))),
        type: link('type', nullish(string)),
      })),
    ),
  ),
}));
