/**
 * `POST {base}/chat/completions`: an OpenAI-compatible endpoint the widget talks to as to
 * any such API. The body is checked and capped; the caller passes the challenge and the
 * rate limits; the question's best docs sections ground the configured model's answer,
 * which streams back as it comes, followed by those sections as `provideLinks`. Without a
 * model, the extractive answerer quotes the docs instead.
 */
import type { KnowledgeBase } from '../knowledge';
import type { ResolvedOptions } from '../options/resolve-options';
import { readBody, parseJsonObject } from '../http/read-body';
import { RequestError } from '../http/request-error';
import { jsonResponse } from '../http/responses';
import type { ChallengeCheck } from '../protect/challenge';
import { sha256Hex } from '../protect/hmac';
import type { Caller } from '../protect/identity';
import type { Admission, RateLimiter } from '../protect/rate-limiter';
import type { Route, RouteContext } from '../route-context';
import { toChatInput, type ChatInput } from './chat-input';
import { estimateTokens, linksFrame, linksToolCall, type CompletionMeta } from './completion-chunks';
import { DEFAULT_SYSTEM_PROMPT, groundingPrompt, retrieve } from './grounding';
import { LOCAL_MODEL, localAnswer } from './local-answer';
import { openUpstream, UpstreamError } from './open-upstream';
import { relayStream, type RelayResult } from './relay-stream';

/** What the chat route is built from. */
export interface ChatRouteDeps {
  options: ResolvedOptions;
  /** The docs' knowledge base; undefined when no docs are configured (the model then answers ungrounded). */
  knowledge: () => Promise<KnowledgeBase | undefined>;
  limiter: RateLimiter;
  challenge: ChallengeCheck;
  newId(prefix: string): string;
}

/** The headers of an SSE response; `X-Accel-Buffering` keeps nginx-style proxies from holding the stream back. */
export const SSE_HEADERS = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' };

/** The largest non-streamed upstream answer read. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** A stream of ready frames, one enqueued per pull so a slow reader is not flooded. */
function framesStream(frames: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      const frame = frames[index++];
      if (frame === undefined) controller.close();
      else controller.enqueue(encoder.encode(frame));
    },
  });
}

/** OpenAI's `user`: a stable, opaque id of the caller, so the model provider can tell abusers apart without learning who they are. */
async function upstreamUser(caller: Caller, ip: string): Promise<string> {
  const who = caller.kind === 'anonymous' ? `ip:${ip}` : `${caller.kind}:${caller.id}`;
  return `confab-${(await sha256Hex(`confab-chat/server:${who}`)).slice(0, 32)}`;
}

/** The model to use: the default, or one the server allows by name. */
function modelFor(input: ChatInput, upstream: NonNullable<ResolvedOptions['upstream']>): string {
  if (input.model === '') return upstream.model;
  if (!upstream.allowedModels.has(input.model)) {
    throw new RequestError(400, 'model_not_allowed', `The model "${input.model.slice(0, 80)}" is not available here; leave "model" out to use the default.`, { param: 'model' });
  }
  return input.model;
}

