import { messageOf, StreamError } from '../../http/errors';
import type { SseMessage } from '../../http/read-sse';
import type { ReplyEvent } from '../chat-provider';
import { readValid, type Reader } from '../json-reader';
import {
  readAnswerEvent,
  readEndEvent,
  readEnvelope,
  readErrorEvent,
  readEventName,
  readFileEvent,
  readThoughtEvent,
  readWorkflowFinished,
} from './event-schemas';
import { toSources, toUsage } from './message-metadata';

/**
 * The events confab reads. Everything else is skipped unread: `ping` sent as a data event,
 * `tts_message`/`tts_message_end` (confab does not play audio), and any name a newer
 * server adds (§5.3: unknown events must be ignored). Workflow events are read only for
 * their envelope, because `workflow_started` is the first to carry a new conversation's id.
 */
const READ = new Set([
  'message',
  'agent_message',
  'message_replace',
  'agent_thought',
  'message_file',
  'message_end',
  'error',
  'workflow_started',
  'node_started',
  'node_finished',
  'workflow_finished',
]);

type Ids = { providerConversationId: string | undefined; providerMessageId: string | undefined; taskId: string | undefined };

/**
 * Turns the messages of a `/chat-messages` stream into reply events (contracts/pulse.md
 * §5.3–§5.5). Ends with `done` at `message_end`, without reading what follows (a trailing
 * `tts_message_end`); throws `StreamError` on an `error` event (with its `code`), on an
 * event that is not JSON or lacks a field confab reads (`malformed_event`), and when the
 * stream closes without either terminal event (`stream_incomplete`).
 *
 * @param stoppedTasks Task ids the stop endpoint was called for: their `done` says `stopped`.
 */
export async function* toReplyEvents(messages: AsyncIterable<SseMessage>, stoppedTasks: Set<string>): AsyncGenerator<ReplyEvent> {
  let ids: Ids = { providerConversationId: undefined, providerMessageId: undefined, taskId: undefined };
  let runStopped = false;
  try {
    for await (const message of messages) {
      // A keep-alive: the `event: ping` block, also when a server adds an empty `data:` line.
      if (message.event === 'ping' || message.data.trim() === '') continue;
      const payload = parseJson(message.data);
      const { event } = read(readEventName, payload, 'A stream event');
      if (!READ.has(event)) continue;
      const subject = `The "${event}" stream event`;

      const envelope = read(readEnvelope, payload, subject);
      // `||`, not `??`: a new conversation may announce itself with an empty id at first.
      const next: Ids = {
        providerConversationId: envelope.conversation_id || ids.providerConversationId,
        providerMessageId: envelope.message_id || ids.providerMessageId,
        taskId: envelope.task_id || ids.taskId,
      };
      if (next.providerConversationId !== ids.providerConversationId || next.providerMessageId !== ids.providerMessageId || next.taskId !== ids.taskId) {
        ids = next;
        yield { type: 'meta', ...ids };
      }

      switch (event) {
        case 'message':
        case 'agent_message': {
          const { answer } = read(readAnswerEvent, payload, subject);
          if (answer) yield { type: 'text', delta: answer };
          break;
        }
        case 'message_replace':
          yield { type: 'replace', text: read(readAnswerEvent, payload, subject).answer };
          break;
        case 'agent_thought': {
          const step = read(readThoughtEvent, payload, subject);
          const { id, position, tool, tool_input: toolInput, observation } = step;
          yield { type: 'thought', thought: { id, position, thought: step.thought ?? '', tool, toolInput, observation } };
          break;
        }
        case 'message_file': {
          const { id, type, url } = read(readFileEvent, payload, subject);
          yield { type: 'file', file: { id, type, url } };
          break;
        }
        case 'workflow_finished':
          runStopped ||= read(readWorkflowFinished, payload, subject).data.status === 'stopped';
          break;
        case 'error': {
          const { code, message: text } = read(readErrorEvent, payload, subject);
          throw new StreamError(text || 'The server reported an error during the answer.', { code: code || 'stream_error' });
        }
        case 'message_end': {
          const { metadata } = read(readEndEvent, payload, subject);
          if (metadata?.usage) yield { type: 'usage', usage: toUsage(metadata.usage) };
          const sources = toSources(metadata?.retriever_resources);
          if (sources.length > 0) yield { type: 'sources', sources };
          // A stopped chat app ends with an ordinary `message_end` (§5.4): only we know we asked.
          const stopped = runStopped || (ids.taskId !== undefined && stoppedTasks.has(ids.taskId));
          yield { type: 'done', finishReason: stopped ? 'stopped' : 'stop' };
          return;
        }
      }
    }
  } finally {
    if (ids.taskId) stoppedTasks.delete(ids.taskId);
  }
  throw new StreamError('The answer stream closed before it finished (no message_end or error event); the server may still have saved the answer, so reload the conversation to see it.', {
    code: 'stream_incomplete',
  });
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch (error) {
    throw new StreamError(`The stream sent an event that is not JSON: "${data.slice(0, 80)}"`, { code: 'malformed_event', cause: error });
  }
}

/** Reads one event; a mismatch is a broken stream, so a `StreamError` naming the fields. */
function read<T>(reader: Reader<T>, payload: unknown, subject: string): T {
  try {
    return readValid(reader, payload, subject);
  } catch (error) {
    throw new StreamError(messageOf(error), { code: 'malformed_event', cause: error });
  }
}
