/**
 * Shared helpers of the reference-server tests: a backend per test file, a small fetch
 * wrapper and request bodies.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, vi } from 'vitest';
import { createAnalyticsServer, type AnalyticsServer } from '../../../demo/server/analytics/create-analytics-server';
import { startBackend, type Backend, type BackendOptions } from '../../../demo/server/backend';
import { createFaults } from '../../../demo/server/faults';

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

/** A wait of the fault controls that the test ends itself (see `FaultsOptions.sleep`). */
export interface Gate {
  ms: number;
  release(): void;
}

/** An analytics server of its own whose fault waits (delays, holds) are gates the test opens. */
export interface GatedAnalytics {
  baseUrl: string;
  analytics: AnalyticsServer;
  /** Every wait begun, oldest first; cleared before each test. */
  gates: Gate[];
}

/**
 * Starts one gated analytics server for the file and resets it before each test, so a test
 * decides exactly when a held request goes on, with no timing in the assertions.
 */
export function useGatedAnalytics(): () => GatedAnalytics {
  const gates: Gate[] = [];
  const analytics = createAnalyticsServer({ faults: createFaults({ sleep: (ms) => new Promise<void>((release) => gates.push({ ms, release })) }) });
  const server = createServer((req, res) => void analytics.handle(req, res));
  let baseUrl: string | undefined;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${analytics.basePath}`;
  });
  afterAll(async () => {
    for (const gate of gates) gate.release();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    for (const gate of gates.splice(0)) gate.release();
    analytics.reset();
  });
  return () => {
    if (!baseUrl) throw new Error('useGatedAnalytics: the server is not started yet');
    return { baseUrl, analytics, gates };
  };
}

/** Waits until `count` gates are waiting. */
export async function gatesWaiting(gates: readonly Gate[], count: number): Promise<void> {
  await vi.waitFor(() => expect(gates.length).toBeGreaterThanOrEqual(count));
}

/** POSTs a body to `url` with the web key, without reading the answer: the test decides when to give up. */
export function post(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${WEB_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}
