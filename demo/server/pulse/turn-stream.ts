/**
 * The event-level side of a streamed turn: the §5.2 envelope on every event, answer
 * deltas with the stop check between chunks, and the three ways a turn ends (message_end,
 * error, a dropped connection), each saving the turn exactly once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { splitIntoChunks, type Answer } from './default-answer';
import type { AgentThoughtRecord, MessageFileRecord } from './records';
import type { PulseApp } from './route-types';
import type { SseStream } from './sse-stream';
import { finishTurn, promptText, type Turn } from './turn';
import { buildUsage, toRetrieverResources } from './usage';

/** Options of {@link TurnStream.streamAnswer}. */
export interface StreamAnswerOptions {
  /** `message` (chat) or `agent_message` (agent apps). */
  event?: 'message' | 'agent_message';
  /** Extra fields on every delta (chatflow's `from_variable_selector`). */
  fields?: Record<string, unknown>;
  /** Send only the first `limit` chunks. */
  limit?: number;
  /** Called after each delta, e.g. to interleave TTS audio. */
  after?: (index: number) => void;
}

/** A streamed turn, as the stream modes drive it. */
export interface TurnStream {
  readonly app: PulseApp;
  readonly turn: Turn;
  readonly sse: SseStream;
  /** The full answer the turn would produce. */
  readonly reply: Answer;
  /** Text sent so far in deltas. */
  readonly sent: string;
  /** True once the turn was saved by end, fail or abort. */
  readonly settled: boolean;
  /** Agent steps and files to save with the message. */
  readonly thoughts: AgentThoughtRecord[];
  readonly files: MessageFileRecord[];
  /** Sends `event` with the envelope, then `fields`. */
  send(event: string, fields?: Record<string, unknown>): void;
  /** Waits `ms`; false when the user stopped the task or the client left. */
  pause(ms: number): Promise<boolean>;
  /** Streams the reply's chunks with `tokenDelayMs` before each; false when cut short. */
  streamAnswer(options?: StreamAnswerOptions): Promise<boolean>;
  /** True once a stop from the task's user arrived. */
  stopRequested(): boolean;
  /** Sends `message_end` (unterminated: without its closing blank line) and saves the turn. */
  end(options?: { answer?: string; fields?: Record<string, unknown>; unterminated?: boolean }): void;
  /** Sends an `error` event (no task_id, §5.2) and saves the turn as failed. */
  fail(error: { status: number; code: string; message: string }): void;
  /** Cuts the connection without a terminal event; the turn is saved as the backend finished it. */
  abort(): void;
}

/** Creates the stream helper for `turn` answering with `reply`. */
export function createTurnStream(app: PulseApp, turn: Turn, sse: SseStream, reply: Answer): TurnStream {
  const { message, conversation } = turn;
  const chunks = splitIntoChunks(reply.text);
  const resources = toRetrieverResources(reply.sources ?? []);
  let sent = '';
  let firstTokenMs: number | undefined;
  let saved = false;

  const envelope = (event: string) => ({
    event,
    conversation_id: conversation.id,
    message_id: message.id,
    created_at: message.created_at,
  });
  const stopRequested = () => app.state.tasks.get(message.task_id)?.stopped === true;
  /** The answer to keep: what was sent when stopped, else all of it (the backend finishes a turn whose client left). */
  const keptAnswer = (override?: string) => override ?? (stopRequested() ? sent : reply.text);

  function save(answer: string, error: string | null): void {
    if (saved) return;
    saved = true;
    const latencyMs = performance.now() - turn.startedMs;
    const usage = buildUsage(promptText(turn), answer, { latencyMs, firstTokenMs });
    const status = error === null ? 'normal' : 'error';
    finishTurn(app, turn, { answer, status, error, usage, resources, thoughts: stream.thoughts, files: stream.files });
  }

  const stream: TurnStream = {
    app,
    turn,
    sse,
    reply,
    get sent() {
      return sent;
    },
    get settled() {
      return saved;
    },
    thoughts: [],
    files: [],
    send(event, fields = {}) {
      sse.data({ ...envelope(event), task_id: message.task_id, ...fields });
    },
    async pause(ms) {
      if (!sse.open || stopRequested()) return false;
      if (ms > 0) await sleep(ms);
      return sse.open && !stopRequested();
    },
    async streamAnswer(options = {}) {
      const count = Math.min(chunks.length, options.limit ?? chunks.length);
      for (let index = 0; index < count; index += 1) {
        if (!(await stream.pause(app.settings.tokenDelayMs))) return false;
        const answer = chunks[index] ?? '';
        firstTokenMs ??= performance.now() - turn.startedMs;
        sent += answer;
        stream.send(options.event ?? 'message', { id: message.id, answer, ...options.fields });
        options.after?.(index);
      }
      return true;
    },
    stopRequested,
    end(options = {}) {
      const answer = keptAnswer(options.answer);
      save(answer, null);
      const payload = {
        ...envelope('message_end'),
        task_id: message.task_id,
        id: message.id,
        metadata: { usage: message.usage, retriever_resources: resources },
        ...options.fields,
      };
      if (options.unterminated) sse.raw(`data: ${JSON.stringify(payload)}\n`);
      else sse.data(payload);
    },
    fail(error) {
      save(sent, error.message);
      sse.data({ ...envelope('error'), ...error });
    },
    abort() {
      save(keptAnswer(), null);
      sse.abort();
    },
  };
  return stream;
}
