/**
 * How each kind of stream is sent: the normal chat stream and the script modes that
 * change it (README.md lists what each sends). Every mode ends through the TurnStream,
 * which saves the turn; a stop ends any of them with `message_end` for the partial answer.
 */
import { agentMode } from './agent-mode';
import { chatflowMode } from './chatflow-mode';
import {
  CHUNKS_BEFORE_FAILURE,
  MID_STREAM_ERROR,
  MODERATED_ANSWER,
  PING_ONLY_INTERVAL_MS,
  type ScriptMode,
} from './script-modes';
import type { TurnStream } from './turn-stream';
import { unknownEventsMode } from './unknown-events-mode';

/** Sends one streamed turn. */
export type StreamMode = (stream: TurnStream) => Promise<void>;

/** `chat` plus every script mode that shapes a stream (the other two answer before it). */
export type StreamModeName = 'chat' | Exclude<ScriptMode, 'pre-stream-error' | 'rate-limit'>;

/** A fake MP3 chunk: an ID3 header and a counter, base64 like Dify's audio (§5.3). */
function audioChunk(index: number): string {
  return Buffer.from(`ID3\u0004\u0000confab-fake-audio-${index}`, 'latin1').toString('base64');
}

/** Deltas, then `message_end`. */
async function chat(stream: TurnStream): Promise<void> {
  await stream.streamAnswer();
  stream.end();
}

/** Output moderation: deltas, `message_replace`, then `message_end`; the replacement is saved. */
async function replace(stream: TurnStream): Promise<void> {
  if (!(await stream.streamAnswer())) return stream.end();
  stream.send('message_replace', { id: stream.turn.message.id, answer: MODERATED_ANSWER, reason: 'output_moderation' });
  stream.end({ answer: MODERATED_ANSWER });
}

/** TTS auto-play: a `tts_message` after each delta, `message_end`, and `tts_message_end` last. */
async function tts(stream: TurnStream): Promise<void> {
  const id = stream.turn.message.id;
  await stream.streamAnswer({ after: (index) => stream.send('tts_message', { id, audio: audioChunk(index), audio_type: 'audio/mpeg' }) });
  stream.end();
  stream.send('tts_message_end', { id, audio: '' });
}

/** The first delta comes after 2.5 × pingAfterMs, so two keep-alive pings precede it. */
async function slowFirstToken(stream: TurnStream): Promise<void> {
  if (await stream.pause(Math.round(stream.app.settings.pingAfterMs * 2.5))) await stream.streamAnswer();
  stream.end();
}

/** A normal stream whose final `message_end` block lacks its closing blank line. */
async function noTrailingBlankLine(stream: TurnStream): Promise<void> {
  await stream.streamAnswer();
  stream.end({ unterminated: true });
}

/** A few deltas, then an `error` event and no `message_end` (§5.6 d). */
async function midStreamError(stream: TurnStream): Promise<void> {
  await stream.streamAnswer({ limit: CHUNKS_BEFORE_FAILURE });
  if (stream.stopRequested()) return stream.end();
  stream.fail(MID_STREAM_ERROR);
}

/** A few deltas, then the socket closes with no terminal event (the backend still saves the full answer). */
async function abruptClose(stream: TurnStream): Promise<void> {
  await stream.streamAnswer({ limit: CHUNKS_BEFORE_FAILURE });
  if (stream.stopRequested()) return stream.end();
  stream.abort();
}

/** Only keep-alives, until the client gives up (or stops the task: then an empty `message_end`). */
async function pingOnly(stream: TurnStream): Promise<void> {
  // Its own fixed cadence only, whatever pingAfterMs is.
  stream.sse.stopKeepAlive();
  while (await stream.pause(PING_ONLY_INTERVAL_MS)) stream.sse.ping();
  stream.end({ answer: '' });
}

/** Every stream shape by name. */
export const STREAM_MODES: Record<StreamModeName, StreamMode> = {
  chat,
  'mid-stream-error': midStreamError,
  'abrupt-close': abruptClose,
  replace,
  agent: agentMode,
  chatflow: chatflowMode,
  tts,
  'ping-only': pingOnly,
  'slow-first-token': slowFirstToken,
  'unknown-events': unknownEventsMode,
  'no-trailing-blank-line': noTrailingBlankLine,
};
