/**
 * What the widget reads from `GET …/handoff/{id}/events`: one ordered list per handoff,
 * kept in the store, that every tab and every reload reads from the same place. Each
 * event has a stable `id` (an agent's message is `agent-message:<helpdesk id>`), so a
 * widget that stores what it showed by id never shows anything twice.
 */
import type { HelpdeskAgent } from './handoff-adapter';

/** An agent's message as the widget shows it. */
export interface AgentMessageView {
  /** The helpdesk's message id. */
  id: string;
  /** null when the helpdesk's API gives no text: show "an agent replied". */
  text: string | null;
  format: 'text' | 'markdown';
  agent: HelpdeskAgent | null;
  /** When the agent wrote it (ISO-8601), when the helpdesk says. */
  createdAt: string | null;
}

/** The events, by `type`. */
export type HandoffEventBody =
  /** The helpdesk opened the ticket: `ticketId` is what analytics logs as `supportTicketConversationId`. */
  | { type: 'ticket_created'; ticketId: string; helpdesk: string }
  /** An agent was assigned (the widget says who joined). */
  | { type: 'agent_joined'; agent: HelpdeskAgent }
  /** Nobody is assigned any more (reopened, transferred). */
  | { type: 'agent_left' }
  | { type: 'agent_message'; message: AgentMessageView }
  /** A visitor message (confab's id) reached the helpdesk. */
  | { type: 'message_delivered'; messageId: string }
  /** The helpdesk refused a visitor message for good; `code` says why. */
  | { type: 'message_failed'; messageId: string; code: string }
  | { type: 'closed'; by: 'agent' | 'visitor' }
  | { type: 'reopened' }
  /** The helpdesk's own rating of the ticket (its CSAT survey), when it has one. */
  | { type: 'helpdesk_rating'; score: number; comment: string | null }
  /** The handoff cannot go on (the helpdesk refused it, or lost the ticket); the visitor may start another. */
  | { type: 'failed'; code: string };

/** A stored event: its body, a stable id and when it happened. */
export type HandoffEvent = HandoffEventBody & { id: string; at: string };

/** An event as the events route answers it: with its position, the cursor to read after. */
export type NumberedEvent = HandoffEvent & { seq: number };
