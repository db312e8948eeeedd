import { describe, expect, it, vi } from 'vitest';
import { createAnalytics } from '../../../src/sdk/analytics/create-analytics';
import { createAnalyticsClient } from '../../../src/sdk/analytics/create-analytics-client';
import { createMemoryOutboxStore } from '../../../src/sdk/analytics/outbox-store';
import { ConfabError, HttpError, NetworkError, TimeoutError } from '../../../src/sdk/http/errors';
import { sampleConversation, storedConversation } from '../../fixtures/conversations';
import { createFakeClock } from '../../support/fake-clock';
import { accepted, createFakeFetch, hang, json, problem, type Answer } from '../../support/fake-fetch';
import { queuedEntries } from '../../support/outbox-entries';
import { createFakeLifecycle } from '../../support/fake-lifecycle';

const TIMEOUT_MS = 15_000;
const RETRY_DATE = 'Sat, 21 Nov 2026 12:02:00 GMT'; // 2 minutes after the fake clock's start

/** What the outbox does with the first of two queued operations when the server answers so. */
type OutboxOutcome =
  | { delivered: true }
  | { dead: true }
  /** Retried later; `pauses` when the rest of the queue waits too; `waitMs` when the server set it. */
  | { retry: true; pauses: boolean; waitMs?: number };

interface Row {
  n: number;
  name: string;
  answer: () => Answer;
  /** The direct client's result: a resolved conversation, or an error of this class and shape. */
  client: { resolves: true } | { error: new (...args: never[]) => ConfabError; code: string; status?: number; retryAfterMs?: number };
  outbox: OutboxOutcome;
  /** How far to move the clock once the request is out. */
  advanceMs?: number;
}

const conversation = sampleConversation('conv_t');

const rows: Row[] = [
  { n: 1, name: '200', answer: () => json(200, storedConversation(conversation)), client: { resolves: true }, outbox: { delivered: true } },
  { n: 2, name: '400', answer: () => problem(400, 'bad_request', 'Bad Request', 'Malformed JSON'), client: { error: HttpError, code: 'bad_request', status: 400 }, outbox: { dead: true } },
  { n: 3, name: '401', answer: () => problem(401, 'unauthorized', 'Unauthorized', 'Unknown key'), client: { error: HttpError, code: 'unauthorized', status: 401 }, outbox: { dead: true } },
  { n: 4, name: '403', answer: () => problem(403, 'forbidden', 'Forbidden', 'Web key on an API route'), client: { error: HttpError, code: 'forbidden', status: 403 }, outbox: { dead: true } },
  { n: 5, name: '404', answer: () => problem(404, 'not_found', 'Not Found', 'Conversation not found'), client: { error: HttpError, code: 'not_found', status: 404 }, outbox: { dead: true } },
  { n: 6, name: '408', answer: () => problem(408, 'request_timeout', 'Request Timeout', 'Too slow'), client: { error: HttpError, code: 'request_timeout', status: 408 }, outbox: { retry: true, pauses: false } },
  { n: 7, name: '413', answer: () => problem(413, 'payload_too_large', 'Payload Too Large', 'Over 2 MB'), client: { error: HttpError, code: 'payload_too_large', status: 413 }, outbox: { dead: true } },
  { n: 8, name: '422', answer: () => problem(422, 'unprocessable_entity', 'Unprocessable Entity', 'messages: required'), client: { error: HttpError, code: 'unprocessable_entity', status: 422 }, outbox: { dead: true } },
  { n: 9, name: '429 without Retry-After', answer: () => json(429, {}), client: { error: HttpError, code: 'too_many_requests', status: 429 }, outbox: { retry: true, pauses: true } },
  {
    n: 10,
    name: '429 with Retry-After: 30 (seconds)',
    answer: () => json(429, {}, { 'Retry-After': '30' }),
    client: { error: HttpError, code: 'too_many_requests', status: 429, retryAfterMs: 30_000 },
    outbox: { retry: true, pauses: true, waitMs: 30_000 },
  },
  {
    n: 11,
    name: '429 with Retry-After as an HTTP date',
    answer: () => json(429, {}, { 'Retry-After': RETRY_DATE }),
    client: { error: HttpError, code: 'too_many_requests', status: 429, retryAfterMs: 120_000 },
    outbox: { retry: true, pauses: true, waitMs: 120_000 },
  },
  {
    n: 12,
    name: '429 with Retry-After: 3600 is capped at 10 minutes',
    answer: () => json(429, {}, { 'Retry-After': '3600' }),
    client: { error: HttpError, code: 'too_many_requests', status: 429, retryAfterMs: 3_600_000 },
    outbox: { retry: true, pauses: true, waitMs: 600_000 },
  },
  { n: 13, name: '500', answer: () => problem(500, 'internal_server_error', 'Internal Server Error', 'Boom'), client: { error: HttpError, code: 'internal_server_error', status: 500 }, outbox: { retry: true, pauses: false } },
  {
    n: 14,
    name: '502 with an HTML body',
    answer: () => new Response('<html><body>Bad gateway</body></html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }),
    client: { error: HttpError, code: 'bad_gateway', status: 502 },
    outbox: { retry: true, pauses: false },
  },
  { n: 15, name: '503 with Retry-After: 5', answer: () => json(503, {}, { 'Retry-After': '5' }), client: { error: HttpError, code: 'service_unavailable', status: 503, retryAfterMs: 5_000 }, outbox: { retry: true, pauses: false, waitMs: 5_000 } },
  { n: 16, name: 'network error', answer: () => new TypeError('fetch failed'), client: { error: NetworkError, code: 'network_error' }, outbox: { retry: true, pauses: true } },
  { n: 17, name: 'timeout', answer: () => hang, client: { error: TimeoutError, code: 'timeout' }, outbox: { retry: true, pauses: false }, advanceMs: TIMEOUT_MS },
];

/** Calls `start`, then once the request is out moves the clock by `advanceMs` (past the timeout, for row 17). */
async function settle<T>(clock: ReturnType<typeof createFakeClock>, requests: unknown[], advanceMs: number, start: () => Promise<T>): Promise<T> {
  const running = start();
  running.catch(() => undefined); // observed below; this only keeps it from counting as unhandled meanwhile
  await vi.waitFor(() => expect(requests.length).toBeGreaterThanOrEqual(1), { interval: 1 });
  clock.advance(advanceMs);
  return running;
}

describe('status table: the direct client', () => {
  it.each(rows)('row $n: $name', async (row) => {
    const clock = createFakeClock();
    const fake = createFakeFetch([row.answer()]);
    const client = createAnalyticsClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch, clock, timeoutMs: TIMEOUT_MS });
    const result = await settle(clock, fake.requests, row.advanceMs ?? 0, () => client.logConversation(conversation)).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if ('resolves' in row.client) {
      expect(result).toEqual({ value: storedConversation(conversation) });
      return;
    }
    expect('error' in result).toBe(true);
    const error = (result as { error: ConfabError }).error;
    expect(error).toBeInstanceOf(row.client.error);
    expect(error.code).toBe(row.client.code);
    if (error instanceof HttpError) {
      expect(error.status).toBe(row.client.status);
      expect(error.retryAfterMs).toBe(row.client.retryAfterMs);
      if (error.status !== 429 && error.status !== 503 && error.status !== 502) {
        expect(error.requestId).toBe('req_1');
        expect(error.detail.length).toBeGreaterThan(0);
      }
    }
    expect(fake.requests).toHaveLength(1);
  });
});

