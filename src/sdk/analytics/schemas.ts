import * as z from 'zod/mini';

/*
 * Every body of contracts/analytics.md as a zod/mini schema. Request schemas follow the
 * contract's required/optional columns exactly; response schemas are loose objects so a
 * server that adds fields does not break old clients.
 */

const nullish = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));
/** ISO-8601 with a timezone: the API rejects local times. */
const dateTime = z.iso.datetime({ offset: true });
const openObject = z.record(z.string(), z.unknown());

export const ContentItemSchema = z.object({
  type: z.enum(['text', 'image_url']),
  text: nullish(z.string()),
  image_url: nullish(z.object({ url: z.string(), detail: z.optional(z.enum(['auto', 'low', 'high'])) })),
});

export const LinkSchema = z.object({
  url: z.string(),
  label: nullish(z.string()),
  title: nullish(z.string()),
  description: nullish(z.string()),
  breadcrumbs: nullish(z.array(z.string())),
  /** An open enum: `documentation`, `site`, `github_issue`, … or any string. */
  type: nullish(z.string()),
});

export const ToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

const stringOrNumber = z.union([z.string(), z.number()]);

/**
 * Open: extra keys are kept. `identificationType` is `ID_PROVIDED`, `COOKIED` or `ANONYMOUS` in
 * practice. Every known key may be `null`, and `userId` a number, as in the official model.
 */
export const UserPropertiesSchema = z.looseObject({
  id: nullish(stringOrNumber),
  identificationType: nullish(z.string()),
  userId: nullish(stringOrNumber),
  supportAgentName: nullish(z.string()),
  supportAgentEmail: nullish(z.string()),
  userType: nullish(z.string()),
});

const messageCommon = {
  id: z.optional(z.string()),
  name: nullish(z.string()),
  externalId: nullish(z.string()),
  externalUrl: nullish(z.string()),
  createdAt: nullish(dateTime),
  updatedAt: nullish(dateTime),
  links: nullish(z.array(LinkSchema)),
  properties: nullish(openObject),
  userProperties: nullish(UserPropertiesSchema),
};

/** A message of an `openai` conversation. `tool_calls` is snake_case on the wire. */
export const MessageSchema = z.object({
  ...messageCommon,
  role: z.enum(['system', 'user', 'assistant']),
  content: z.union([z.string(), z.array(ContentItemSchema)]),
  tool_calls: nullish(z.array(ToolCallSchema)),
});

/** A message of a `support_ticket` / `support_copilot` conversation. */
export const SupportMessageSchema = z.object({
  ...messageCommon,
  role: z.string(),
  content: nullish(z.string()),
});

const conversationCommon = {
  id: z.optional(z.string().check(z.minLength(1))),
  externalId: nullish(z.string()),
  externalUrl: nullish(z.string()),
  supportTicketConversationId: nullish(z.string()),
  createdAt: nullish(dateTime),
  updatedAt: nullish(dateTime),
  projectId: nullish(z.string()),
  integrationId: nullish(z.string()),
  properties: nullish(openObject),
  userProperties: nullish(UserPropertiesSchema),
  tags: nullish(z.array(z.string())),
  visibility: nullish(z.enum(['private', 'public'])),
};

/** `POST /conversations` body: an upsert keyed on `id` carrying the full message list. */
export const CreateConversationSchema = z.discriminatedUnion('type', [
  z.object({ ...conversationCommon, type: z.literal('openai'), messages: z.array(MessageSchema).check(z.minLength(1)) }),
  z.object({
    ...conversationCommon,
    type: z.enum(['support_ticket', 'support_copilot']),
    messages: z.array(SupportMessageSchema).check(z.minLength(1)),
  }),
]);

/** A stored message as the API returns it. */
export const MessageSelectSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  externalId: z.nullable(z.string()),
  externalUrl: z.nullable(z.string()),
  conversationId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  role: z.string(),
  content: z.unknown(),
  name: nullish(z.string()),
  links: nullish(z.array(LinkSchema)),
  properties: nullish(openObject),
  userProperties: nullish(UserPropertiesSchema),
  tool_calls: nullish(z.array(ToolCallSchema)),
});

/** A stored conversation as the API returns it. */
export const ConversationSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  externalId: z.nullable(z.string()),
  externalUrl: z.nullable(z.string()),
  supportTicketConversationId: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  projectId: z.nullable(z.string()),
  integrationId: z.nullable(z.string()),
  visibility: z.nullable(z.string()),
  messages: z.array(MessageSelectSchema),
  properties: nullish(openObject),
  userProperties: nullish(UserPropertiesSchema),
  tags: nullish(z.array(z.string())),
});

export const ConversationListSchema = z.looseObject({
  conversations: z.array(ConversationSchema),
  total: z.number(),
  pageSize: z.number(),
  count: z.number(),
});

export const DeleteResultSchema = z.looseObject({ success: z.boolean(), message: z.string() });

