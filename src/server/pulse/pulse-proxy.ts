/**
 * `{base}/pulse/*`: a proxy to a PulseAI (Dify chat-app) API (contracts/pulse.md) that
 * holds the app key, which Dify says must never reach a browser. Each request goes on with
 * `Authorization`, optionally PulseAI's `X-Timestamp`/`X-Signature`, and the visitor mapped
 * to PulseAI's `user`: PulseAI scopes every conversation by that string, so the server sets
 * it from the caller (`user-{id}` for a verified user, the visitor id for an anonymous
 * visitor) and a visitor cannot read another's conversations by sending their id. Only the
 * endpoints the widget uses are proxied; questions pass the challenge and the rate limits.
 */
import { forward } from '../http/forward';
import { parseJsonObject, readBody } from '../http/read-body';
import { RequestError } from '../http/request-error';
import type { ResolvedOptions } from '../options/resolve-options';
import type { ChallengeCheck } from '../protect/challenge';
import { hmacHex } from '../protect/hmac';
import type { Caller } from '../protect/identity';
import type { RateLimiter } from '../protect/rate-limiter';
import type { Route } from '../route-context';
import { estimateTokens } from '../chat/completion-chunks';

const ROUTES: ReadonlyArray<{ method: string; pattern: RegExp }> = [
  { method: 'POST', pattern: /^\/chat-messages$/ },
  { method: 'POST', pattern: /^\/chat-messages\/[^/]+\/stop$/ },
  { method: 'GET', pattern: /^\/messages$/ },
  { method: 'POST', pattern: /^\/messages\/[^/]+\/feedbacks$/ },
  { method: 'GET', pattern: /^\/messages\/[^/]+\/suggested$/ },
  { method: 'GET', pattern: /^\/conversations$/ },
  { method: 'DELETE', pattern: /^\/conversations\/[^/]+$/ },
  { method: 'POST', pattern: /^\/conversations\/[^/]+\/name$/ },
  { method: 'GET', pattern: /^\/(?:parameters|info|meta)$/ },
];

/** A client's own `user` for an anonymous caller: a plain id, nothing that could break out of a namespace. */
const PLAIN_ID = /^[\w.:@-]{1,128}$/;

export interface PulseProxyDeps {
  options: ResolvedOptions;
  pulse: NonNullable<ResolvedOptions['pulse']>;
  limiter: RateLimiter;
  challenge: ChallengeCheck;
}

/** PulseAI's `user` for `caller`. Prefixes keep the three kinds apart, so no one can pass for a signed-in user. */
function pulseUser(caller: Caller, claimed: unknown): string {
  if (caller.kind === 'user') return `user-${caller.id}`;
  if (caller.kind === 'visitor') return caller.id;
  if (typeof claimed === 'string' && PLAIN_ID.test(claimed)) return `anon-${claimed}`;
  throw new RequestError(400, 'invalid_param', 'Send a user id: the visitor id the widget keeps, as `Authorization: Bearer visitor_…`.');
}

/** Total tokens from a `message_end` event's `metadata.usage`, when the stream text holds one. */
function usageIn(text: string): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:') || !line.includes('message_end')) continue;
    try {
      const event = JSON.parse(line.slice(5)) as { event?: string; metadata?: { usage?: { total_tokens?: unknown } } };
      const total = event.metadata?.usage?.total_tokens;
      if (event.event === 'message_end' && typeof total === 'number') return total;
    } catch {
      // A partial or odd line: the estimate stands.
    }
  }
  return undefined;
}

