import { createHttp, type HttpAuth, type HttpOptions, type HttpRequest } from '../http/create-http';
import { validate } from '../validate';
import {
  DEFAULT_ANALYTICS_BASE_URL,
  deleteConversationRequest,
  logConversationRequest,
  logEventRequest,
  logFeedbackRequest,
  type WriteRequest,
} from './requests';
import {
  ConversationListSchema,
  ConversationSchema,
  CreateConversationSchema,
  DeleteResultSchema,
  FeedbackCreateSchema,
  FeedbackSchema,
  InsertEventSchema,
  SelectEventSchema,
  type Conversation,
  type ConversationList,
  type CreateConversation,
  type DeleteResult,
  type Feedback,
  type FeedbackCreate,
  type InsertEvent,
  type SelectEvent,
} from './schemas';
import type * as z from 'zod/mini';

/** Options of {@link createAnalyticsClient}. Give `apiKey` or `getToken`. */
export interface AnalyticsClientOptions extends HttpAuth {
  /** Default `https://api.analytics.inkeep.com`. */
  baseUrl?: string | undefined;
  fetch?: HttpOptions['fetch'];
  /** Per-request timeout in ms. Default 15 s. */
  timeoutMs?: number | undefined;
  clock?: HttpOptions['clock'];
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

/**
 * Direct calls to the analytics API, one method per endpoint a browser key may call plus the
 * reads. Each call validates its input and the server's response; failures throw typed errors.
 * For logging that must not be lost, use `createAnalytics`, whose outbox calls the same API.
 */
export interface AnalyticsClient {
  /** `POST /conversations`: upserts by `id`; send the FULL message list every time. */
  logConversation(conversation: CreateConversation, options?: CallOptions): Promise<Conversation>;
  /** `GET /conversations/{id}`. */
  getConversation(id: string, options?: CallOptions): Promise<Conversation>;
  /** `GET /conversations` (needs an API key): `limit` 0..100 (default 20), `offset` ≥ 0. */
  listConversations(page?: { limit?: number; offset?: number }, options?: CallOptions): Promise<ConversationList>;
  /** `DELETE /conversations/{id}`. */
  deleteConversation(id: string, options?: CallOptions): Promise<DeleteResult>;
  /** `POST /feedback`: with an `id`, updates that feedback. */
  logFeedback(feedback: FeedbackCreate, options?: CallOptions): Promise<Feedback>;
  /** `POST /events`. */
  logEvent(event: InsertEvent, options?: CallOptions): Promise<SelectEvent>;
}

/** Creates a direct client of the conversation-analytics API. */
export function createAnalyticsClient(options: AnalyticsClientOptions): AnalyticsClient {
  const http = createHttp({ ...options, baseUrl: options.baseUrl ?? DEFAULT_ANALYTICS_BASE_URL });

  async function send<T extends z.ZodMiniType>(request: HttpRequest | WriteRequest, schema: T, callOptions: CallOptions = {}) {
    const response = await http.request({ ...request, signal: callOptions.signal, timeoutMs: callOptions.timeoutMs });
    return validate(schema, response.body, 'invalid_response', `The response to ${request.method} ${request.path}`);
  }

  return {
    logConversation: async (conversation, callOptions) =>
      send(logConversationRequest(JSON.stringify(validate(CreateConversationSchema, conversation, 'invalid_input', 'The conversation'))), ConversationSchema, callOptions),
    getConversation: async (id, callOptions) =>
      send({ method: 'GET', path: `/conversations/${encodeURIComponent(id)}` }, ConversationSchema, callOptions),
    listConversations: async (page = {}, callOptions) =>
      send({ method: 'GET', path: '/conversations', query: { limit: page.limit, offset: page.offset } }, ConversationListSchema, callOptions),
    deleteConversation: async (id, callOptions) => send(deleteConversationRequest(id), DeleteResultSchema, callOptions),
    logFeedback: async (feedback, callOptions) =>
      send(logFeedbackRequest(JSON.stringify(validate(FeedbackCreateSchema, feedback, 'invalid_input', 'The feedback'))), FeedbackSchema, callOptions),
    logEvent: async (event, callOptions) =>
      send(logEventRequest(JSON.stringify(validate(InsertEventSchema, event, 'invalid_input', 'The event'))), SelectEventSchema, callOptions),
  };
}
