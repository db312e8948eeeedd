/**
 * Turns a reply into the exact SSE frames of an OpenAI chat-completion stream, then lets
 * a script bend them (cut short, add keep-alives, drop `[DONE]`). The frames are plain
 * strings, so what is written is exactly what a test reads.
 */
import type { ChatReply } from './chat-reply';
import { DEFAULT_AFTER_CHUNKS, type ChatScript } from './chat-scripts';
import type { OpenAiErrorBody } from './openai-error';

/** The fields every chunk of one completion repeats. */
export interface CompletionMeta {
  id: string;
  /** Unix seconds. */
  created: number;
  model: string;
}

/** The frames to write and how the response ends after the last one. */
export interface StreamPlan {
  frames: string[];
  /** `end` closes cleanly, `destroy` cuts the socket, `hold` keeps it open until the client leaves. */
  ending: 'end' | 'destroy' | 'hold';
}

/** One SSE event carrying `payload` as JSON (or `[DONE]`). */
export const dataFrame = (payload: unknown): string => `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;

/** An SSE comment, which clients must ignore; proxies send these to keep idle connections open. */
export const KEEPALIVE_FRAME = ': keep-alive\n\n';

/** The error a stream sends when scripted to fail midway. */
function midStreamError(message: string | undefined): OpenAiErrorBody {
  return {
    error: { message: message ?? 'The server had an error while processing your request.', type: 'server_error', param: null, code: 'internal_error' },
  };
}

/**
 * The data chunks of `reply`: the role, each word, the tool call (id and name first, then
 * the `arguments` pieces), the finish reason, and the usage chunk when asked. With usage
 * on, every other chunk carries `usage: null`, as OpenAI's do.
 */
export function replyChunks(reply: ChatReply, meta: CompletionMeta, includeUsage: boolean): unknown[] {
  const head = { id: meta.id, object: 'chat.completion.chunk', created: meta.created, model: meta.model };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    ...head,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const chunks: unknown[] = [chunk({ role: 'assistant', content: reply.content === null ? null : '' })];
  for (const token of reply.tokens) chunks.push(chunk({ content: token }));
  const call = reply.toolCall;
  if (call) {
    chunks.push(chunk({ tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const fragment of call.fragments) chunks.push(chunk({ tool_calls: [{ index: 0, function: { arguments: fragment } }] }));
  }
  chunks.push(chunk({}, reply.finishReason));
  if (includeUsage) chunks.push({ ...head, choices: [], usage: reply.usage });
  return chunks;
}

/** The stream of `reply`, shaped by `script` (absent: a well-behaved stream). */
export function planStream(reply: ChatReply, meta: CompletionMeta, includeUsage: boolean, script?: ChatScript): StreamPlan {
  const chunks = replyChunks(reply, meta, includeUsage || script?.mode === 'usage-chunk').map(dataFrame);
  const done = dataFrame('[DONE]');
  // A scripted failure always happens before the last chunk, however large `afterChunks` is.
  const cut = (after: number | undefined): string[] => chunks.slice(0, Math.min(after ?? DEFAULT_AFTER_CHUNKS, chunks.length - 1));
  switch (script?.mode) {
    case 'error-mid-stream':
      return { frames: [...cut(script.afterChunks), dataFrame(midStreamError(script.message))], ending: 'end' };
    case 'stall':
      return { frames: cut(script.afterChunks), ending: 'hold' };
    case 'abrupt-close':
      return { frames: cut(script.afterChunks), ending: 'destroy' };
    case 'no-done':
      return { frames: chunks, ending: 'end' };
    case 'keepalive-comments':
      return { frames: [...chunks, done].flatMap((frame, i) => (i === 0 ? [frame] : [KEEPALIVE_FRAME, frame])), ending: 'end' };
    default:
      return { frames: [...chunks, done], ending: 'end' };
  }
}
