/**
 * What the analytics server stores, in the response shapes of contracts/analytics.md, and
 * the conversion from a validated request to a stored record.
 */
import type {
  ContentItem,
  CreateConversation,
  FeedbackCreate,
  InsertEvent,
  Link,
  ToolCall,
  UserProperties,
} from './schemas';

/** The conversation types of the contract. */
export type ConversationType = CreateConversation['type'];

/** MessageSelect: the always-present keys, plus the optional ones when the client sent them. */
export interface MessageRecord {
  id: string;
  type: ConversationType;
  externalId: string | null;
  externalUrl: string | null;
  conversationId: string;
  createdAt: string;
  updatedAt: string;
  role: string;
  content: string | ContentItem[] | null;
  name?: string | null;
  links?: Link[] | null;
  properties?: Record<string, unknown> | null;
  userProperties?: UserProperties | null;
  tool_calls?: ToolCall[] | null;
}

/** A stored conversation: the Conversation response without the derived `messagesOpenAIFormat`. */
export interface ConversationRecord {
  id: string;
  externalId: string | null;
  externalUrl: string | null;
  type: ConversationType;
  supportTicketConversationId: string | null;
  createdAt: string;
  updatedAt: string;
  projectId: string | null;
  integrationId: string | null;
  visibility: 'private' | 'public' | null;
  messages: MessageRecord[];
  properties?: Record<string, unknown> | null;
  userProperties?: UserProperties | null;
  tags?: string[] | null;
}

/** One entry of `messagesOpenAIFormat`. */
export interface OpenAIFormatMessage {
  role: string;
  name?: string;
  content: string | ContentItem[] | null;
  tool_calls?: ToolCall[];
}

/** The Conversation response. */
export type ConversationResponse = ConversationRecord & { messagesOpenAIFormat?: OpenAIFormatMessage[] };

/** A stored feedback: FeedbackCreate with `id`, `createdAt` and `updatedAt` filled in. */
export type FeedbackRecord = Omit<FeedbackCreate, 'id' | 'createdAt' | 'updatedAt'> & {
  id: string;
  createdAt: string;
  updatedAt: string;
};

/** Omit applied to each member of a union, so discriminated variants keep their own keys. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A stored event: SelectEvent. */
export type EventRecord = DistributiveOmit<InsertEvent, 'id' | 'createdAt' | 'projectId' | 'integrationId'> & {
  id: string;
  createdAt: string;
  projectId: string | null;
  integrationId: string | null;
};

/** A conversation deleted through the API, kept for the inspector. */
export interface DeletedRecord {
  id: string;
  deletedAt: string;
}

/** Normalises an input timestamp to UTC `toISOString()` form; null/absent stays undefined. */
export function normalizeTime(value: string | null | undefined): string | undefined {
  return value == null ? undefined : new Date(value).toISOString();
}

/**
 * Copies the keys of `source` that are present (null included) and not undefined: zod's
 * output types allow `key: undefined`, which exactOptionalPropertyTypes (and JSON) do not.
 */
export function definedOnly<T extends object>(source: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined) out[k] = v;
  // The loop keeps exactly the keys whose value is not undefined, which is the mapped type.
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}

/** Adds `messagesOpenAIFormat` to openai conversations, as the contract's response has. */
export function toConversationResponse(record: ConversationRecord): ConversationResponse {
  if (record.type !== 'openai') return record;
  const messagesOpenAIFormat = record.messages.map((m): OpenAIFormatMessage => {
    const out: OpenAIFormatMessage = { role: m.role, content: m.content };
    if (m.name != null) out.name = m.name;
    if (m.tool_calls != null) out.tool_calls = m.tool_calls;
    return out;
  });
  return { ...record, messagesOpenAIFormat };
}
