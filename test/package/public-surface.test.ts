// Issue 13, "The public surface": what each entry of the package offers, read from the built
// declarations with the TypeScript compiler API. Each entry exports what a user calls, and
// every type those names mention (parameters, results, members, recursively), so that a user
// can name anything the package hands them; nothing else (no zod schemas, no internals). Each
// exported name has TSDoc. A name added or dropped here is a decision about the public API.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertFreshBuild } from '../acceptance/support/acceptance-server';
import { ROOT } from './support/packed-package';
import { readPublicSurface, typedEntries, type PublicSurface } from './support/public-surface';

/** `confab-chat/sdk`: 18 functions and error classes, and the 75 types they take and give back. */
const SDK = [
  // The logging SDK and its direct client.
  'createAnalytics', 'Analytics', 'AnalyticsOptions', 'AnalyticsCore', 'ConversationInput', 'LogOptions', 'BelongsTo',
  'createAnalyticsClient', 'AnalyticsClient', 'AnalyticsClientOptions', 'CallOptions',
  'ErrorReporter', 'FlushReport', 'OutboxItem', 'OutboxKind', 'RetryPolicy',
  'createMemoryOutboxStore', 'OutboxStore', 'OutboxSection',
  'PageLifecycle', 'PageMoment', 'LockManagerLike', 'Clock', 'IndexedDBFactory',
  // What the analytics API takes and returns.
  'CreateConversation', 'Conversation', 'ConversationList', 'DeleteResult', 'FeedbackCreate', 'Feedback', 'InsertEvent', 'SelectEvent',
  // Errors.
  'ConfabError', 'HttpError', 'ProblemDetails', 'Failure', 'FailureKind', 'NetworkError', 'TimeoutError', 'PayloadTooLargeError', 'StreamError', 'ConfigError', 'ValidationError', 'StorageError', 'StorageProblem',
  // Chat backends.
  'openaiProvider', 'OpenAIProviderOptions', 'pulseProvider', 'PulseProviderOptions', 'hmacSigner', 'HmacSignerOptions', 'RequestSigner', 'SignableRequest',
  'customProvider', 'CustomProviderOptions', 'CustomReply',
  'ChatProvider', 'ChatRequest', 'ReplyEvent', 'Source', 'ToolCallRecord', 'AgentThought', 'ReplyFile', 'Usage', 'Welcome',
  'RemoteConversations', 'RemoteConversation', 'RemoteMessage',
  // The headless chat engine and its store.
  'createChat', 'Chat', 'ChatOptions', 'ChatSettings', 'ChatEvent', 'ChatStatus', 'ChatAnalytics', 'ConversationSummary', 'Draft', 'FeedbackReasons', 'SearchResult', 'StreamLiveness', 'Connection',
  'createChatStore', 'ChatStore', 'ChatStoreOptions', 'NewMessage', 'StoreChange', 'Migration', 'KeyValueBackend', 'KeyValueWrites',
  'ChatMessage', 'MessageFeedback', 'MessageStatus', 'StoredConversation', 'ChatUser', 'ConversationHandoff', 'OutsideMessages',
  // The human handoff's client (the /handoff routes of confab-chat/server) and its poller.
  'createHandoffClient', 'HandoffClient', 'HandoffClientOptions', 'HandoffRequest', 'TranscriptTurn', 'Answered',
  'Handoff', 'HandoffAgent', 'HandoffEvent', 'HandoffEvents', 'HandoffStatus', 'AgentMessage',
  'createHandoffPoller', 'HandoffPoller', 'HandoffPollerOptions',
];

/** `confab-chat`: the element, its registration and its settings' types, and everything of the SDK. */
const WIDGET = [
  'defineConfabChat', 'CONFAB_TAG', 'ConfabChatElement', 'ConfabEventDetails', 'ConfabChatEvents', 'ConfabChatAttributes',
  'ConfabConfigInput', 'GetToken', 'Redact', 'Suggest', 'LauncherPosition', 'Theme', 'WidgetMode', 'Strings', 'DeepPartial', 'FeedbackReason', 'HandoffOffer',
];

const EXPECTED: Record<string, string[]> = {
  'confab-chat': [...WIDGET, ...SDK],
  'confab-chat/sdk': SDK,
  'confab-chat/element': ['ConfabChatElement', 'ConfabConfigInput', 'ConfabEventDetails'],
  'confab-chat/server': [
    'createConfabHandler', 'ConfabHandler', 'ConfabHandlerOptions', 'AccessLogEntry', 'AnalyticsOptions', 'CallerLimits', 'ChallengeOptions',
    'IdentityOptions', 'LimitOptions', 'PulseOptions', 'RateLimitOptions', 'UpstreamOptions', 'ConnectionInfo',
    'signUserId', 'toNodeListener', 'WebHandler', 'serve', 'RunningServer', 'ServeOptions',
    'createMemoryStore', 'MemoryStoreOptions', 'createRedisStore', 'RedisCommandClient', 'RedisStoreOptions', 'ConfabStore', 'TtlOptions',
    'readDocs', 'publicDocsUrl', 'DocsUrl', 'DocumentInput',
    // Human handoff: the options, the adapter a helpdesk implements, and what the routes answer.
    'HandoffOptions', 'DixaHandoffOptions', 'HandoffError', 'HandoffErrorKind',
    'HandoffAdapter', 'HandoffStart', 'StartProgress', 'TranscriptTurn', 'VisitorMessage', 'VisitorRating', 'AgentMessage',
    'HelpdeskActivity', 'HelpdeskAgent', 'HelpdeskRating', 'AnonymizeOutcome',
    'HandoffView', 'HandoffStatus', 'Anonymization', 'HandoffEvent', 'HandoffEventBody', 'AgentMessageView',
  ],
  'confab-chat/jsx/react': ['ConfabChatAttributes', 'ConfabChatEvents', 'ConfabChatNode', 'ConfabChatReactProps'],
  'confab-chat/jsx/vue': ['ConfabChatAttributes', 'ConfabChatEvents'],
};

let surface: PublicSurface;

beforeAll(() => {
  assertFreshBuild();
  surface = readPublicSurface(typedEntries(ROOT), join(ROOT, 'dist', 'types'));
});

describe('the public surface', () => {
  it('1. every typed entry of the exports map is read', () => {
    expect(Object.keys(surface.names).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [entry, names] of Object.entries(EXPECTED)) {
    it(`2. ${entry} exports exactly its ${names.length} names`, () => {
      expect(surface.names[entry]).toEqual([...new Set(names)].sort());
    });
  }

  it('3. no zod schema and nothing of the outbox records, the HTTP layer or the widget internals is exported', () => {
    const exported = Object.values(surface.names).flat();
    expect(exported.filter((name) => /Schema$|^(OutboxEntry|OpenSend|WriteRequest|HttpRequest|HttpOptions|HttpAuth|ResolvedConfig|CONFIG_ATTRIBUTES)$/.test(name))).toEqual([]);
  });

  it('4. every type a public name mentions, however deep, can be imported from the package', () => {
    expect(surface.unreachable.map(({ entry, type, via }) => `${entry}: ${type} (through ${via})`)).toEqual([]);
  });

  it('5. every exported name has TSDoc', () => {
    expect(surface.undocumented).toEqual([]);
  });
});
