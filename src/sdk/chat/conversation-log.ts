import type { CreateConversation, Link, Message, UserProperties } from '../analytics/schemas';
import type { ChatMessage, StoredConversation } from './chat-types';

/** What a logged conversation says about where it came from. */
export interface LogContext {
  user: UserProperties;
  provider: { name: string; model?: string | undefined };
  tags?: string[] | undefined;
  properties?: Record<string, unknown> | undefined;
  pageUrl?: string | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Answers worth logging: finished, stopped, or cut off by a reload, with some text. */
function isLoggable(message: ChatMessage): boolean {
  if (message.line) return false;
  if (message.role === 'user') return true;
  return (message.status === 'done' || message.status === 'stopped' || message.status === 'interrupted') && message.content !== '';
}

function toLoggedMessage(message: ChatMessage): Message {
  const links: Link[] = (message.sources ?? []).flatMap(({ url, title, description, breadcrumbs, type }) =>
    url ? [{ url, title: title ?? null, description: description ?? null, breadcrumbs: breadcrumbs ?? null, type: type ?? null }] : [],
  );
  const properties = {
    ...(message.status !== 'done' && { status: message.status }),
    ...(message.finishReason && message.finishReason !== 'stop' && { finishReason: message.finishReason }),
    ...(message.providerMessageId && { providerMessageId: message.providerMessageId }),
    ...(message.usage && { usage: message.usage }),
    // Sources without a page (PulseAI knowledge segments) cannot be links; keep them here.
    ...(message.sources?.some((source) => !source.url) && { sources: message.sources.filter((source) => !source.url) }),
  };
  return {
    id: message.id,
    role: message.role,
    content: message.content,
    createdAt: iso(message.createdAt),
    ...(links.length > 0 && { links }),
    ...(message.toolCalls?.length && {
      tool_calls: message.toolCalls.map(({ id, name, arguments: args }) => ({ id, type: 'function' as const, function: { name, arguments: args } })),
    }),
    ...(Object.keys(properties).length > 0 && { properties }),
    // An agent's message: the `openai` log type has no agent role (docs/handoff-api.md, Analytics).
    ...(message.agent && { userProperties: { supportAgentName: message.agent.name ?? null } }),
  };
}

/**
 * The FULL history of a conversation in the analytics API's shape (contracts/analytics.md
 * §3, the `openai` variant): stable ids for the conversation and every message, sources as
 * `links`, tool calls as snake_case `tool_calls`, who asked, and where.
 */
export function toLoggedConversation(conversation: StoredConversation, messages: readonly ChatMessage[], context: LogContext): CreateConversation {
  return {
    id: conversation.id,
    type: 'openai',
    messages: messages.filter(isLoggable).map(toLoggedMessage),
    createdAt: iso(conversation.createdAt),
    updatedAt: iso(conversation.updatedAt),
    userProperties: context.user,
    properties: {
      provider: context.provider.name,
      ...(context.provider.model && { model: context.provider.model }),
      ...(context.pageUrl && { pageUrl: context.pageUrl }),
      ...(conversation.providerConversationId && { providerConversationId: conversation.providerConversationId }),
      ...context.properties,
    },
    ...(context.tags?.length && { tags: context.tags }),
    ...(conversation.supportTicketConversationId && { supportTicketConversationId: conversation.supportTicketConversationId }),
  };
}
