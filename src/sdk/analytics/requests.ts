import type { HttpRequest } from '../http/create-http';
import type { CreateConversation, FeedbackCreate, InsertEvent } from './schemas';

/*
 * The analytics API's write requests, built in one place for the direct client and for the
 * outbox, which stores them as they will be sent.
 */

/** The analytics API's default host (contracts/analytics.md §7.1: Inkeep's widget uses `https://api.io.inkeep.com`). */
export const DEFAULT_ANALYTICS_BASE_URL = 'https://api.analytics.inkeep.com';

/** The API's limit on every request body (contracts/analytics.md §1): 2 MB, counted as 2 MiB. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export type WriteRequest = Required<Pick<HttpRequest, 'method' | 'path'>> & { body?: string };

export const logConversationRequest = (body: CreateConversation): WriteRequest => ({
  method: 'POST',
  path: '/conversations',
  body: JSON.stringify(body),
});

export const deleteConversationRequest = (id: string): WriteRequest => ({
  method: 'DELETE',
  path: `/conversations/${encodeURIComponent(id)}`,
});

export const logFeedbackRequest = (body: FeedbackCreate): WriteRequest => ({
  method: 'POST',
  path: '/feedback',
  body: JSON.stringify(body),
});

export const logEventRequest = (body: InsertEvent): WriteRequest => ({
  method: 'POST',
  path: '/events',
  body: JSON.stringify(body),
});