export function createPulseProxy({ options, pulse, limiter, challenge }: PulseProxyDeps): Route {
  return async (context) => {
    const { request } = context;
    const path = context.subPath.slice('/pulse'.length);
    const method = request.method;
    const route = ROUTES.find((candidate) => candidate.pattern.test(path) && candidate.method === method);
    if (!route) {
      const allowed = ROUTES.filter((candidate) => candidate.pattern.test(path)).map((candidate) => candidate.method);
      if (allowed.length > 0) throw new RequestError(405, 'method_not_allowed', `${method} is not allowed here; use ${allowed.join(', ')}.`, { headers: { Allow: allowed.join(', ') } });
      throw new RequestError(404, 'not_found', `${method} ${path} is not proxied.`);
    }
    const query = new URL(request.url).searchParams;
    let body: string | undefined;
    let question: string | undefined;
    if (method === 'POST' || method === 'DELETE') {
      const text = await readBody(request, options.limits.maxBodyBytes, options.limits.bodyTimeoutMs);
      const json = text.trim() === '' ? {} : parseJsonObject(text);
      json.user = pulseUser(context.caller, json.user);
      if (path === '/chat-messages') {
        if (typeof json.query !== 'string') throw new RequestError(400, 'invalid_param', 'query is required.');
        if (json.query.length > options.limits.maxMessageChars) throw new RequestError(400, 'invalid_param', `The question is ${json.query.length} characters long; the maximum is ${options.limits.maxMessageChars}.`);
        question = json.query;
      }
      body = JSON.stringify(json);
    } else if (path !== '/parameters' && path !== '/info' && path !== '/meta') {
      query.set('user', pulseUser(context.caller, query.get('user')));
    }
    if (question !== undefined && options.logContent) context.log.question = question;
    const admission = question === undefined ? undefined : await (async () => {
      await challenge(request, context.caller, context.ip);
      return limiter.admitQuestion({ ip: context.ip, caller: context.caller, tokens: estimateTokens(question.length) + options.limits.maxTokens });
    })();

    const search = query.toString();
    const target = `${path}${search === '' ? '' : `?${search}`}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${pulse.apiKey}`, Accept: request.headers.get('accept') ?? 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (pulse.signingSecret) {
      // The signature the SDK's hmacSigner makes (PulseAI has not published its own): timestamp, method, path, body.
      const timestamp = String(Math.floor(options.now() / 1000));
      headers['X-Timestamp'] = timestamp;
      headers['X-Signature'] = await hmacHex(pulse.signingSecret, `${timestamp}\n${method}\n${target}\n${body ?? ''}`);
    }
    let forwarded: Awaited<ReturnType<typeof forward>>;
    try {
      forwarded = await forward({ url: `${pulse.baseUrl}${target}`, method, headers, body, signal: context.signal, timeoutMs: 30_000, fetch: options.fetch, service: 'The PulseAI service' });
    } catch (error) {
      await admission?.settle(0);
      throw error;
    }
    const { response, upstream } = forwarded;
    context.log.upstreamStatus = upstream.status;
    if (upstream.status === 401) {
      await response.body?.cancel();
      await admission?.settle(0);
      throw new RequestError(502, 'upstream_auth_failed', "The PulseAI service refused this server's key; the site's operator must check it.");
    }
    if (!admission) return response;
    if (!response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      await admission.settle(upstream.ok ? estimateTokens((question ?? '').length) : 0);
      return response;
    }
    // The stream passes through untouched; a copy of its text is read for the usage at its end.
    const decoder = new TextDecoder();
    let tail = '';
    let used: number | undefined;
    let settle!: () => void;
    let stream: TransformStreamDefaultController<Uint8Array> | undefined;
    const unregister = context.onShutdown(() => {
      // PulseAI's own way to end a stream that fails (contracts/pulse.md §5.4): an `error` event, then the end.
      stream?.enqueue(new TextEncoder().encode(`data: ${JSON.stringify({ event: 'error', status: 503, code: 'server_restarting', message: 'The server is restarting; ask again in a moment.' })}\n\n`));
      stream?.terminate();
      forwarded.abort();
      settle();
    });
    context.streaming(
      new Promise<void>((resolve) => (settle = resolve)).then(() => {
        unregister();
        return admission.settle(used ?? estimateTokens((question ?? '').length));
      }),
    );
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        start(controller) {
          stream = controller;
        },
        transform(chunk, controller) {
          controller.enqueue(chunk);
          tail += decoder.decode(chunk, { stream: true });
          const cut = tail.lastIndexOf('\n');
          if (cut >= 0) {
            used = usageIn(tail.slice(0, cut)) ?? used;
            tail = tail.slice(cut + 1);
          }
        },
        flush() {
          used = usageIn(tail) ?? used;
          settle();
        },
      }),
    );
    // A visitor who leaves mid-answer ends the count too (the transform's flush never runs then).
    context.signal.addEventListener('abort', () => settle(), { once: true });
    return new Response(counted, { status: response.status, headers: response.headers });
  };
}
