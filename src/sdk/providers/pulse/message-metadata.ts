import type { Source, Usage } from '../chat-provider';
import { list, nullish, number, object, string, type ReadType } from '../json-reader';

/*
 * Usage and citations: the two parts of an answer's metadata that both `message_end`
 * (contracts/pulse.md §5.3) and the `/messages` history (§10) carry.
 */

const count = nullish(number);

/** §4.4, only the fields confab reads; a stopped chatflow may send them all zero or not at all. */
export const readUsage = object({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  latency: count,
});

/** §4.5, only the fields a {@link Source} needs; the embed variant trims the rest. */
const readRetrieverResource = object({
  document_name: nullish(string),
  content: nullish(string),
});

/** A `retriever_resources` field: missing or `null` when the answer cites nothing. */
export const readRetrieverResources = nullish(list(readRetrieverResource));

/** PulseAI usage as confab's {@link Usage}. */
export function toUsage(usage: ReadType<typeof readUsage>): Usage {
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
    latency: usage.latency,
  };
}

/**
 * Knowledge-base segments as sources. They have no page to link to, so no `url`: the
 * document's name is the title and the matched snippet the description.
 */
export function toSources(resources: ReadType<typeof readRetrieverResources>): Source[] {
  return (resources ?? []).map((resource) => ({
    title: resource.document_name,
    description: resource.content,
    type: 'document',
  }));
}
