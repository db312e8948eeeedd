/**
 * The non-streaming answer (`stream: false`): one `chat.completion` object holding the
 * same reply a stream would have sent in pieces.
 */
import type { ChatReply, ChatUsage } from './chat-reply';
import type { CompletionMeta } from './stream-plan';

/** A `chat.completion` object, as OpenAI returns it. */
export interface CompletionBody {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: 'assistant';
      content: string | null;
      tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
    };
    finish_reason: ChatReply['finishReason'];
  }>;
  usage: ChatUsage;
}

/** The completion object of `reply`; `tool_calls` is present only when the reply has one. */
export function completionBody(reply: ChatReply, meta: CompletionMeta): CompletionBody {
  const call = reply.toolCall;
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content,
          ...(call ? { tool_calls: [{ id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } }] } : {}),
        },
        finish_reason: reply.finishReason,
      },
    ],
    usage: reply.usage,
  };
}
