import type { HttpRequest } from '../http/create-http';

/*
 * The analytics API's write requests, built in one place for the direct client and for the
 * outbox, which stores them as they will be sent. Bodies come as JSON text: the outbox has
 * already serialised them to measure their size.
 */

export { DEFAULT_ANALYTICS_BASE_URL } from './default-base-url';

/**
 * The API's limit on every request body (contracts/analytics.md §1): "2 MB", read as
 * 2,000,000 bytes, the stricter of its two readings, so no server refuses what fits here.
 */
export const MAX_BODY_BYTES = 2_000_000;

export type WriteRequest = Required<Pick<HttpRequest, 'method' | 'path'>> & { body?: string };

export const logConversationRequest = (json: string): WriteRequest => ({ method: 'POST', path: '/conversations', body: json });

export const deleteConversationRequest = (id: string): WriteRequest => ({
  method: 'DELETE',
  path: `/conversations/${encodeURIComponent(id)}`,
});

/**
 * `POST /feedback`. The reader's free text goes where the official model keeps it: the
 * contract's top-level `details` is not in `LogFeedbackRequestBody` (@inkeep/inkeep-analytics),
 * so a server that follows the model would drop it; there every reason carries `details`, and
 * the text becomes the reason `{ label: 'details', details }`, after the chosen labels.
 */
export function logFeedbackRequest(json: string): WriteRequest {
  const { details, ...feedback } = JSON.parse(json) as { details?: string | null; reasons?: unknown[] | null };
  const body = details ? JSON.stringify({ ...feedback, reasons: [...(feedback.reasons ?? []), { label: 'details', details }] }) : details === undefined ? json : JSON.stringify(feedback);
  return { method: 'POST', path: '/feedback', body };
}

export const logEventRequest = (json: string): WriteRequest => ({ method: 'POST', path: '/events', body: json });
