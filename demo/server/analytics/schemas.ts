/**
 * Request schemas of the Conversation Analytics API, written from
 * contracts/analytics.md sections 3–5. Objects strip unknown keys (zod's default, as the
 * real service does); `properties` and `userProperties` are open and keep every key.
 */
import { z } from 'zod';

/** ISO-8601 date-time with a timezone (`Z` or `±hh:mm`), as the contract requires. */
const dateTime = z.iso.datetime({ offset: true });

/**
 * Ids that become storage keys must not be empty: an empty id would be stored under ''
 * and collide across clients. The contract only states min length for event ids.
 */
const key = z.string().min(1);

const nullableString = z.string().nullish();

/** Free-form object; every key kept. */
export const propertiesSchema = z.record(z.string(), z.unknown());

/**
 * UserProperties: known keys typed, any other key kept. `userId` takes a number as `id` does:
 * the contract types only `id`, and the official model (`@inkeep/inkeep-analytics`) has both
 * as `string | number`.
 */
export const userPropertiesSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  identificationType: nullableString,
  userId: z.union([z.string(), z.number()]).nullish(),
  supportAgentName: nullableString,
  supportAgentEmail: nullableString,
  userType: nullableString,
});

/** An OpenAI content part: text or an image. */
export const contentItemSchema = z.object({
  type: z.enum(['text', 'image_url']),
  text: nullableString,
  image_url: z.object({ url: z.string(), detail: z.enum(['auto', 'low', 'high']).optional() }).nullish(),
});

/** A source or citation of an answer; `type` is an open enum, so any string. */
export const linkSchema = z.object({
  url: z.string(),
  label: nullableString,
  title: nullableString,
  description: nullableString,
  type: nullableString,
  breadcrumbs: z.array(z.string()).nullish(),
});

/** An OpenAI tool call; snake_case `tool_calls` on the message that holds it. */
export const toolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

/** Fields every message variant shares. */
const messageBase = {
  id: key.optional(),
  name: nullableString,
  externalId: nullableString,
  externalUrl: nullableString,
  createdAt: dateTime.nullish(),
  updatedAt: dateTime.nullish(),
  links: z.array(linkSchema).nullish(),
  properties: propertiesSchema.nullish(),
  userProperties: userPropertiesSchema.nullish(),
};

/** A message of an `openai` conversation: no `tool` role, content may be parts. */
export const openaiMessageSchema = z.object({
  ...messageBase,
  role: z.enum(['system', 'user', 'assistant']),
  content: z.union([z.string(), z.array(contentItemSchema)]),
  tool_calls: z.array(toolCallSchema).nullish(),
});

/** A message of a support ticket or copilot conversation: any role, text content only. */
export const supportMessageSchema = z.object({
  ...messageBase,
  role: z.string(),
  content: nullableString,
});

/** Fields every conversation variant shares. */
const conversationBase = {
  id: key.optional(),
  externalId: nullableString,
  externalUrl: nullableString,
  supportTicketConversationId: nullableString,
  createdAt: dateTime.nullish(),
  updatedAt: dateTime.nullish(),
  projectId: nullableString,
  integrationId: nullableString,
  properties: propertiesSchema.nullish(),
  userProperties: userPropertiesSchema.nullish(),
  tags: z.array(z.string()).nullish(),
  visibility: z.enum(['private', 'public']).nullish(),
};

/**
 * `POST /conversations` body. "At least one message" is enforced, though the
 * official SDK does not: a client that passes here passes the stricter reading too.
 */
export const createConversationSchema = z.discriminatedUnion('type', [
  z.object({ ...conversationBase, type: z.literal('openai'), messages: z.array(openaiMessageSchema).min(1) }),
  z.object({ ...conversationBase, type: z.literal('support_ticket'), messages: z.array(supportMessageSchema).min(1) }),
  z.object({ ...conversationBase, type: z.literal('support_copilot'), messages: z.array(supportMessageSchema).min(1) }),
]);

/** `POST /feedback` body: an upsert keyed on `id`. */
export const feedbackCreateSchema = z.object({
  id: key.optional(),
  type: z.enum(['positive', 'negative']),
  messageId: key,
  createdAt: dateTime.nullish(),
  updatedAt: dateTime.nullish(),
  reasons: z.array(z.object({ label: z.string(), details: z.string() })).nullish(),
  details: nullableString,
  properties: propertiesSchema.nullish(),
  userProperties: userPropertiesSchema.nullish(),
  sources: z.array(z.object({ type: z.string(), title: nullableString, url: nullableString })).nullish(),
});

/** Fields every event variant shares. */
const eventBase = {
  id: key.optional(),
  type: z.string(),
  createdAt: dateTime.nullish(),
  projectId: nullableString,
  integrationId: nullableString,
  properties: propertiesSchema.nullish(),
  userProperties: userPropertiesSchema.nullish(),
};

/** `POST /events` body: the entity named by `entityType` must be given. */
export const insertEventSchema = z.discriminatedUnion('entityType', [
  z.object({ ...eventBase, entityType: z.literal('message'), messageId: z.string() }),
  z.object({ ...eventBase, entityType: z.literal('conversation'), conversationId: z.string() }),
  z.object({ ...eventBase, entityType: z.literal('search'), searchQuery: z.string() }),
]);

export type CreateConversation = z.output<typeof createConversationSchema>;
export type OpenAIMessageInput = z.output<typeof openaiMessageSchema>;
export type SupportMessageInput = z.output<typeof supportMessageSchema>;
export type ContentItem = z.output<typeof contentItemSchema>;
export type Link = z.output<typeof linkSchema>;
export type ToolCall = z.output<typeof toolCallSchema>;
export type UserProperties = z.output<typeof userPropertiesSchema>;
export type FeedbackCreate = z.output<typeof feedbackCreateSchema>;
export type InsertEvent = z.output<typeof insertEventSchema>;
