/**
 * The one interface every chat backend implements. A provider streams a reply as typed
 * events; everything else is an optional capability the controller uses when present.
 */

/** A source (citation) of an answer. */
export interface Source {
  /** Absent for sources without a page, e.g. PulseAI knowledge-base segments. */
  url?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  breadcrumbs?: string[] | undefined;
  /** `documentation`, `site`, `github_issue`, … (the analytics API's open enum). */
  type?: string | undefined;
}

/** A tool call the model made, as the analytics API logs it (`tool_calls`). */
export interface ToolCallRecord {
  id: string;
  name: string;
  /** JSON text, as the model produced it. */
  arguments: string;
}

/** An agent's reasoning step (PulseAI `agent_thought`); re-sent with the same id as it grows. */
export interface AgentThought {
  id: string;
  position: number;
  thought: string;
  tool?: string | undefined;
  toolInput?: string | undefined;
  observation?: string | undefined;
}

/** A file the assistant attached (PulseAI `message_file`). */
export interface ReplyFile {
  id: string;
  type: string;
  url: string;
}

/** Token usage of a reply, when the backend reports it. */
export interface Usage {
  promptTokens?: number | undefined;
  completionTokens?: number | undefined;
  totalTokens?: number | undefined;
  /** Seconds, as PulseAI reports latency. */
  latency?: number | undefined;
}

/**
 * One event of a streamed reply. A stream ends with `done`; a failure is thrown instead
 * (`HttpError` before the stream, `StreamError` during it, `TimeoutError` when it stalls).
 */
export type ReplyEvent =
  /** Backend-side ids, as soon as they are known: persist the conversation id at once. */
  | { type: 'meta'; providerConversationId?: string | undefined; providerMessageId?: string | undefined; taskId?: string | undefined; model?: string | undefined }
  /** Text to append to the answer. */
  | { type: 'text'; delta: string }
  /** The whole answer replaced (PulseAI output moderation). */
  | { type: 'replace'; text: string }
  | { type: 'sources'; sources: Source[] }
  | { type: 'tool-call'; toolCall: ToolCallRecord }
  /** Upsert by `thought.id`. */
  | { type: 'thought'; thought: AgentThought }
  | { type: 'file'; file: ReplyFile }
  | { type: 'usage'; usage: Usage }
  /** `stop`, `length`, `tool_calls`, `content_filter`, or `stopped` when stopped server-side. */
  | { type: 'done'; finishReason: string };

/** One turn to answer. */
export interface ChatRequest {
  /** The conversation so far, oldest first, ending with the user's new message. */
  messages: ReadonlyArray<{ role: 'system' | 'user' | 'assistant'; content: string }>;
  /** The backend's own id of this conversation from an earlier `meta` event (PulseAI). */
  providerConversationId?: string | undefined;
  signal: AbortSignal;
}

/** A conversation as a backend that stores conversations (PulseAI) lists it. */
export interface RemoteConversation {
  id: string;
  name: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

/** A message of a remote conversation's history, oldest first. */
export interface RemoteMessage {
  role: 'user' | 'assistant';
  content: string;
  /** The backend's id of the assistant message, for feedback and suggestions. */
  providerMessageId?: string | undefined;
  /** Epoch milliseconds. */
  createdAt: number;
  sources?: Source[] | undefined;
  feedback?: 'positive' | 'negative' | null | undefined;
  error?: string | undefined;
}

/** Conversations kept by the backend itself. */
export interface RemoteConversations {
  /** One page, newest first; pass the last id of a page as `after` for the next. */
  list(page?: { limit?: number | undefined; after?: string | undefined; signal?: AbortSignal | undefined }): Promise<{ conversations: RemoteConversation[]; hasMore: boolean }>;
  rename(id: string, name: string): Promise<void>;
  delete(id: string): Promise<void>;
  /** The whole history, oldest first (pages walked for you). */
  history(id: string): Promise<RemoteMessage[]>;
}

/** What a backend offers to greet an empty conversation. */
export interface Welcome {
  text?: string | undefined;
  starters: string[];
}

/** A chat backend. */
export interface ChatProvider {
  /** `openai`, `pulse`, or a custom name; logged as the conversation's `properties.provider`. */
  readonly name: string;
  /** Logged as `properties.model` when known. */
  readonly model?: string | undefined;
  /** Streams the reply to `request`. */
  stream(request: ChatRequest): AsyncIterable<ReplyEvent>;
  /** Stops a reply on the server (PulseAI `task_id`); the controller aborts the stream locally too. */
  stop?(taskId: string): Promise<void>;
  /** Sends a vote on an assistant message to the backend; `null` withdraws it. */
  feedback?(providerMessageId: string, rating: 'positive' | 'negative' | null, comment?: string): Promise<void>;
  /** Follow-up questions after an answer. */
  suggestions?(providerMessageId: string, signal?: AbortSignal): Promise<string[]>;
  /** Opening text and starter questions (PulseAI `/parameters`). */
  welcome?(signal?: AbortSignal): Promise<Welcome>;
  conversations?: RemoteConversations;
}
