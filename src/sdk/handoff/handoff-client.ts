import type { Clock } from '../clock';
import { createHttp, type HttpRequest } from '../http/create-http';
import { readValid, type Reader } from '../providers/json-reader';
import {
  readEventsAnswer,
  readHandoffAnswer,
  readHandoffSetup,
  readMessageAnswer,
  readRatingAnswer,
  type Handoff,
  type HandoffEvents,
} from './handoff-answers';

/** Options of {@link createHandoffClient}. */
export interface HandoffClientOptions {
  /** The confab server's base, where `/handoff` lives (the widget's `server`, e.g. `/api/confab`). */
  baseUrl: string;
  /** The widget's credential: the signed-in user's token, else the visitor id (`visitor_…`). */
  getToken: () => string | Promise<string>;
  fetch?: typeof globalThis.fetch | undefined;
  clock?: Clock | undefined;
  /** Per request. Default 15 s. */
  timeoutMs?: number | undefined;
}

/** One turn of the conversation with the assistant, for the agent's transcript. */
export interface TranscriptTurn {
  role: 'user' | 'assistant';
  text: string;
  createdAt: string;
}

/** What `POST /handoff` takes (docs/handoff-api.md). */
export interface HandoffRequest {
  conversationId: string;
  message?: { id: string; text: string; createdAt?: string } | undefined;
  transcript?: TranscriptTurn[] | undefined;
  locale?: string | undefined;
  visitor?: { name?: string; email?: string } | undefined;
  pageUrl?: string | undefined;
}

/** An answer with its status: 202 means saved at the confab server, not yet at the helpdesk. */
export interface Answered<T> {
  status: number;
  body: T;
}

/** The /handoff routes of a confab server, one method each; failures are the HTTP layer's typed errors (`HttpError` with the problem's `code`). */
export interface HandoffClient {
  /** Whether the server offers a person at all. */
  enabled(): Promise<boolean>;
  start(request: HandoffRequest): Promise<Answered<{ handoff: Handoff }>>;
  get(conversationId: string): Promise<{ handoff: Handoff }>;
  /** What happened after `cursor` (`"0"` for everything). */
  events(conversationId: string, cursor: string, signal?: AbortSignal): Promise<HandoffEvents>;
  /** Sends a visitor message; the same `id` again never makes a second one. */
  send(conversationId: string, message: { id: string; text: string; createdAt?: string }): Promise<Answered<{ message: { id: string; status: 'delivered' | 'queued' }; handoff: Handoff }>>;
  close(conversationId: string): Promise<Answered<{ handoff: Handoff }>>;
  rate(conversationId: string, score: number, comment?: string): Promise<Answered<{ handoff: Handoff }>>;
  /** The visitor deleted the conversation: erase it at the helpdesk. */
  remove(conversationId: string): Promise<Answered<{ handoff: Handoff }>>;
}

/** Creates a typed client of a confab server's handoff routes. */
export function createHandoffClient(options: HandoffClientOptions): HandoffClient {
  const http = createHttp({ baseUrl: options.baseUrl, getToken: options.getToken, fetch: options.fetch, clock: options.clock, timeoutMs: options.timeoutMs });
  const path = (conversationId: string, rest = '') => `/handoff/${encodeURIComponent(conversationId)}${rest}`;

  async function call<T>(read: Reader<T>, request: HttpRequest): Promise<Answered<T>> {
    const answer = await http.request(request);
    return { status: answer.status, body: readValid(read, answer.body, `The answer to ${request.method} ${request.path}`) };
  }
  const post = (path: string, body?: unknown): HttpRequest => ({ method: 'POST', path, body: body === undefined ? undefined : JSON.stringify(body) });

  return {
    enabled: async () => (await call(readHandoffSetup, { method: 'GET', path: '/handoff' })).body.enabled,
    start: (request) => call(readHandoffAnswer, post('/handoff', request)),
    get: async (conversationId) => (await call(readHandoffAnswer, { method: 'GET', path: path(conversationId) })).body,
    events: async (conversationId, cursor, signal) => (await call(readEventsAnswer, { method: 'GET', path: path(conversationId, '/events'), query: { after: cursor }, signal })).body,
    send: (conversationId, message) => call(readMessageAnswer, post(path(conversationId, '/messages'), message)),
    close: (conversationId) => call(readHandoffAnswer, post(path(conversationId, '/close'))),
    rate: (conversationId, score, comment) => call(readRatingAnswer, post(path(conversationId, '/rating'), { score, ...(comment ? { comment } : {}) })),
    remove: (conversationId) => call(readHandoffAnswer, { method: 'DELETE', path: path(conversationId) }),
  };
}
