import type { SeenRequest } from './fake-fetch';

/** One write the fake server committed, in commit order. */
export interface CommittedWrite {
  method: string;
  path: string;
  /** The conversation id (upsert, delete) or the feedback/event id. */
  id: string;
  /** `properties.version` of an upserted conversation, when the test put one there. */
  version?: number | undefined;
  /** How many messages an upserted conversation carried. */
  messages?: number | undefined;
}

/** What a request's fate is, decided per request by the test (`plan`). */
export type Fate =
  /** Commit and answer 2xx (the default). */
  | { kind: 'ok' }
  /** Wait for `until`, then commit and answer 2xx (a slow server). */
  | { kind: 'slow'; until: Promise<void> }
  /** Answer with this status without committing. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** The connection breaks before the request reaches the server: nothing is committed. */
  | { kind: 'reset-before' }
  /** The server commits, then the connection breaks: the client sees a network error. */
  | { kind: 'reset-after' }
  /**
   * The server holds the request until the client gives up, answers nothing, and commits it
   * when `land()` is called — possibly after newer versions were delivered.
   */
  | { kind: 'late'; land: Promise<void> };

/**
 * An analytics API as contracts/analytics.md describes it, in memory, for the fetch seam:
 * `POST /conversations` replaces the stored conversation (last writer wins, as the real one),
 * `DELETE /conversations/{id}` removes it with the feedback on its messages (404 when absent),
 * `POST /feedback` and `POST /events` upsert by id. Every commit is logged in order, so a test
 * can count what arrived out of order.
 */
export function createFakeAnalyticsServer(plan: (request: SeenRequest) => Fate = () => ({ kind: 'ok' })) {
  const conversations = new Map<string, { version: number | undefined; messageIds: string[]; body: Record<string, unknown> }>();
  const feedback = new Map<string, { messageId: string; body: Record<string, unknown> }>();
  const events = new Map<string, Record<string, unknown>>();
  const log: CommittedWrite[] = [];

  function commit(request: SeenRequest): Response {
    const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
    if (request.method === 'POST' && request.path === '/conversations') {
      const id = String(body['id']);
      const messages = body['messages'] as Array<{ id: string }>;
      const version = (body['properties'] as { version?: number } | undefined)?.version;
      conversations.set(id, { version, messageIds: messages.map((message) => message.id), body });
      log.push({ method: 'POST', path: request.path, id, version, messages: messages.length });
      return Response.json(body);
    }
    if (request.method === 'DELETE' && request.path.startsWith('/conversations/')) {
      const id = decodeURIComponent(request.path.slice('/conversations/'.length));
      const stored = conversations.get(id);
      log.push({ method: 'DELETE', path: request.path, id });
      if (!stored) {
        return Response.json({ title: 'Not Found', status: 404, detail: `Conversation ${id} not found`, code: 'not_found', error: { code: 'not_found', message: 'x' } }, { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
      }
      conversations.delete(id);
      for (const [feedbackId, item] of feedback) if (stored.messageIds.includes(item.messageId)) feedback.delete(feedbackId);
      return Response.json({ success: true, message: `Conversation ${id} deleted` });
    }
    if (request.method === 'POST' && request.path === '/feedback') {
      const id = String(body['id']);
      feedback.set(id, { messageId: String(body['messageId']), body });
      log.push({ method: 'POST', path: request.path, id });
      return Response.json({ ...body, createdAt: '2026-11-21T12:00:00.000Z', updatedAt: '2026-11-21T12:00:00.000Z' });
    }
    if (request.method === 'POST' && request.path === '/events') {
      const id = String(body['id']);
      events.set(id, body);
      log.push({ method: 'POST', path: request.path, id });
      return Response.json({ ...body, createdAt: '2026-11-21T12:00:00.000Z', projectId: null, integrationId: null });
    }
    return new Response('not found', { status: 404 });
  }

  async function handle(request: SeenRequest, signal: AbortSignal | undefined): Promise<Response | Error> {
    const fate = plan(request);
    switch (fate.kind) {
      case 'ok':
        return commit(request);
      case 'slow':
        await fate.until;
        return commit(request);
      case 'status':
        return Response.json(
          { title: 'Failed', status: fate.status, detail: 'injected', code: 'injected', error: { code: 'injected', message: 'injected' } },
          { status: fate.status, headers: { 'Content-Type': 'application/problem+json', ...(fate.retryAfter && { 'Retry-After': fate.retryAfter }) } },
        );
      case 'reset-before':
        return new TypeError('Failed to fetch (reset before the server read it)');
      case 'reset-after':
        commit(request);
        return new TypeError('Failed to fetch (reset after the server committed)');
      case 'late': {
        void fate.land.then(() => commit(request));
        // The client sees nothing until it gives up.
        return new Promise<Error>((resolve) => signal?.addEventListener('abort', () => resolve(new DOMException('The operation was aborted.', 'AbortError'))));
      }
    }
  }

  return { handle, conversations, feedback, events, log };
}

/** A promise and the function that settles it. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}
