/**
 * Runs a streamed turn from the first header to the closed connection: registers the
 * task for stop, awaits the answerer (with keep-alive pings), drives the stream mode, and
 * makes sure the turn is saved and the task forgotten whatever happens.
 */
import type { ServerResponse } from 'node:http';
import type { Answer } from './default-answer';
import { INTERNAL_ERROR_MESSAGE } from './pulse-error';
import type { PulseApp } from './route-types';
import { openSse } from './sse-stream';
import { STREAM_MODES, type StreamModeName } from './stream-modes';
import type { Turn } from './turn';
import { createTurnStream } from './turn-stream';

/** The error event of a failed answerer or mode (§3.3). */
const INTERNAL = { status: 500, code: 'internal_server_error', message: INTERNAL_ERROR_MESSAGE } as const;

/** Streams `turn` on `res` in `mode`; resolves once the response is over. */
export async function runStream(app: PulseApp, turn: Turn, mode: StreamModeName, res: ServerResponse): Promise<void> {
  const { message, conversation } = turn;
  app.state.tasks.set(message.task_id, {
    id: message.task_id,
    user: conversation.user,
    conversation_id: conversation.id,
    message_id: message.id,
    stopped: false,
  });
  app.streams.add(res);
  const sse = openSse(res, { keepAliveMs: app.settings.pingAfterMs });
  let reply: Answer | undefined;
  try {
    reply = await app.settings.answer(message.query, turn.history);
  } catch {
    reply = undefined;
  }
  const stream = createTurnStream(app, turn, sse, reply ?? { text: '' });
  try {
    if (reply) await STREAM_MODES[mode](stream);
    else stream.fail(INTERNAL);
  } catch {
    // A mode that throws is a server bug; the client still gets a terminal event.
    if (!stream.settled) stream.fail(INTERNAL);
  } finally {
    // A mode always settles; this keeps the turn saved even if one forgot to.
    if (!stream.settled) stream.abort();
    sse.end();
    app.state.tasks.delete(message.task_id);
    app.streams.delete(res);
  }
}
