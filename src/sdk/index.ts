/**
 * `confab-chat/sdk`: the logging SDK and the headless chat engine, without any UI. What a
 * user calls, and every type those calls take or give back, nothing else: the zod schemas,
 * the outbox's records and the HTTP layer stay inside (test/package/public-surface.test.ts
 * holds this list and checks that each type a public name mentions can be imported).
 */
export { createAnalytics } from './analytics/create-analytics';
export type { Analytics, AnalyticsCore, AnalyticsOptions, BelongsTo, ConversationInput, LogOptions } from './analytics/analytics-core';
export { createAnalyticsClient } from './analytics/create-analytics-client';
export type { AnalyticsClient, AnalyticsClientOptions, CallOptions } from './analytics/create-analytics-client';
export type { ErrorReporter, FlushReport, OutboxItem } from './analytics/outbox';
export { createMemoryOutboxStore } from './analytics/outbox-store';
export type { OutboxKind, OutboxSection, OutboxStore } from './analytics/outbox-store';
export type { PageLifecycle, PageMoment } from './analytics/page-lifecycle';
export type { LockManagerLike } from './analytics/tab-lock';
export type { RetryPolicy } from './analytics/retry-policy';
export type { Clock } from './clock';
export type {
  Conversation,
  ConversationList,
  CreateConversation,
  DeleteResult,
  Feedback,
  FeedbackCreate,
  InsertEvent,
  SelectEvent,
} from './analytics/schemas';
export {
  ConfabError,
  ConfigError,
  HttpError,
  NetworkError,
  PayloadTooLargeError,
  StorageError,
  StreamError,
  TimeoutError,
  ValidationError,
} from './http/errors';
export type { ProblemDetails, StorageProblem } from './http/errors';
export type { IndexedDBFactory } from './indexed-db-factory';
export type { Failure, FailureKind } from './http/failure';
export { openaiProvider } from './providers/openai/openai-provider';
export type { OpenAIProviderOptions } from './providers/openai/openai-provider';
export { pulseProvider } from './providers/pulse/pulse-provider';
export type { PulseProviderOptions } from './providers/pulse/pulse-provider';
export { hmacSigner } from './providers/pulse/hmac-signer';
export type { HmacSignerOptions } from './providers/pulse/hmac-signer';
export type { RequestSigner, SignableRequest } from './providers/pulse/signed-fetch';
export { customProvider } from './providers/custom-provider';
export type { CustomProviderOptions, CustomReply } from './providers/custom-provider';
export type {
  AgentThought,
  ChatProvider,
  ChatRequest,
  RemoteConversation,
  RemoteConversations,
  RemoteMessage,
  ReplyEvent,
  ReplyFile,
  Source,
  ToolCallRecord,
  Usage,
  Welcome,
} from './providers/chat-provider';
export { createChat } from './chat/create-chat';
export type { Chat, ChatEvent, ChatOptions, ChatSettings, ChatStatus, ConversationSummary, Draft, FeedbackReasons, SearchResult } from './chat/create-chat';
export type { ChatAnalytics } from './chat/conversation-logger';
export type { Connection } from './chat/connection';
export type { StreamLiveness } from './chat/stream-liveness';
export { createChatStore } from './chat/chat-store';
export type { ChatStore, ChatStoreOptions, Migration, NewMessage, StoreChange } from './chat/chat-store';
export type { KeyValueBackend, KeyValueWrites } from './chat/kv-backend';
export type { ChatMessage, MessageFeedback, MessageStatus, StoredConversation } from './chat/chat-types';
export type { ChatUser } from './chat/identity';
export type { ConversationHandoff } from './chat/chat-types';
export type { OutsideMessages } from './chat/outside-messages';
export { createHandoffClient } from './handoff/handoff-client';
export type { Answered, HandoffClient, HandoffClientOptions, HandoffRequest, TranscriptTurn } from './handoff/handoff-client';
export type { AgentMessage, Handoff, HandoffAgent, HandoffEvent, HandoffEvents, HandoffStatus } from './handoff/handoff-answers';
export { createHandoffPoller } from './handoff/handoff-poller';
export type { HandoffPoller, HandoffPollerOptions } from './handoff/handoff-poller';
