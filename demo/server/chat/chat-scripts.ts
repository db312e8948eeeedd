/**
 * Scripted misbehaviour for the next completions: each queued script shapes exactly one
 * `POST /chat/completions`, so a test can walk a client through every way an
 * OpenAI-compatible server fails or varies (see README.md, "Script modes").
 */
import { z } from 'zod';

/** Chunks sent before a scripted failure, unless the script says `afterChunks`. */
export const DEFAULT_AFTER_CHUNKS = 3;

const afterChunks = z.int().min(1).max(100_000).optional();

/** A source of a scripted `reply`, as the knowledge base gives them; sent in `provideLinks` as is. */
const sourceSchema = z.strictObject({
  url: z.string(),
  title: z.string(),
  description: z.string(),
  breadcrumbs: z.array(z.string()),
});

/** Every script, validated the same in code and over HTTP. Strict: a typo is an error. */
export const scriptSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('error-before'), status: z.int().min(400).max(599).optional(), message: z.string().min(1).optional() }),
  z.strictObject({ mode: z.literal('rate-limit') }),
  z.strictObject({ mode: z.literal('error-mid-stream'), afterChunks, message: z.string().min(1).optional() }),
  z.strictObject({ mode: z.literal('no-done') }),
  z.strictObject({ mode: z.literal('keepalive-comments') }),
  z.strictObject({ mode: z.literal('usage-chunk') }),
  z.strictObject({ mode: z.literal('stall'), afterChunks }),
  z.strictObject({ mode: z.literal('abrupt-close'), afterChunks }),
  z.strictObject({ mode: z.literal('long'), tokens: z.int().min(1).max(1_000_000), paragraphWords: z.int().min(1).max(1_000_000).optional() }),
  z.strictObject({ mode: z.literal('tool-calls-only') }),
  // Any text, hostile or huge, as the answer: how a test sends a client exactly what it wants to render.
  z.strictObject({
    mode: z.literal('reply'),
    text: z.string().min(1).max(2_000_000),
    sources: z.array(sourceSchema).max(100).optional(),
    chunkWords: z.int().min(1).max(1_000_000).optional(),
  }),
]);

/** One script. */
export type ChatScript = z.infer<typeof scriptSchema>;
/** The name of a script mode. */
export type ScriptMode = ChatScript['mode'];

/** Pending scripts, first in first out. */
export interface ScriptQueue {
  /** Queues a script; a bare mode name is that mode with its defaults. Throws a RangeError when invalid. */
  push(script: ScriptMode | ChatScript): ChatScript;
  /** Takes the script for the completion being answered, if any. */
  take(): ChatScript | undefined;
  pending(): ChatScript[];
  clear(): void;
}

/** Creates an empty queue. */
export function createScriptQueue(): ScriptQueue {
  let queue: ChatScript[] = [];
  return {
    push(script) {
      const result = scriptSchema.safeParse(typeof script === 'string' ? { mode: script } : script);
      if (!result.success) throw new RangeError(`script: ${z.prettifyError(result.error)}`);
      queue.push(result.data);
      return result.data;
    },
    take() {
      return queue.shift();
    },
    pending() {
      return queue.map((script) => ({ ...script }));
    },
    clear() {
      queue = [];
    },
  };
}
