/**
 * Forwards one request to a third-party API the server holds the key of (PulseAI, the
 * analytics API) and hands its answer back as it arrives: the status, the headers a client
 * reads (`Content-Type`, `Retry-After`, `Cache-Control`) and the body, streamed. The wait
 * for the answer to start is bounded; the visitor leaving aborts the upstream request.
 * Failures to reach the API say what happened, not where.
 */
import { RequestError } from './request-error';

/** Response headers passed on unchanged; length and encoding are not (fetch decoded the body). */
const PASSED = ['content-type', 'retry-after', 'cache-control'];

export interface ForwardOptions {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** The visitor's signal. */
  signal: AbortSignal;
  /** Until the answer starts. */
  timeoutMs: number;
  fetch: typeof fetch;
  /** Names the API in error messages, e.g. "The analytics service". */
  service: string;
}

/** The upstream's answer as a Response of ours (mutable headers), its status for the log, and a way to abort it. */
export async function forward(options: ForwardOptions): Promise<{ response: Response; upstream: Response; abort(): void }> {
  const controller = new AbortController();
  const onLeave = () => controller.abort();
  if (options.signal.aborted) controller.abort();
  options.signal.addEventListener('abort', onLeave, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  let upstream: Response;
  try {
    upstream = await options.fetch(options.url, { method: options.method, headers: options.headers, signal: controller.signal, ...(options.body === undefined ? {} : { body: options.body }) });
  } catch (error) {
    options.signal.removeEventListener('abort', onLeave);
    if (timedOut) throw new RequestError(504, 'upstream_timeout', `${options.service} did not answer in time; try again shortly.`, { cause: error });
    throw new RequestError(502, 'upstream_unreachable', `${options.service} could not be reached; try again shortly.`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  const headers = new Headers();
  for (const name of PASSED) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const release = () => options.signal.removeEventListener('abort', onLeave);
  const body = upstream.body ? upstream.body.pipeThrough(new TransformStream({ flush: release })) : null;
  if (!body) release();
  return { response: new Response(body, { status: upstream.status, headers }), upstream, abort: () => controller.abort() };
}