const feedbackCommon = {
  type: z.enum(['positive', 'negative']),
  messageId: z.string(),
  reasons: nullish(z.array(z.object({ label: z.string(), details: z.string() }))),
  details: nullish(z.string()),
  properties: nullish(openObject),
  userProperties: nullish(UserPropertiesSchema),
  sources: nullish(z.array(z.object({ type: z.string(), title: nullish(z.string()), url: nullish(z.string()) }))),
};

/** `POST /feedback` body. With an `id`, the server updates that feedback (a changed vote). */
export const FeedbackCreateSchema = z.object({
  ...feedbackCommon,
  id: z.optional(z.string().check(z.minLength(1))),
  createdAt: nullish(dateTime),
  updatedAt: nullish(dateTime),
});

/** A stored feedback. The official response has no `updatedAt` (the contract lists it): it may be missing. */
export const FeedbackSchema = z.looseObject({ ...feedbackCommon, id: z.string(), createdAt: z.string(), updatedAt: nullish(z.string()) });

export const FeedbackWithContextSchema = z.looseObject({
  ...FeedbackSchema.def.shape,
  conversation: ConversationSchema,
  message: MessageSelectSchema,
});

export const FeedbackListSchema = z.looseObject({
  positiveFeedbackCount: z.number(),
  negativeFeedbackCount: z.number(),
  positiveFeedback: z.array(FeedbackWithContextSchema),
  negativeFeedback: z.array(FeedbackWithContextSchema),
});

const eventCommon = {
  id: z.optional(z.string().check(z.minLength(1))),
  type: z.string(),
  createdAt: nullish(dateTime),
  projectId: nullish(z.string()),
  integrationId: nullish(z.string()),
  properties: nullish(openObject),
  userProperties: nullish(UserPropertiesSchema),
};

/** `POST /events` body, discriminated by `entityType`; the matching id field is required. */
export const InsertEventSchema = z.discriminatedUnion('entityType', [
  z.object({ ...eventCommon, entityType: z.literal('message'), messageId: z.string() }),
  z.object({ ...eventCommon, entityType: z.literal('conversation'), conversationId: z.string() }),
  z.object({ ...eventCommon, entityType: z.literal('search'), searchQuery: z.string() }),
]);

export const SelectEventSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  entityType: z.enum(['message', 'conversation', 'search']),
  createdAt: z.string(),
  projectId: z.nullable(z.string()),
  integrationId: z.nullable(z.string()),
  messageId: z.optional(z.string()),
  conversationId: z.optional(z.string()),
  searchQuery: z.optional(z.string()),
  properties: nullish(openObject),
  userProperties: nullish(UserPropertiesSchema),
});

/** `application/problem+json`, every error body of the API (contracts/analytics.md §1). */
export const ProblemSchema = z.looseObject({
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  instance: z.optional(z.string()),
  requestId: z.optional(z.string()),
  code: z.string(),
  error: z.object({ code: z.string(), message: z.string() }),
});

export type Problem = z.infer<typeof ProblemSchema>;
export type ContentItem = z.infer<typeof ContentItemSchema>;
export type Link = z.infer<typeof LinkSchema>;
export type ToolCall = z.infer<typeof ToolCallSchema>;
export type UserProperties = z.infer<typeof UserPropertiesSchema>;
export type Message = z.infer<typeof MessageSchema>;
export type SupportMessage = z.infer<typeof SupportMessageSchema>;
/** A conversation to log (`POST /conversations`): `type`, the FULL `messages` list, and optionally the `id` to upsert, `userProperties`, `properties`, `tags`. */
export type CreateConversation = z.infer<typeof CreateConversationSchema>;
export type MessageSelect = z.infer<typeof MessageSelectSchema>;
/** A conversation as the analytics API stores and returns it, its messages normalised by the server. */
export type Conversation = z.infer<typeof ConversationSchema>;
/** A page of `GET /conversations`: `conversations`, `total`, `pageSize`, `count`. */
export type ConversationList = z.infer<typeof ConversationListSchema>;
/** The answer to `DELETE /conversations/{id}`: `{ success, message }`. */
export type DeleteResult = z.infer<typeof DeleteResultSchema>;
/** A vote to log (`POST /feedback`): `type` (`positive` | `negative`), `messageId`, optional `reasons` and `details`; with an `id`, it updates that feedback. */
export type FeedbackCreate = z.infer<typeof FeedbackCreateSchema>;
/** Feedback as the analytics API stores and returns it. */
export type Feedback = z.infer<typeof FeedbackSchema>;
export type FeedbackWithContext = z.infer<typeof FeedbackWithContextSchema>;
export type FeedbackList = z.infer<typeof FeedbackListSchema>;
/** An event to log (`POST /events`): a free-form `type`, and `entityType` with its matching `messageId`, `conversationId` or `searchQuery`. */
export type InsertEvent = z.infer<typeof InsertEventSchema>;
/** An event as the analytics API stores and returns it. */
export type SelectEvent = z.infer<typeof SelectEventSchema>;
