import { readFileSync } from 'node:fs';
import { pulseProvider, type PulseProviderOptions } from '../../../../src/sdk/providers/pulse/pulse-provider';
import type { ChatRequest, ReplyEvent } from '../../../../src/sdk/providers/chat-provider';
import { createFakeFetch, json, type Answer } from '../../../support/fake-fetch';
import { sseResponse } from '../../../support/sse';

export const BASE_URL = 'http://pulse.test/v1';
export const USER = 'visitor-42';
export const CONVERSATION_ID = '9002b8e1-3d36-4989-89f0-853d298d8687';
export const MESSAGE_ID = 'ef41e268-7cb0-49e0-9164-84d8c24d9759';
export const TASK_ID = '9714535b-615e-4ed4-bb63-888e3eda439d';

/** The meta event a stream built from {@link envelope} starts with. */
export const META: ReplyEvent = { type: 'meta', providerConversationId: CONVERSATION_ID, providerMessageId: MESSAGE_ID, taskId: TASK_ID };

/** A §5.6 transcript from test/fixtures/pulse, byte for byte. */
export function transcript(name: string): string {
  return readFileSync(new URL(`../../../fixtures/pulse/${name}.sse`, import.meta.url), 'utf8');
}

/** A payload event with the full §5.2 envelope. */
export function envelope(event: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { event, conversation_id: CONVERSATION_ID, message_id: MESSAGE_ID, created_at: 1767225600, task_id: TASK_ID, ...fields };
}

/** `message_end` with nothing but the envelope and `metadata`. */
export const end = (metadata: unknown = { usage: { total_tokens: 1 } }) => envelope('message_end', { id: MESSAGE_ID, metadata });

/** A PulseAI error body (§3.1). */
export const pulseError = (status: number, code: string, message: string) => json(status, { code, message, status });

/** A provider over a fake fetch that answers `script` in order. */
export function setup(script: Answer[] = [], options: Partial<PulseProviderOptions> = {}) {
  const fake = createFakeFetch(script);
  const provider = pulseProvider({ baseUrl: BASE_URL, user: USER, fetch: fake.fetch, ...options });
  return { fake, provider };
}

/** Every event of one streamed reply. */
export async function collect(events: AsyncIterable<ReplyEvent>): Promise<ReplyEvent[]> {
  const seen: ReplyEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

/** A chat request with one user message. */
export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { messages: [{ role: 'user', content: 'How do I reset my password?' }], signal: new AbortController().signal, ...overrides };
}

/** Streams `body` (split into `chunks` when given) through a fresh provider and collects the events. */
export function streamOf(body: string | ReadonlyArray<string | Uint8Array>): Promise<ReplyEvent[]> {
  const { provider } = setup([sseResponse(typeof body === 'string' ? [body] : body)]);
  return collect(provider.stream(chatRequest()));
}

/** Settles pending promise callbacks and I/O turns, so a stream read is waiting before time moves. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));
