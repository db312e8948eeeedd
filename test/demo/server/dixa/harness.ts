/**
 * Helpers of the Dixa reference-server tests: one server per test file on 127.0.0.1 with
 * a settable clock, JSON calls with the token sent as the client would (bare by default,
 * §1.2), the contract's timestamp patterns (§1.5) and conversation builders.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createDixaServer, type DixaServer, type DixaServerOptions } from '../../../../demo/server/dixa/create-dixa-server';
import { DIXA_IDS } from '../../../../demo/server/dixa/fixture';

export { DIXA_IDS as IDS };

/** The server's default token (§1.2). */
export const TOKEN = 'confab-demo-dixa-token';
/** A lower-case, hyphenated uuid. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** `"2021-12-01T12:46:36.581Z[GMT]"`: millis, Z and the zone id (§1.5). */
export const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\[GMT\]$/;
/** `"2021-06-09T08:18:37.284Z"` (§1.5). */
export const MILLIS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** `"2020-12-16T09:41:43Z"`, no millis (§1.5). */
export const SECONDS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The test clock's start: 2026-01-01T00:00:00.123Z. */
export const START_MS = Date.parse('2026-01-01T00:00:00.123Z');

/** A server listening on a free port. */
export interface Harness {
  /** `http://127.0.0.1:PORT/api/dixa` */
  base: string;
  dixa: DixaServer;
  /** Moves the server clock forward. */
  advance(ms: number): void;
  /**
   * Resolves once no request is in the server: one a test's client gave up on (a `slow`
   * fault) is still applied when its hold ends, and must not land in the next test.
   */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts `createDixaServer(options)` in its own http.Server, with a clock the test moves. */
export async function startDixa(options: DixaServerOptions = {}): Promise<Harness & { rewind(): void }> {
  let nowMs = START_MS;
  const dixa = createDixaServer({ now: () => new Date(nowMs), ...options });
  let inServer = 0;
  const server: Server = createServer((req, res) => {
    inServer += 1;
    res.on('close', () => (inServer -= 1));
    void dixa.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}${dixa.basePath}`,
    dixa,
    advance(ms) {
      nowMs += ms;
    },
    rewind() {
      nowMs = START_MS;
    },
    async idle() {
      while (inServer > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dixa.close();
    },
  };
}

/** One server for the test file, reset (state re-seeded, clock rewound) before each test. */
export function useDixa(options: DixaServerOptions = {}): () => Harness {
  let harness: (Harness & { rewind(): void }) | undefined;
  beforeAll(async () => {
    harness = await startDixa(options);
  });
  afterAll(async () => harness?.close());
  beforeEach(() => {
    harness?.rewind();
    harness?.dixa.reset();
  });
  return () => {
    if (!harness) throw new Error('useDixa: the server is not started yet');
    return harness;
  };
}

/** A parsed response body. */
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
  /** The whole Authorization value; null sends none. Default: the bare {@link TOKEN}. */
  auth?: string | null;
  body?: unknown;
  /** Sent verbatim instead of JSON.stringify(body), without a Content-Type. */
  raw?: string;
  headers?: Record<string, string>;
}

/** Calls `base + path` and reads the whole body. */
export async function api(base: string, method: string, path: string, options: ApiOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  const auth = options.auth === undefined ? TOKEN : options.auth;
  if (auth !== null) headers.Authorization = auth;
  let body = options.raw;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text === '' ? undefined : JSON.parse(text) };
}

/** Asserts an error answer: the status and the body `{ "message": <text> }` exactly (§1.6). */
export function expectMessage(reply: Reply, status: number, message: string): void {
  expect({ status: reply.status, json: reply.json }).toEqual({ status, json: { message } });
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
}

/** Asserts a success answer with the `{ "data": … }` envelope (§1.3) and returns `data`. */
export function expectData(reply: Reply, status: 200 | 201 | 202): Json {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(reply.json)).toEqual(['data']);
  return reply.json.data;
}

/** Asserts a 204 with an empty body. */
export function expectNoContent(reply: Reply): void {
  expect(reply.status, reply.text).toBe(204);
  expect(reply.text).toBe('');
}

/** The §3.10 Email create sample, with the fixture's visitor and integration. */
export function emailBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    requesterId: DIXA_IDS.requesterId,
    emailIntegrationId: DIXA_IDS.emailIntegrationId,
    subject: 'Chat handoff: where is my order?',
    message: { content: { value: "My order hasn't shipped", _type: 'Text' }, attachments: [], _type: 'Inbound' },
    language: 'en',
    _type: 'Email',
    ...overrides,
  };
}

/** The §3.10 shown ("endpoint") variant on the fixture's WidgetChat flow. */
export function endpointBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { contactEndpointId: DIXA_IDS.widgetEndpointId, direction: 'Inbound', queueId: DIXA_IDS.queueId, requesterId: DIXA_IDS.requesterId, ...overrides };
}

/** Creates a conversation and returns its id. */
export async function createConversation(base: string, body: Record<string, unknown> = emailBody()): Promise<number> {
  const data = expectData(await api(base, 'POST', '/v1/conversations', { body }), 201);
  return data.id as number;
}

/** An inbound visitor message body (§4.5). */
export function inboundMessage(value: string, externalId?: string): Record<string, unknown> {
  return { _type: 'Inbound', content: { value, _type: 'Text' }, attachments: [], ...(externalId === undefined ? {} : { externalId }) };
}
