import * as z from 'zod/mini';
import type { Source, Usage } from '../chat-provider';

/*
 * Usage and citations: the two parts of an answer's metadata that both `message_end`
 * (contracts/pulse.md §5.3) and the `/messages` history (§10) carry.
 */

const count = z.optional(z.nullable(z.number()));

/** §4.4, only the fields confab reads; a stopped chatflow may send them all zero or not at all. */
export const UsageSchema = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count,
  latency: count,
});

/** §4.5, only the fields a {@link Source} needs; the embed variant trims the rest. */
export const RetrieverResourceSchema = z.looseObject({
  document_name: z.optional(z.nullable(z.string())),
  content: z.optional(z.nullable(z.string())),
});

export const RetrieverResourcesSchema = z.optional(z.nullable(z.array(RetrieverResourceSchema)));

/** PulseAI usage as confab's {@link Usage}. */
export function toUsage(usage: z.infer<typeof UsageSchema>): Usage {
  return {
    promptTokens: usage.prompt_tokens ?? undefined,
    completionTokens: usage.completion_tokens ?? undefined,
    totalTokens: usage.total_tokens ?? undefined,
    latency: usage.latency ?? undefined,
  };
}

/**
 * Knowledge-base segments as sources. They have no page to link to, so no `url`: the
 * document's name is the title and the matched snippet the description.
 */
export function toSources(resources: z.infer<typeof RetrieverResourcesSchema>): Source[] {
  return (resources ?? []).map((resource) => ({
    title: resource.document_name ?? undefined,
    description: resource.content ?? undefined,
    type: 'document',
  }));
}
