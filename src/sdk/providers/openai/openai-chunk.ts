import * as z from 'zod/mini';

/*
 * The parts of an OpenAI-compatible streaming chunk confab reads (contracts/openai-chat.md).
 * Loose objects: servers add fields, and Ollama, vLLM and llama.cpp differ in the extras.
 */

const ToolCallDeltaSchema = z.looseObject({
  index: z.optional(z.number()),
  id: z.optional(z.nullable(z.string())),
  function: z.optional(z.looseObject({ name: z.optional(z.nullable(z.string())), arguments: z.optional(z.nullable(z.string())) })),
});

export const ChunkSchema = z.looseObject({
  model: z.optional(z.string()),
  choices: z.optional(
    z.array(
      z.looseObject({
        delta: z.optional(
          z.looseObject({
            content: z.optional(z.nullable(z.string())),
            tool_calls: z.optional(z.nullable(z.array(ToolCallDeltaSchema))),
          }),
        ),
        finish_reason: z.optional(z.nullable(z.string())),
      }),
    ),
  ),
  usage: z.optional(
    z.nullable(
      z.looseObject({
        prompt_tokens: z.optional(z.number()),
        completion_tokens: z.optional(z.number()),
        total_tokens: z.optional(z.number()),
      }),
    ),
  ),
  error: z.optional(z.looseObject({ message: z.optional(z.string()), type: z.optional(z.nullable(z.string())), code: z.optional(z.nullable(z.union([z.string(), z.number()]))) })),
});

export type Chunk = z.infer<typeof ChunkSchema>;

/** `provideLinks` arguments: the answer's sources, as Inkeep's chat API sends them. */
export const ProvideLinksSchema = z.looseObject({
  links: z.array(
    z.looseObject({
      url: z.string(),
      title: z.optional(z.nullable(z.string())),
      label: z.optional(z.nullable(z.string())),
      description: z.optional(z.nullable(z.string())),
      breadcrumbs: z.optional(z.nullable(z.array(z.string()))),
      type: z.optional(z.nullable(z.string())),
    }),
  ),
});
