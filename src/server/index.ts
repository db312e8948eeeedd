/**
 * `confab-chat/server`: the backend a site deploys for the widget. Node (and Web-standard
 * runtimes) only; nothing here reaches a browser bundle.
 */
export { createConfabHandler } from './create-confab-handler';
export type { ConfabHandler } from './create-confab-handler';
export type {
  AccessLogEntry,
  AnalyticsOptions,
  CallerLimits,
  ChallengeOptions,
  ConfabHandlerOptions,
  HandoffOptions,
  IdentityOptions,
  LimitOptions,
  PulseOptions,
  RateLimitOptions,
  UpstreamOptions,
} from './options/handler-options';
export type { ConnectionInfo } from './http/client-ip';
export { signUserId } from './protect/identity';
export { toNodeListener } from './node/node-listener';
export type { WebHandler } from './node/node-listener';
export { serve } from './node/serve';
export type { RunningServer, ServeOptions } from './node/serve';
export { createMemoryStore } from './store/memory-store';
export type { MemoryStoreOptions } from './store/memory-store';
export { createRedisStore } from './store/redis-store';
export type { RedisCommandClient, RedisStoreOptions } from './store/redis-store';
export type { ConfabStore, TtlOptions } from './store/store';
export { HandoffError } from './handoff/handoff-error';
export type { HandoffErrorKind } from './handoff/handoff-error';
export type {
  AgentMessage,
  AnonymizeOutcome,
  HandoffAdapter,
  HandoffStart,
  HelpdeskActivity,
  HelpdeskAgent,
  HelpdeskRating,
  StartProgress,
  TranscriptTurn,
  VisitorMessage,
  VisitorRating,
} from './handoff/handoff-adapter';
export type { DixaHandoffOptions } from './handoff/dixa/dixa-options';
export type { HandoffEvent, HandoffEventBody, AgentMessageView } from './handoff/handoff-events';
export type { HandoffView } from './handoff/handoff-view';
export type { Anonymization, HandoffStatus } from './handoff/handoff-record';
export { readDocs } from './knowledge/read-docs';
export { publicDocsUrl } from './knowledge';
export type { DocsUrl, DocumentInput } from './knowledge';
