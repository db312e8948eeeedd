/**
 * Proxy mode: forwards a request to a real OpenAI-compatible server (Ollama, OpenAI,
 * vLLM, …) with the upstream's key and model, and pipes its answer back as it arrives:
 * status, content type and body, streaming included.
 */
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OpenAiError } from './openai-error';
import type { ActiveStreams } from './play-stream';

/** Where proxy mode forwards to. */
export interface UpstreamOptions {
  /** The upstream's base URL, e.g. `http://127.0.0.1:11434/v1` (Ollama) or `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; the client's own key is never forwarded. */
  apiKey?: string | undefined;
  /** Replaces the request's `model`; absent → the client's model is sent as is. */
  model?: string | undefined;
}

/** What to forward: `/chat/completions` with its parsed body, or `/models`. */
export interface ForwardRequest {
  method: 'GET' | 'POST';
  path: '/chat/completions' | '/models';
  body?: Record<string, unknown>;
}

/** Response headers worth passing on; length and encoding are not (fetch decoded the body). */
const PASSED_HEADERS = ['content-type', 'retry-after', 'cache-control'];

/** `fetch failed (ECONNREFUSED)`: undici hides the useful part in `cause`. */
function describe(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const base = error instanceof Error ? error.message : String(error);
  const detail = cause?.code ?? cause?.message;
  return detail ? `${base} (${detail})` : base;
}

/**
 * Forwards `request` and pipes the answer to `res`. An unreachable upstream is a 502
 * {@link OpenAiError}; an upstream that fails mid-body cuts the client's connection too,
 * so the client sees a failure rather than a short success. A client that disconnects
 * aborts the upstream request.
 */
export async function forwardToUpstream(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: UpstreamOptions,
  request: ForwardRequest,
  active: ActiveStreams,
): Promise<void> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  res.on('close', abort);
  const unregister = active.add(() => {
    abort();
    res.destroy();
  });
  try {
    const headers: Record<string, string> = { Accept: req.headers.accept ?? 'application/json, text/event-stream' };
    if (upstream.apiKey) headers.Authorization = `Bearer ${upstream.apiKey}`;
    let body: string | undefined;
    if (request.body) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(upstream.model ? { ...request.body, model: upstream.model } : request.body);
    }
    let response: Response;
    try {
      const url = `${upstream.baseUrl.replace(/\/+$/, '')}${request.path}`;
      response = await fetch(url, { method: request.method, headers, signal: controller.signal, ...(body === undefined ? {} : { body }) });
    } catch (error) {
      if (controller.signal.aborted) return;
      throw new OpenAiError(502, `The upstream server ${upstream.baseUrl} could not be reached: ${describe(error)}`, {
        type: 'server_error',
        code: 'upstream_unreachable',
      });
    }
    res.statusCode = response.status;
    for (const name of PASSED_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) res.setHeader(name, value);
    }
    res.flushHeaders();
    if (!response.body) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    try {
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        if (!res.write(part.value)) await once(res, 'drain', { signal: controller.signal });
      }
      res.end();
    } catch {
      res.destroy();
    }
  } finally {
    res.off('close', abort);
    unregister();
  }
}