describe('status table: the outbox', () => {
  it.each(rows)('row $n: $name', async (row) => {
    const clock = createFakeClock();
    const store = createMemoryOutboxStore();
    const fake = createFakeFetch([row.answer()], accepted);
    const onError = vi.fn();
    const analytics = createAnalytics({
      baseUrl: 'http://api.test',
      apiKey: 'k',
      fetch: fake.fetch,
      clock,
      store,
      lifecycle: createFakeLifecycle(),
      autoFlush: false,
      random: () => 0.5,
      onError,
      timeoutMs: TIMEOUT_MS,
    });
    await analytics.logConversation(conversation);
    // Another conversation's event: a failure that does not pause the queue leaves it free to go.
    await analytics.logEvent({ type: 'chat_opened', entityType: 'conversation', conversationId: 'conv_other', id: 'evt_1' });

    const startedAt = clock.now();
    const report = await settle(clock, fake.requests, row.advanceMs ?? 0, () => analytics.flush());
    const [first] = (await queuedEntries(store)).filter((entry) => entry.key === 'conversation:conv_t');

    if ('delivered' in row.outbox) {
      expect(report.delivered.map((item) => item.key)).toEqual(['conversation:conv_t', 'event:evt_1']);
      expect(report.pending).toEqual([]);
      expect(onError).not.toHaveBeenCalled();
    } else if ('dead' in row.outbox) {
      expect(report.deadLettered).toMatchObject([{ key: 'conversation:conv_t', kind: 'logConversation', lastError: { status: expect.any(Number) } }]);
      expect(report.delivered.map((item) => item.key)).toEqual(['event:evt_1']);
      expect(onError).toHaveBeenCalledWith(expect.any(HttpError), { item: expect.objectContaining({ key: 'conversation:conv_t' }) });
    } else {
      expect(report.pending.map((item) => item.key)).toEqual(['conversation:conv_t', ...(row.outbox.pauses ? ['event:evt_1'] : [])]);
      expect(fake.requests).toHaveLength(row.outbox.pauses ? 1 : 2);
      expect(first?.attempts).toBe(1);
      // random() = 0.5 and attempt 0: half of the 1 s first ceiling, unless the server said how long.
      const waitMs = row.outbox.waitMs ?? 500;
      expect(first!.notBefore - startedAt).toBeGreaterThanOrEqual(waitMs);
      expect(first!.notBefore - startedAt).toBeLessThanOrEqual(waitMs + TIMEOUT_MS);
      expect(onError).not.toHaveBeenCalled();
      if (row.outbox.waitMs !== undefined) {
        // An explicit flush skips backoff but honours what the server asked for.
        await analytics.flush();
        expect(fake.requests.filter((request) => request.path === '/conversations')).toHaveLength(1);
      }
    }
    await analytics.close();
  });

  it('18. a DELETE answered 404 counts as delivered: the conversation is gone either way', async () => {
    const fake = createFakeFetch([problem(404, 'not_found', 'Not Found', 'Conversation not found')]);
    const onError = vi.fn();
    const analytics = createAnalytics({ baseUrl: 'http://api.test', apiKey: 'k', fetch: fake.fetch, store: createMemoryOutboxStore(), lifecycle: createFakeLifecycle(), autoFlush: false, onError });
    await analytics.deleteConversation('conv_gone');
    const report = await analytics.flush();
    expect(report.delivered).toMatchObject([{ key: 'conversation:conv_gone', kind: 'deleteConversation' }]);
    expect(report.deadLettered).toEqual([]);
    expect(onError).not.toHaveBeenCalled();
    expect(fake.requests[0]).toMatchObject({ method: 'DELETE', path: '/conversations/conv_gone' });
  });
});
