import type { Chat } from '../../sdk/chat/create-chat';
import type { ChatMessage } from '../../sdk/chat/chat-types';
import type { HandoffEvent } from '../../sdk/handoff/handoff-answers';

/**
 * Writes what the events say into the conversation: the ticket id (for the log), a line when
 * a person joins or the chat ends, each agent message (by its helpdesk id, so once, however
 * many tabs or reloads read it) and the delivery of the visitor's messages.
 */
export async function applyEvents(chat: Chat, conversationId: string, events: readonly HandoffEvent[], now: number): Promise<void> {
  const line = (id: string, kind: ChatMessage['line'], at: number, agent?: ChatMessage['agent']) =>
    chat.outside.add(conversationId, { id: `line_${id}`, role: 'assistant', content: '', status: 'done', createdAt: at, updatedAt: at, line: kind, ...(agent && { agent }) });
  const delivered = async (messageId: string, delivery: ChatMessage['delivery']) => {
    const shown = chat.messages.peek().find((message) => message.id === messageId && message.delivery !== delivery);
    if (shown) await chat.outside.patch(shown, (latest) => ({ ...latest, delivery, updatedAt: now }));
  };
  for (const event of events) {
    const at = Date.parse(event.at) || now;
    if (event.type === 'ticket_created') await chat.outside.update(conversationId, (current) => ({ ...current, supportTicketConversationId: event.ticketId }));
    else if (event.type === 'agent_joined') await line(event.id, 'joined', at, { name: event.agent.name });
    else if (event.type === 'closed') await line(event.id, 'closed', at);
    else if (event.type === 'message_delivered') await delivered(event.messageId, 'delivered');
    else if (event.type === 'message_failed') await delivered(event.messageId, 'failed');
    else if (event.type === 'agent_message') {
      const { message } = event;
      const written = Date.parse(message.createdAt ?? '') || at;
      await chat.outside.add(conversationId, {
        id: `agent_${message.id}`,
        role: 'assistant',
        content: message.text ?? '',
        status: 'done',
        createdAt: written,
        updatedAt: written,
        agent: { name: message.agent?.name, markdown: message.format === 'markdown' },
      });
    }
  }
}
