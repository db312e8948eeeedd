import type { Clock } from '../../clock';
import { ValidationError } from '../../http/errors';
import { readSse } from '../../http/read-sse';
import type { ChatRequest, ReplyEvent } from '../chat-provider';
import type { PulseClient } from './pulse-client';
import { toReplyEvents } from './reply-events';

/** What a streamed reply needs besides the client. */
export interface StreamReplyOptions {
  inputs: Record<string, unknown>;
  autoGenerateName: boolean;
  stallTimeoutMs: number | undefined;
  clock: Clock | undefined;
  /** Shared with the provider's `stop`, see {@link toReplyEvents}. */
  stoppedTasks: Set<string>;
}

/**
 * Sends the newest user message to `POST /chat-messages` as a stream (contracts/pulse.md
 * §4.1) and yields its reply events. Only that message is sent: PulseAI keeps the history
 * itself under `providerConversationId`. Aborting `request.signal` rejects with its reason.
 */
export async function* streamReply(client: PulseClient, request: ChatRequest, options: StreamReplyOptions): AsyncGenerator<ReplyEvent> {
  const query = request.messages.findLast((message) => message.role === 'user')?.content;
  if (query === undefined) throw new ValidationError('invalid_input', 'The chat request', ['messages: there is no user message to send']);
  const response = await client.stream({
    method: 'POST',
    path: '/chat-messages',
    body: JSON.stringify({
      query,
      inputs: options.inputs,
      response_mode: 'streaming',
      user: client.user,
      conversation_id: request.providerConversationId ?? '',
      auto_generate_name: options.autoGenerateName,
    }),
    signal: request.signal,
  });
  // §4.6: errors come as JSON with an error status; a 2xx JSON (a blocking answer, a proxy's
  // own reply) is refused by `stream` rather than parsed as events.
  const messages = readSse(response, { signal: request.signal, stallTimeoutMs: options.stallTimeoutMs, clock: options.clock });
  yield* toReplyEvents(messages, options.stoppedTasks);
}
