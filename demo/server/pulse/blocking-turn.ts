/**
 * A blocking `/chat-messages` answer (§4.2): one JSON object once the answer is complete.
 * Of the script modes only those with a blocking equivalent change it (README.md).
 */
import type { ServerResponse } from 'node:http';
import { INTERNAL_ERROR_MESSAGE, PulseError } from './pulse-error';
import type { PulseApp } from './route-types';
import { MID_STREAM_ERROR, MODERATED_ANSWER, type ScriptMode } from './script-modes';
import { finishTurn, promptText, type Turn } from './turn';
import { buildUsage, toRetrieverResources } from './usage';

/**
 * Answers `turn` and returns the §4.2 body, or undefined when the mode cut the
 * connection. Throws a {@link PulseError} for a failed generation, after saving it.
 */
export async function answerBlocking(app: PulseApp, turn: Turn, mode: ScriptMode | undefined, res: ServerResponse): Promise<unknown> {
  const { message, conversation } = turn;
  const settle = (answer: string, error: string | null, sources: Parameters<typeof toRetrieverResources>[0] = []) => {
    const usage = buildUsage(promptText(turn), answer, { latencyMs: performance.now() - turn.startedMs });
    const resources = toRetrieverResources(sources);
    const status = error === null ? 'normal' : 'error';
    finishTurn(app, turn, { answer, status, error, usage, resources, thoughts: [], files: [] });
    return { usage, resources };
  };

  const reply = await app.settings.answer(message.query, turn.history).catch(() => undefined);
  if (!reply) {
    settle('', INTERNAL_ERROR_MESSAGE);
    throw new PulseError(500, 'internal_server_error', INTERNAL_ERROR_MESSAGE);
  }
  if (mode === 'mid-stream-error') {
    // Blocking has no stream to break: the generation error becomes the JSON error.
    settle('', MID_STREAM_ERROR.message);
    throw new PulseError(MID_STREAM_ERROR.status, MID_STREAM_ERROR.code, MID_STREAM_ERROR.message);
  }
  if (mode === 'abrupt-close') {
    // The backend finishes the turn even though the connection is cut.
    settle(reply.text, null, reply.sources);
    res.destroy();
    return undefined;
  }
  const answer = mode === 'replace' ? MODERATED_ANSWER : reply.text;
  const { usage, resources } = settle(answer, null, reply.sources);
  return {
    event: 'message',
    task_id: message.task_id,
    id: message.id,
    message_id: message.id,
    conversation_id: conversation.id,
    mode: app.settings.info.mode,
    answer,
    metadata: { usage, retriever_resources: resources },
    created_at: message.created_at,
  };
}