/** Creates the route. */
export function createChatRoute(deps: ChatRouteDeps): Route {
  const { options } = deps;

  async function admit(context: RouteContext, input: ChatInput, system: string): Promise<Admission> {
    await deps.challenge(context.request, context.caller, context.ip);
    const promptChars = system.length + input.history.reduce((sum, turn) => sum + turn.content.length, 0);
    return deps.limiter.admitQuestion({ ip: context.ip, caller: context.caller, tokens: estimateTokens(promptChars) + input.maxTokens });
  }

  async function viaUpstream(context: RouteContext, input: ChatInput, upstream: NonNullable<ResolvedOptions['upstream']>): Promise<Response> {
    const model = modelFor(input, upstream);
    const knowledge = await deps.knowledge();
    const matches = knowledge ? retrieve(knowledge, input.question, input.previousQuestion) : [];
    const sources = matches.map((match) => match.source);
    const system = knowledge ? groundingPrompt(options.systemPrompt, matches) : options.systemPrompt?.trim() || DEFAULT_SYSTEM_PROMPT;
    const admission = await admit(context, input, system);
    const promptEstimate = estimateTokens(system.length + input.history.reduce((sum, turn) => sum + turn.content.length, 0));
    const body: Record<string, unknown> = {
      model,
      messages: [{ role: 'system', content: system }, ...input.history],
      stream: input.stream,
      max_tokens: input.maxTokens,
      user: await upstreamUser(context.caller, context.ip),
      ...(input.temperature === undefined ? {} : { temperature: input.temperature }),
      ...(input.stream ? { stream_options: { include_usage: true } } : {}),
    };
    const controller = new AbortController();
    const onLeave = () => controller.abort();
    context.signal.addEventListener('abort', onLeave, { once: true });
    let response: Response;
    try {
      response = await openUpstream(upstream, body, options.fetch, controller);
    } catch (error) {
      context.signal.removeEventListener('abort', onLeave);
      await admission.settle(0);
      if (error instanceof UpstreamError) {
        context.log.upstreamStatus = error.upstreamStatus;
        if (error.status >= 500) options.onError(error);
      }
      throw error;
    }
    context.log.upstreamStatus = response.status;
    const callId = deps.newId('call');
    const meta: CompletionMeta = { id: deps.newId('chatcmpl'), created: Math.floor(options.now() / 1000), model };

    if (!input.stream) {
      try {
        const text = await response.text();
        if (text.length > MAX_ANSWER_BYTES) throw new UpstreamError(502, 'upstream_error', 'The chat service sent an answer too large to relay.', response.status);
        const answer = JSON.parse(text) as { usage?: { prompt_tokens?: number; completion_tokens?: number }; choices?: Array<{ message?: Record<string, unknown> }> };
        const message = answer.choices?.[0]?.message;
        if (message && sources.length > 0) message.tool_calls = [...(Array.isArray(message.tool_calls) ? message.tool_calls : []), linksToolCall(sources, callId)];
        const used = (answer.usage?.prompt_tokens ?? promptEstimate) + (answer.usage?.completion_tokens ?? estimateTokens(String(message?.content ?? '').length));
        context.log.promptTokens = answer.usage?.prompt_tokens;
        context.log.completionTokens = answer.usage?.completion_tokens;
        await admission.settle(used);
        return jsonResponse(200, answer);
      } catch (error) {
        await admission.settle(promptEstimate + input.maxTokens);
        if (error instanceof RequestError) throw error;
        throw new UpstreamError(502, 'upstream_error', 'The chat service sent an answer that could not be read.', response.status, { cause: error });
      } finally {
        context.signal.removeEventListener('abort', onLeave);
      }
    }

    let ended!: (result: RelayResult) => void;
    const done = new Promise<RelayResult>((resolve) => (ended = resolve));
    context.streaming(
      done.then(async (result) => {
        context.signal.removeEventListener('abort', onLeave);
        context.log.outcome = result.outcome;
        context.log.promptTokens = result.promptTokens;
        context.log.completionTokens = result.completionTokens;
        await admission.settle((result.promptTokens ?? promptEstimate) + (result.completionTokens ?? estimateTokens(result.completionChars)));
      }),
    );
    const stream = relayStream({
      body: response.body ?? framesStream([]),
      controller,
      links: (upstreamMeta, toolIndex) => linksFrame(sources, upstreamMeta, callId, toolIndex),
      meta,
      idleTimeoutMs: upstream.idleTimeoutMs,
      maxDurationMs: upstream.maxDurationMs,
      now: options.now,
      register: context.onShutdown,
      onEnd: ended,
    });
    return new Response(stream, { status: 200, headers: SSE_HEADERS });
  }

  async function fromDocs(context: RouteContext, input: ChatInput): Promise<Response> {
    const admission = await admit(context, input, '');
    const meta: CompletionMeta = { id: deps.newId('chatcmpl'), created: Math.floor(options.now() / 1000), model: LOCAL_MODEL };
    const knowledge = await deps.knowledge();
    // The route exists without a model only when docs are configured.
    if (!knowledge) throw new RequestError(404, 'chat_not_configured', 'This server has neither a model nor docs to answer from.');
    const answer = localAnswer(knowledge, input, meta, deps.newId('call'));
    context.log.outcome = 'complete';
    await admission.settle(estimateTokens(input.history.reduce((sum, turn) => sum + turn.content.length, 0) + answer.completionChars));
    if (!input.stream) return jsonResponse(200, answer.body);
    return new Response(framesStream(answer.frames), { status: 200, headers: SSE_HEADERS });
  }

  return async (context) => {
    const input = toChatInput(parseJsonObject(await readBody(context.request, options.limits.maxBodyBytes, options.limits.bodyTimeoutMs)), options.limits);
    if (options.logContent) context.log.question = input.question;
    return options.upstream ? viaUpstream(context, input, options.upstream) : fromDocs(context, input);
  };
}
