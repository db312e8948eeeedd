/**
 * Helpers of the PulseAI reference-server tests: a server per test file on 127.0.0.1,
 * JSON calls, and an SSE reader that keeps the raw bytes so tests can assert the exact
 * framing (contract §5.1) instead of trusting a library's parser.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createPulseServer, type PulseServer, type PulseServerOptions } from '../../../../demo/server/pulse/create-pulse-server';

/** The server's default app key. */
export const KEY = 'app-confab-demo';
/** The end user of most tests. */
export const USER = 'visitor-1';
/** A lower-case, hyphenated UUID (§1). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** 2026-01-01T00:00:00Z, the clock of every test server. */
export const NOW_SECONDS = 1767225600;

/** A server listening on a free port. */
export interface Harness {
  /** `http://127.0.0.1:PORT/api/pulse/v1` */
  base: string;
  origin: string;
  pulse: PulseServer;
  close(): Promise<void>;
}

/** Starts `createPulseServer(options)` in its own http.Server. */
export async function startPulse(options: PulseServerOptions = {}): Promise<Harness> {
  const pulse = createPulseServer({ tokenDelayMs: 2, now: () => new Date(NOW_SECONDS * 1000), ...options });
  const server: Server = createServer((req, res) => void pulse.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base: `${origin}${pulse.basePath}`,
    origin,
    pulse,
    async close() {
      await pulse.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One server for the test file, reset before each test. */
export function usePulse(options: PulseServerOptions = {}): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startPulse(options);
  });
  afterAll(async () => harness?.close());
  beforeEach(() => harness?.pulse.reset());
  return () => {
    if (!harness) throw new Error('usePulse: the server is not started yet');
    return harness;
  };
}

/** A parsed response body or SSE payload. */
// any: tests reach into response bodies freely; the assertions check the shapes.
export type Json = any;

/** A response with its parsed JSON (undefined for an empty body). */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Json;
}

/** Options of {@link api}. */
export interface ApiOptions {
  /** Bearer key; null sends no Authorization header. Default {@link KEY}. */
  key?: string | null;
  body?: unknown;
  /** Sent verbatim instead of JSON.stringify(body). */
  raw?: string;
  headers?: Record<string, string>;
}

/** The request init of a JSON call. */
function init(method: string, options: ApiOptions): RequestInit {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? KEY : options.key;
  if (key !== null) headers.Authorization ??= `Bearer ${key}`;
  let body = options.raw;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  return { method, headers, ...(body === undefined ? {} : { body }) };
}

/** Calls `base + path` and reads the whole body. */
export async function api(base: string, method: string, path: string, options: ApiOptions = {}): Promise<Reply> {
  const res = await fetch(`${base}${path}`, init(method, options));
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text === '' ? undefined : JSON.parse(text) };
}

/** A `/chat-messages` body with defaults for the required fields. */
export function chatBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { query: 'How do I embed confab?', inputs: {}, user: USER, response_mode: 'streaming', ...overrides };
}

/** Starts a `/chat-messages` request and returns the raw response (the stream unread). */
export function startChat(base: string, body: Record<string, unknown>, options: Omit<ApiOptions, 'body'> & { signal?: AbortSignal } = {}): Promise<Response> {
  return fetch(`${base}/chat-messages`, { ...init('POST', { ...options, body }), ...(options.signal ? { signal: options.signal } : {}) });
}

/** Asserts the §3 error body exactly. */
export function expectError(reply: Reply, status: number, code: string, message?: string, params?: string): void {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const expected: Record<string, unknown> = { code, message: message ?? expect.any(String), status };
  if (params !== undefined) expected.params = params;
  expect(reply.json).toEqual(expected);
}

/** Runs one blocking turn and returns its §4.2 body. */
export async function blockingTurn(base: string, overrides: Record<string, unknown> = {}): Promise<Json> {
  const reply = await api(base, 'POST', '/chat-messages', { body: chatBody({ response_mode: 'blocking', ...overrides }) });
  expect(reply.status).toBe(200);
  return reply.json;
}
