export { createAnalytics, feedbackIdFor } from './analytics/create-analytics';
export type { Analytics, AnalyticsOptions, ConversationInput } from './analytics/create-analytics';
export { createAnalyticsClient } from './analytics/create-analytics-client';
export type { AnalyticsClient, AnalyticsClientOptions, CallOptions } from './analytics/create-analytics-client';
export type { ErrorReporter, FlushReport, OutboxItem } from './analytics/outbox';
export { createMemoryOutboxStore } from './analytics/outbox-store';
export type { OutboxEntry, OutboxKind, OutboxStore } from './analytics/outbox-store';
export { createIdbOutboxStore } from './analytics/idb-outbox-store';
export type { PageLifecycle, PageMoment } from './analytics/page-lifecycle';
export type { LockManagerLike } from './analytics/tab-lock';
export type { RetryPolicy } from './analytics/retry-policy';
export { DEFAULT_ANALYTICS_BASE_URL, MAX_BODY_BYTES } from './analytics/requests';
export {
  ContentItemSchema,
  ConversationListSchema,
  ConversationSchema,
  CreateConversationSchema,
  DeleteResultSchema,
  FeedbackCreateSchema,
  FeedbackListSchema,
  FeedbackSchema,
  FeedbackWithContextSchema,
  InsertEventSchema,
  LinkSchema,
  MessageSchema,
  MessageSelectSchema,
  ProblemSchema,
  SelectEventSchema,
  SupportMessageSchema,
  ToolCallSchema,
  UserPropertiesSchema,
} from './analytics/schemas';
export type {
  ContentItem,
  Conversation,
  ConversationList,
  CreateConversation,
  DeleteResult,
  Feedback,
  FeedbackCreate,
  FeedbackList,
  FeedbackWithContext,
  InsertEvent,
  Link,
  Message,
  MessageSelect,
  Problem,
  SelectEvent,
  SupportMessage,
  ToolCall,
  UserProperties,
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
export type { ProblemDetails } from './http/errors';
export type { Failure, FailureKind } from './http/failure';
export type { Clock } from './clock';
export { openaiProvider, PROVIDE_LINKS_TOOL } from './providers/openai/openai-provider';
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
export type { Chat, ChatEvent, ChatOptions, ChatStatus, ConversationSummary, Draft, FeedbackReasons, SearchResult } from './chat/create-chat';
export { createChatStore, CHAT_SCHEMA_VERSION } from './chat/chat-store';
export type { ChatStore, ChatStoreOptions, Migration, StoreChange } from './chat/chat-store';
export type { KeyValueBackend } from './chat/kv-backend';
export type { ChatMessage, MessageFeedback, MessageStatus, StoredConversation } from './chat/chat-types';
export type { ChatUser } from './chat/identity';
export { toLoggedConversation } from './chat/conversation-log';
export type { LogContext } from './chat/conversation-log';
export type { StreamLiveness } from './chat/stream-liveness';
export { readSse } from './http/read-sse';
export type { ReadSseOptions, SseMessage } from './http/read-sse';
