import { nullish, number, object, string } from '../json-reader';
import { readRetrieverResources, readUsage } from './message-metadata';

/*
 * The stream events of contracts/pulse.md §5.2–§5.3, only the fields confab reads. Loose
 * objects, and `nullish` where servers send `null` for "none", so that new or missing
 * extras never break a stream.
 */

const text = nullish(string);

/** Read first, alone, so that unknown events are skipped before anything else is checked. */
export const readEventName = object({ event: string });

/** §5.2: every payload event carries these; `task_id` may be missing on `error`. */
export const readEnvelope = object({
  conversation_id: text,
  message_id: text,
  task_id: text,
});

/** `message` and `agent_message` (a delta), `message_replace` (the whole text). */
export const readAnswerEvent = object({ answer: string });

/** `agent_thought`: re-sent with the same `id` as the step grows. */
export const readThoughtEvent = object({
  id: string,
  position: number,
  thought: text,
  observation: text,
  tool: text,
  /** JSON text such as `{"web_search": {"q": "…"}}`, passed through unparsed. */
  tool_input: text,
});

/** `message_file`: a file the assistant attached. */
export const readFileEvent = object({ id: string, type: string, url: string });

/** `message_end`: usage and citations, either of which may be missing (§4.4). */
export const readEndEvent = object({
  metadata: nullish(object({ usage: nullish(readUsage), retriever_resources: readRetrieverResources })),
});

/** `error`: ends the stream; either field may be missing or empty. */
export const readErrorEvent = object({ code: text, message: text });

/** A chatflow run's end; `status: "stopped"` when the stop endpoint halted it (§5.4). */
export const readWorkflowFinished = object({ data: object({ status: text }) });
