/**
 * The confab server as the tests run it: `createConfabHandler` on Node's `http` through
 * `serve` (the adapter the CLI uses), on a free port, with the access log and reported
 * errors collected, and a `call` helper that sends requests as a page of an allowed site.
 */
import { createConfabHandler, serve, type AccessLogEntry, type ConfabHandler, type ConfabHandlerOptions, type RunningServer, type ServeOptions } from '../../../src/server';
import { CORPUS } from '../knowledge/corpus-fixture';

/** The page origin the tests' server allows. */
export const SITE = 'https://docs.example.com';

export interface ConfabServer {
  /** `http://127.0.0.1:PORT/api/confab`. */
  base: string;
  handler: ConfabHandler;
  running: RunningServer;
  logs: AccessLogEntry[];
  errors: unknown[];
  /** `fetch(base + path)` from {@link SITE}, JSON bodies encoded; headers may override. */
  call(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal }): Promise<Response>;
  close(): Promise<void>;
}

/** Starts a handler with the tests' defaults (the corpus fixture as docs, {@link SITE} allowed, no rate limits unless given). */
export async function startConfab(options: Partial<ConfabHandlerOptions> = {}, serveOptions: ServeOptions = {}): Promise<ConfabServer> {
  const logs: AccessLogEntry[] = [];
  const errors: unknown[] = [];
  const handler = createConfabHandler({
    allowedOrigins: [SITE],
    docs: CORPUS,
    rateLimit: false,
    log: (entry) => logs.push(entry),
    onError: (error) => errors.push(error),
    ...options,
  });
  const running = await serve(handler, { port: 0, ...serveOptions });
  const base = `${running.url}${handler.basePath}`;
  return {
    base,
    handler,
    running,
    logs,
    errors,
    call(path, init = {}) {
      const headers: Record<string, string> = { Origin: SITE, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers };
      for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
      return fetch(`${base}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    },
    close: () => running.close({ graceMs: 0 }),
  };
}

/** A chat request body asking `question` (streamed unless told otherwise). */
export const ask = (question: string, extra: Record<string, unknown> = {}) => ({ messages: [{ role: 'user', content: question }], stream: true, ...extra });
