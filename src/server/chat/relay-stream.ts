/**
 * Passes an upstream's completion stream to the visitor event by event, as it arrives:
 * each complete SSE event is forwarded in the read that completed it, never held for the
 * next. On the way it notes usage and the finish reason, adds the `provideLinks` call with
 * the grounding sources before `[DONE]`, replaces an upstream error event by its own
 * (upstream messages stay with the operator), and ends the stream cleanly, with an error
 * event, when the upstream breaks off, falls silent or runs too long, or the server shuts
 * down. The upstream is read only as fast as the visitor reads (`pull`), and a visitor who
 * leaves cancels the stream, which aborts the upstream request.
 */
import { DONE_FRAME, errorFrame, type CompletionMeta } from './completion-chunks';

/** How a relayed answer ended. */
export type RelayOutcome = 'complete' | 'client_closed' | 'upstream_failed' | 'timeout' | 'shutdown';

/** What a relayed answer cost and how it ended, for the limits and the log. */
export interface RelayResult {
  outcome: RelayOutcome;
  /** As the upstream reported them (`include_usage`), else undefined. */
  promptTokens: number | undefined;
  completionTokens: number | undefined;
  /** Characters of answer text seen, to estimate tokens when the upstream reports none. */
  completionChars: number;
}

export interface RelayOptions {
  body: ReadableStream<Uint8Array>;
  /** Aborting it ends the upstream request. */
  controller: AbortController;
  /** The links frame, given the completion's id, time and model as the upstream sent them, and the first free tool-call index. */
  links: (meta: CompletionMeta, toolIndex: number) => string;
  /** A fallback meta until the upstream's first chunk names its own. */
  meta: CompletionMeta;
  idleTimeoutMs: number;
  maxDurationMs: number;
  now: () => number;
  /** Registers a way to end the stream early (server shutdown); returns its unregister. */
  register(interrupt: () => void): () => void;
  onEnd(result: RelayResult): void;
}

interface ChunkFields {
  id?: unknown;
  created?: unknown;
  model?: unknown;
  error?: unknown;
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
  choices?: Array<{ delta?: { content?: unknown; tool_calls?: unknown }; finish_reason?: unknown }>;
}

const ENDINGS: Record<Exclude<RelayOutcome, 'complete' | 'client_closed'>, [string, string]> = {
  upstream_failed: ['upstream_failed', 'The chat service broke off the answer; try again.'],
  timeout: ['upstream_timeout', 'The chat service took too long to answer; try again.'],
  shutdown: ['server_restarting', 'The server is restarting; ask again in a moment.'],
};

/** What a read rejects with when the upstream said nothing for too long. */
const SILENT = new Error('The upstream was silent too long.');

