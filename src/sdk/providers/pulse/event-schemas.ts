import * as z from 'zod/mini';
import { RetrieverResourcesSchema, UsageSchema } from './message-metadata';

/*
 * The stream events of contracts/pulse.md §5.2–§5.3, only the fields confab reads. Loose
 * objects, and nullable where servers send `null` for "none", so that new or missing
 * extras never break a stream.
 */

const text = z.optional(z.nullable(z.string()));

/** Read first, alone, so that unknown events are skipped before anything else is checked. */
export const EventNameSchema = z.looseObject({ event: z.string() });

/** §5.2: every payload event carries these; `task_id` may be missing on `error`. */
export const EnvelopeSchema = z.looseObject({ conversation_id: text, message_id: text, task_id: text });

/** `message` and `agent_message` (a delta), `message_replace` (the whole text). */
export const AnswerEventSchema = z.looseObject({ answer: z.string() });

/** `agent_thought`: re-sent with the same `id` as the step grows. */
export const ThoughtEventSchema = z.looseObject({
  id: z.string(),
  position: z.number(),
  thought: text,
  observation: text,
  tool: text,
  /** JSON text such as `{"web_search": {"q": "…"}}`, passed through unparsed. */
  tool_input: text,
});

export const FileEventSchema = z.looseObject({ id: z.string(), type: z.string(), url: z.string() });

export const EndEventSchema = z.looseObject({
  metadata: z.optional(z.nullable(z.looseObject({ usage: z.optional(z.nullable(UsageSchema)), retriever_resources: RetrieverResourcesSchema }))),
});

export const ErrorEventSchema = z.looseObject({ code: text, message: text });

/** A chatflow run's end; `status: "stopped"` when the stop endpoint halted it (§5.4). */
export const WorkflowFinishedSchema = z.looseObject({ data: z.looseObject({ status: text }) });
