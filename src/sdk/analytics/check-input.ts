import { validate } from '../validate';
import { CreateConversationSchema, FeedbackCreateSchema, InsertEventSchema, type CreateConversation, type FeedbackCreate, type InsertEvent } from './schemas';

/*
 * Development-time checks of what callers hand the outbox, loaded only when `DEV` is true so
 * production bundles never download zod for logging. Each throws a `ValidationError` that
 * names every wrong field.
 */

export const checkConversation = (value: CreateConversation) =>
  validate(CreateConversationSchema, value, 'invalid_input', 'The conversation');

export const checkFeedback = (value: FeedbackCreate) => validate(FeedbackCreateSchema, value, 'invalid_input', 'The feedback');

export const checkEvent = (value: InsertEvent) => validate(InsertEventSchema, value, 'invalid_input', 'The event');
