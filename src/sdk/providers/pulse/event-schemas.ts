import { nullish, number, object, string } from '../json-reader';
import { readRetrieverResources, readUsage } from './message-metadata';

/*
 * The stream events of contracts/pulse.md §5.2–§5.3, only the fields confab reads. Loose
 * objects, and `nullish` where servers send `null` for "none", so that new or missing
 * extras never break a stream.
 */

const text = nullish(string);

/** Read first, alone, so that unknown events are skipped before anything else is checked. */
export const readEventName = object((field) => ({ event: field('event', string) }));

/** §5.2: every payload event carries these; `task_id` may be missing on `error`. */
export const readEnvelope = object((field) => ({
  conversation_id: field('conversation_id', text),
  message_id: field('message_id', text),
  task_id: field('task_id', text),
}));

/** `message` and `agent_message` (a delta), `message_replace` (the whole text). */
export const readAnswerEvent = object((field) => ({ answer: field('answer', string) }));

/** `agent_thought`: re-sent with the same `id` as the step grows. */
export const readThoughtEvent = object((field) => ({
  id: field('id', string),
  position: field('position', number),
  thought: field('thought', text),
  observation: field('observation', text),
  tool: field('tool', text),
  /** JSON text such as `{"web_search": {"q": "…"}}`, passed through unparsed. */
  tool_input: field('tool_input', text),
}));

/** `message_file`: a file the assistant attached. */
export const readFileEvent = object((field) => ({ id: field('id', string), type: field('type', string), url: field('url', string) }));

/** `message_end`: usage and citations, either of which may be missing (§4.4). */
export const readEndEvent = object((field) => ({
  metadata: field(
    'metadata',
    nullish(object((metadata) => ({ usage: metadata('usage', nullish(readUsage)), retriever_resources: metadata('retriever_resources', readRetrieverResources) }))),
  ),
}));

/** `error`: ends the stream; either field may be missing or empty. */
export const readErrorEvent = object((field) => ({ code: field('code', text), message: field('message', text) }));

/** A chatflow run's end; `status: "stopped"` when the stop endpoint halted it (§5.4). */
export const readWorkflowFinished = object((field) => ({ data: field('data', object((data) => ({ status: data('status', text) }))) }));