/** The length of a chunk's `"content":"…"` string as written (escapes counted as written: an estimate is all it feeds). */
function contentLength(data: string): number {
  const start = data.indexOf('"content":"');
  if (start < 0) return 0;
  let end = start + 11;
  for (;;) {
    end = data.indexOf('"', end);
    if (end < 0) return 0;
    let backslashes = 0;
    while (data[end - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return end - start - 11;
    end++;
  }
}

/** The `data:` payload of one SSE event (its data lines joined), or undefined for a comment-only event. */
function dataOf(event: string): string | undefined {
  let data: string | undefined;
  for (const line of event.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const value = line.slice(line[5] === ' ' ? 6 : 5);
    data = data === undefined ? value : `${data}\n${value}`;
  }
  return data;
}

/** The relayed stream. */
export function relayStream(options: RelayOptions): ReadableStream<Uint8Array> {
  const reader = options.body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const deadline = options.now() + options.maxDurationMs;
  let buffer = '';
  let meta = options.meta;
  let finished = false;
  let interrupted: 'shutdown' | undefined;
  let sawFinish = false;
  let sawMeta = false;
  let toolIndex = 0;
  let result: RelayResult = { outcome: 'complete', promptTokens: undefined, completionTokens: undefined, completionChars: 0 };
  const unregister = options.register(() => {
    interrupted = 'shutdown';
    options.controller.abort();
  });

  const end = (outcome: RelayOutcome): void => {
    if (finished) return;
    finished = true;
    result = { ...result, outcome };
    unregister();
    options.onEnd(result);
  };

  /** Reads once, or rejects with {@link SILENT} when the upstream is silent too long (or past the deadline). */
  async function read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    const wait = Math.min(options.idleTimeoutMs, deadline - options.now());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const silent = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(SILENT), Math.max(0, wait));
    });
    try {
      return await Promise.race([reader.read(), silent]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Notes what one data payload says; returns the frame to send instead of it, if any.
   * Most chunks carry one word, so parsing each would be most of the relay's work: a chunk
   * is parsed only when it holds what must be read from it (its first, an error, usage,
   * tool calls). The markers are searched with their quotes, which a JSON string value
   * cannot hold unescaped, so answer text never triggers them.
   */
  function note(data: string): { replace?: string; done?: boolean } {
    if (data.length < 16 && data.trim() === '[DONE]') return { replace: options.links(meta, toolIndex) + DONE_FRAME, done: true };
    result.completionChars += contentLength(data);
    if (!sawFinish && data.includes('"finish_reason":"')) sawFinish = true;
    if (sawMeta && !data.includes('"error"') && !data.includes('"usage":{') && !data.includes('"tool_calls"')) return {};
    let fields: ChunkFields;
    try {
      fields = JSON.parse(data) as ChunkFields;
    } catch {
      return {};
    }
    if (typeof fields !== 'object' || fields === null) return {};
    if (fields.error !== undefined && fields.error !== null) return { replace: errorFrame(...ENDINGS.upstream_failed), done: true };
    if (!sawMeta && typeof fields.id === 'string' && typeof fields.model === 'string') {
      sawMeta = true;
      meta = { id: fields.id, model: fields.model, created: typeof fields.created === 'number' ? fields.created : meta.created };
    }
    const calls = fields.choices?.[0]?.delta?.tool_calls;
    if (Array.isArray(calls)) {
      for (const call of calls as Array<{ index?: unknown }>) if (typeof call?.index === 'number') toolIndex = Math.max(toolIndex, call.index + 1);
    }
    const usage = fields.usage;
    if (usage && typeof usage.prompt_tokens === 'number') result.promptTokens = usage.prompt_tokens;
    if (usage && typeof usage.completion_tokens === 'number') result.completionTokens = usage.completion_tokens;
    return {};
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        let part: ReadableStreamReadResult<Uint8Array>;
        try {
          part = await read();
        } catch (error) {
          const outcome = interrupted ?? (error === SILENT ? 'timeout' : 'upstream_failed');
          options.controller.abort();
          controller.enqueue(encoder.encode(errorFrame(...ENDINGS[outcome])));
          controller.close();
          return end(outcome);
        }
        if (part.done) {
          // A stream may just close instead of sending [DONE]: complete if it had finished its answer.
          const tail = buffer.trim() === '' ? '' : `${buffer}\n\n`;
          if (sawFinish && !interrupted) controller.enqueue(encoder.encode(tail + options.links(meta, toolIndex) + DONE_FRAME));
          else controller.enqueue(encoder.encode(tail + errorFrame(...ENDINGS[interrupted ?? 'upstream_failed'])));
          controller.close();
          return end(sawFinish && !interrupted ? 'complete' : (interrupted ?? 'upstream_failed'));
        }
        buffer += decoder.decode(part.value, { stream: true });
        if (buffer.includes('\r')) buffer = buffer.replace(/\r\n?/g, '\n');
        const cut = buffer.lastIndexOf('\n\n');
        if (cut < 0) continue;
        const events = buffer.slice(0, cut).split('\n\n');
        buffer = buffer.slice(cut + 2);
        let out = '';
        let done = false;
        for (const event of events) {
          if (event === '') continue;
          const data = dataOf(event);
          const verdict = data === undefined ? {} : note(data);
          out += verdict.replace ?? `${event}\n\n`;
          if (verdict.done) {
            done = true;
            break;
          }
        }
        if (out !== '') controller.enqueue(encoder.encode(out));
        if (done) {
          options.controller.abort();
          controller.close();
          return end(out.endsWith(DONE_FRAME) ? 'complete' : 'upstream_failed');
        }
        if (out !== '') return;
      }
    },
    cancel() {
      options.controller.abort();
      end('client_closed');
    },
  });
}
