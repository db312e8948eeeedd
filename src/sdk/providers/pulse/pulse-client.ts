import type { Clock } from '../../clock';
import { createHttp, type HttpAuth, type HttpRequest } from '../../http/create-http';
import { ConfigError } from '../../http/errors';
import { readValid, type Reader } from '../json-reader';

/** How to reach a PulseAI (Dify chat-app) API, and as whom. */
export interface PulseClientOptions extends HttpAuth {
  /**
   * Up to and including the version, e.g. `https://api-platform.digitpulse.ai/v1`, or your
   * proxy's path such as `/api/pulse/v1`. App keys are server-side secrets (§2.1): in a
   * browser, point this at a proxy that adds `Authorization` and leave `apiKey` out.
   */
  baseUrl: string;
  /** The end-user id; PulseAI scopes conversations, messages and feedback by it (§1). */
  user: string;
  fetch?: typeof globalThis.fetch | undefined;
  clock?: Clock | undefined;
  /** Until a response starts. Default 15 s. */
  timeoutMs?: number | undefined;
}

/** The two kinds of call the PulseAI API has: JSON, and the chat's event stream. */
export interface PulseClient {
  readonly user: string;
  /** Sends `request` and reads the JSON response with `read` (`ValidationError` if it does not fit). */
  json<T>(request: HttpRequest, read: Reader<T>): Promise<T>;
  /** Sends `request` with `Accept: text/event-stream`; a JSON error answer throws `HttpError`. */
  stream(request: HttpRequest): Promise<Response>;
}

/** Creates the HTTP side of the pulse provider. */
export function createPulseClient(options: PulseClientOptions): PulseClient {
  if (!options.user) {
    throw new ConfigError('user', 'pulseProvider needs `user`, the end-user id PulseAI keeps conversations under; pass a stable id such as a visitor id kept in storage.');
  }
  const httpOptions = {
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    getToken: options.getToken,
    fetch: options.fetch,
    clock: options.clock,
    timeoutMs: options.timeoutMs,
  };
  const jsonHttp = createHttp(httpOptions);
  const sseHttp = createHttp({ ...httpOptions, headers: { Accept: 'text/event-stream' } });
  return {
    user: options.user,
    async json(request, read) {
      const response = await jsonHttp.request(request);
      return readValid(read, response.body, `The response to ${request.method} ${request.path}`);
    },
    stream: (request) => sseHttp.stream(request),
  };
}
