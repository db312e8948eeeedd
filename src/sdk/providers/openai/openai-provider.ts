import type { Clock } from '../../clock';
import { parseJsonText } from '../../guard';
import { createHttp, type HttpAuth } from '../../http/create-http';
import { StreamError } from '../../http/errors';
import { readSse } from '../../http/read-sse';
import type { ChatProvider, ReplyEvent, Source, ToolCallRecord } from '../chat-provider';
import { tryRead } from '../json-reader';
import { readChunk, readProvideLinks, type Chunk } from './openai-chunk';

/** Options of {@link openaiProvider}. */
export interface OpenAIProviderOptions extends HttpAuth {
  /** Up to and including the version, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  model: string;
  /** Extra request headers (a proxy's own auth, say). */
  headers?: Record<string, string> | undefined;
  /** Extra body fields sent with every request: `temperature`, `tools`, `stream_options`, … */
  body?: Record<string, unknown> | undefined;
  /** Prepended to every request's messages. */
  systemPrompt?: string | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  clock?: Clock | undefined;
  /** Until the response starts. Default 15 s. */
  timeoutMs?: number | undefined;
  /** Longest silence inside the stream. Default 30 s. */
  stallTimeoutMs?: number | undefined;
}

/** The tool whose call carries an answer's sources (contracts/openai-chat.md "Sources"). */
export const PROVIDE_LINKS_TOOL = 'provideLinks';

/**
 * A provider for any OpenAI-compatible `/chat/completions` (OpenAI, Inkeep, Ollama, vLLM,
 * LM Studio, llama.cpp, OpenRouter, …), streamed. Accepts `[DONE]` or a stream that just
 * closes after its finish reason, comment keep-alives, a usage chunk, tool-call deltas, and
 * error JSON before or during the stream; a `provideLinks` tool call becomes the answer's
 * sources.
 */
export function openaiProvider(options: OpenAIProviderOptions): ChatProvider {
  const http = createHttp(options);
  return {
    name: 'openai',
    model: options.model,
    async *stream({ messages, signal }) {
      const system = options.systemPrompt ? [{ role: 'system' as const, content: options.systemPrompt }] : [];
      const response = await http.stream({
        method: 'POST',
        path: '/chat/completions',
        body: JSON.stringify({ ...options.body, model: options.model, stream: true, messages: [...system, ...messages] }),
        signal,
      });
      const reply = createReplyAssembler();
      let sawDone = false;
      for await (const message of readSse(response, { signal, stallTimeoutMs: options.stallTimeoutMs, clock: options.clock })) {
        if (message.data.trim() === '[DONE]') {
          sawDone = true;
          break;
        }
        yield* reply.read(parseChunk(message.data));
      }
      yield* reply.finish(sawDone);
    },
  };
}

function parseChunk(data: string): Chunk {
  // No JSON text parses to `undefined`, so it can only mean "not JSON".
  const json = parseJsonText(data);
  if (json === undefined) throw new StreamError(`The stream sent a line that is not JSON: "${data.slice(0, 80)}"`, { code: 'malformed_event' });
  const chunk = tryRead(readChunk, json);
  if (!chunk) throw new StreamError(`The stream sent a chunk of an unexpected shape: "${data.slice(0, 80)}"`, { code: 'malformed_event' });
  if (chunk.error) {
    const { message, code, type } = chunk.error;
    throw new StreamError(message ?? 'The server reported an error during the answer.', { code: String(code ?? type ?? 'stream_error') });
  }
  return chunk;
}

/** Turns chunks into reply events; tool calls arrive in pieces keyed by index and are emitted whole at the end. */
function createReplyAssembler() {
  const toolCalls: ToolCallRecord[] = [];
  let finishReason: string | undefined;
  let announcedModel = false;
  let answered = false;

  return {
    *read(chunk: Chunk): Generator<ReplyEvent> {
      if (!announcedModel && chunk.model) {
        announcedModel = true;
        yield { type: 'meta', model: chunk.model };
      }
      const choice = chunk.choices?.[0];
      const content = choice?.delta?.content;
      if (content) {
        answered = true;
        yield { type: 'text', delta: content };
      }
      for (const piece of choice?.delta?.tool_calls ?? []) {
        // Servers that omit `index` stream one call at a time: pieces belong to the latest call.
        const index = piece.index ?? Math.max(0, toolCalls.length - 1);
        const call = (toolCalls[index] ??= { id: '', name: '', arguments: '' });
        if (piece.id) call.id = piece.id;
        if (piece.function?.name) call.name += piece.function.name;
        if (piece.function?.arguments) call.arguments += piece.function.arguments;
      }
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      if (chunk.usage) {
        const { prompt_tokens, completion_tokens, total_tokens } = chunk.usage;
        yield { type: 'usage', usage: { promptTokens: prompt_tokens, completionTokens: completion_tokens, totalTokens: total_tokens } };
      }
    },

    /**
     * Emits the tool calls, then `done`. A stream that closed with neither `[DONE]` nor a
     * finish reason was cut mid-answer (the contract: a server fails mid-stream by closing
     * early), so it fails as a dropped connection does. WebKit ends a chunked response
     * whose connection drops as if it were complete: there, this is the only sign of a cut.
     * One with neither text nor a tool call is no answer at all (a bare `[DONE]`, a server
     * that filtered everything out): an error, so the reader gets Retry, not an empty bubble.
     */
    *finish(sawDone: boolean): Generator<ReplyEvent> {
      if (!sawDone && !finishReason) throw new StreamError('The answer stream closed before it finished.', { code: 'stream_incomplete' });
      if (!answered && !toolCalls.length) {
        throw new StreamError(`The stream ended (finish_reason ${finishReason}) without any answer text.`, { code: 'empty_answer' });
      }
      for (const call of toolCalls.filter(Boolean)) {
        yield { type: 'tool-call', toolCall: call };
        const sources = call.name === PROVIDE_LINKS_TOOL ? linksOf(call) : undefined;
        if (sources) yield { type: 'sources', sources };
      }
      yield { type: 'done', finishReason: finishReason ?? 'stop' };
    },
  };
}

/**
 * The sources in a `provideLinks` call, or `undefined` when its arguments are not the
 * expected JSON: a finished answer is not failed for its citations, and the call itself is
 * still logged as a tool call.
 */
function linksOf(call: ToolCallRecord): Source[] | undefined {
  // Arguments that are not JSON read as `undefined`, which the reader refuses like any misfit.
  // `nullish` fields read `null` as `undefined` already; Inkeep names the title `label`.
  return tryRead(readProvideLinks, parseJsonText(call.arguments))?.links.map(({ label, ...link }) => ({ ...link, title: link.title ?? label }));
}
