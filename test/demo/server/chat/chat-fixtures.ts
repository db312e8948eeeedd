/**
 * Helpers of the chat-server tests: a real http.Server on 127.0.0.1 around a handle, a
 * completion call, and an SSE reader that keeps every frame (comments included) so the
 * framing itself can be asserted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createChatServer, type ChatServer, type ChatServerOptions } from '../../../../demo/server/chat/create-chat-server';

/** A listening http.Server; `url` has no trailing slash. */
export interface Listening {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves `handle` on a free port of 127.0.0.1. */
export async function listen(handle: (req: IncomingMessage, res: ServerResponse) => unknown): Promise<Listening> {
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A chat server and its base URL (`http://127.0.0.1:PORT/api/chat/v1`). */
export interface ChatHarness {
  chat: ChatServer;
  base: string;
  http: Listening;
}

/** Starts a chat server for the file (stopped after all tests) and resets it after each test. */
export function useChat(options: ChatServerOptions = {}): () => ChatHarness {
  let harness: ChatHarness | undefined;
  beforeAll(async () => {
    const chat = createChatServer({ tokenDelayMs: 0, ...options });
    const http = await listen(chat.handle);
    harness = { chat, http, base: `${http.url}${chat.basePath}` };
  });
  afterEach(() => {
    harness?.chat.reset();
  });
  afterAll(async () => {
    await harness?.chat.close();
    await harness?.http.close();
  });
  return () => {
    if (!harness) throw new Error('useChat: call it inside a test, after the server started');
    return harness;
  };
}

/** A completion request body about the docs, with overrides. */
export function completionRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: 'confab-docs',
    messages: [
      { role: 'system', content: 'You answer questions about confab.' },
      { role: 'user', content: 'How do retries work?' },
    ],
    ...overrides,
  };
}

/** POSTs `body` as JSON to `{base}/chat/completions`. */
export function postCompletion(base: string, body: unknown, init: { headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Response> {
  return fetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}

/** A parsed SSE stream: every raw frame, and the JSON of each `data:` frame (`'[DONE]'` kept as is). */
export interface SseRead {
  raw: string;
  frames: string[];
  // any: tests reach into chunk objects freely; the assertions check the shapes.
  data: any[];
}

/** Splits an SSE text on blank lines; `data:` frames are parsed, comment frames kept raw. */
export function parseSse(raw: string): SseRead {
  const frames = raw.split('\n\n').filter((frame) => frame !== '');
  const data = frames
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => {
      const payload = frame.slice('data: '.length);
      return payload === '[DONE]' ? payload : JSON.parse(payload);
    });
  return { raw, frames, data };
}

/** Reads a whole SSE response. */
export async function readSse(response: Response): Promise<SseRead> {
  return parseSse(await response.text());
}

/** The chunks' content deltas, concatenated. */
// any: chunks are parsed JSON; a missing field reads as '' here and fails the assertion.
export function contentOf(chunks: any[]): string {
  return chunks.map((chunk) => chunk?.choices?.[0]?.delta?.content ?? '').join('');
}

/** The tool-call argument pieces, concatenated. */
// any: as in contentOf.
export function toolArgumentsOf(chunks: any[]): string {
  return chunks.map((chunk) => chunk?.choices?.[0]?.delta?.tool_calls?.[0]?.function?.arguments ?? '').join('');
}

/**
 * Reads `response` until `count` data frames arrived, then returns them with the
 * reader, so a test can keep reading or cancel.
 */
export async function readFrames(response: Response, count: number) {
  if (!response.body) throw new Error('readFrames: the response has no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (parseSse(text.slice(0, text.lastIndexOf('\n\n') + 2)).data.length < count) {
    const part = await reader.read();
    if (part.done) break;
    text += decoder.decode(part.value, { stream: true });
  }
  return { text, reader };
}
