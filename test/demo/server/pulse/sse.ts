/**
 * A strict SSE reader for the tests: it splits the raw text on blank lines itself and
 * fails on anything the contract (§5.1) does not allow from this server.
 */
import { expect } from 'vitest';
import type { Json } from './harness';

/** One block of the stream. */
export type Block =
  | { kind: 'ping' }
  | { kind: 'comment'; text: string }
  | { kind: 'data'; event: Json };

/** A read stream: its raw text, its blocks, and what was left after the last blank line. */
export interface SseRead {
  raw: string;
  blocks: Block[];
  /** Payload events only, in order. */
  events: Json[];
  /** Text after the last `\n\n` (empty for a well-terminated stream). */
  rest: string;
  /** The read error when the connection broke (abrupt close), else undefined. */
  error: unknown;
}

/** Parses one block; each payload block must be exactly one `data: {json}` line. */
export function parseBlock(text: string): Block {
  if (text === 'event: ping') return { kind: 'ping' };
  if (text.startsWith(': ')) return { kind: 'comment', text: text.slice(2) };
  expect(text.startsWith('data: '), `unexpected block ${JSON.stringify(text)}`).toBe(true);
  expect(text.includes('\n'), 'a payload block is one line').toBe(false);
  return { kind: 'data', event: JSON.parse(text.slice('data: '.length)) };
}

/** Splits `raw` into blocks on blank lines. */
export function parseSse(raw: string, error?: unknown): SseRead {
  const parts = raw.split('\n\n');
  const rest = parts.pop() ?? '';
  const blocks = parts.map(parseBlock);
  const events = blocks.flatMap((b) => (b.kind === 'data' ? [b.event] : []));
  return { raw, blocks, events, rest, error };
}

/** Reads the whole body (tolerating a broken connection) and parses it. */
export async function readSse(res: Response): Promise<SseRead> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let raw = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      raw += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return parseSse(raw, error);
  }
  return parseSse(raw);
}

/** Reads a stream incrementally: `next()` resolves with each block as it arrives. */
export function blockReader(res: Response): { next(): Promise<Block | undefined>; cancel(): Promise<void> } {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end !== -1) {
          const text = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          return parseBlock(text);
        }
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

/** Event names in order. */
export const names = (read: SseRead): string[] => read.events.map((e) => e.event);

/** The answer a client derives (§5.5): deltas joined, unless a message_replace came. */
export function derivedAnswer(read: SseRead): string {
  let text = '';
  for (const e of read.events) {
    if (e.event === 'message' || e.event === 'agent_message') text += e.answer;
    if (e.event === 'message_replace') text = e.answer;
  }
  return text;
}
