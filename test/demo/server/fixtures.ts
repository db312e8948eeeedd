/**
 * Shared helpers of the reference-server tests: a backend per test file, a small fetch
 * wrapper and request bodies.
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { startBackend, type Backend, type BackendOptions } from '../../../demo/server/backend';

export const WEB_KEY = 'confab-demo-web-key';
export const API_KEY = 'confab-demo-api-key';

/** Starts one backend for the file and resets it before each test. */
export function useBackend(options: BackendOptions = {}): () => Backend {
  let backend: Backend | undefined;
  beforeAll(async () => {
    backend = await startBackend({ port: 0, ...options });
  });
  afterAll(async () => {
    await backend?.close();
  });
  beforeEach(() => {
    backend?.analytics.reset();
  });
  return () => {
    if (!backend) throw new Error('useBackend: the backend is not started yet');
    return backend;
  };
}

/** A response with its parsed JSON (undefined for an empty body). */
export interface Reply {
  status: number;
  headers: Headers;
  // any: tests reach into response bodies freely and the assertions check the shapes.
  json: any;
}

/** Options of {@link call}. */
export interface CallOptions {
  key?: string | null;
  body?: unknown;
  /** Sent verbatim instead of JSON.stringify(body). */
  raw?: string;
  headers?: Record<string, string>;
}

/** Calls `baseUrl + path` with a bearer key (the API key unless `key` says otherwise). */
export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? API_KEY : options.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  let body: string | undefined = options.raw;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text === '' ? undefined : JSON.parse(text) };
}

/** Asserts a problem+json reply, every field of the contract's error table included. */
export function expectProblem(reply: Reply, status: number, code: string, title: string, instance: string): void {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(Object.keys(reply.json).sort()).toEqual(['code', 'detail', 'error', 'instance', 'requestId', 'status', 'title']);
  expect(reply.json.title).toBe(title);
  expect(reply.json.status).toBe(status);
  expect(reply.json.code).toBe(code);
  expect(reply.json.instance).toBe(instance);
  expect(typeof reply.json.detail).toBe('string');
  expect(reply.json.detail.length).toBeGreaterThan(0);
  expect(reply.json.error).toEqual({ code, message: reply.json.detail });
  expect(reply.json.requestId).toMatch(/^req_[0-9a-f]{20}$/);
  expect(reply.headers.get('x-request-id')).toBe(reply.json.requestId);
}

/** An openai CreateConversation body with two messages. */
export function openaiConversation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'openai',
    messages: [
      { id: 'm1', role: 'user', content: 'How do I install confab?' },
      { id: 'm2', role: 'assistant', content: 'Run npm install confab.' },
    ],
    ...overrides,
  };
}
