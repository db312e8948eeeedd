/**
 * A handoff as the widget reads it (docs/handoff-api.md): where it is, the helpdesk's
 * ticket id (analytics' `supportTicketConversationId`), who is assigned (analytics'
 * `userProperties.supportAgentName`), how much the visitor wrote that waits, and why.
 */
import type { HelpdeskAgent, HelpdeskRating } from './handoff-adapter';
import type { Anonymization, HandoffRecord, HandoffStatus } from './handoff-record';

/** The `handoff` object of every handoff response. */
export interface HandoffView {
  conversationId: string;
  helpdesk: string;
  status: HandoffStatus;
  /** The helpdesk's id of the ticket once it exists: log it as `supportTicketConversationId`. */
  ticketId: string | null;
  /** The assigned agent: log `name` as `userProperties.supportAgentName` on their messages. */
  agent: HelpdeskAgent | null;
  closedBy: 'agent' | 'visitor' | null;
  /** What the visitor asked for that the helpdesk has not taken yet (the start counts as one). */
  pending: number;
  /** Why it waits, when it does; `retryAt` is when the server tries again. */
  notice: { code: string; message: string; retryAt: string | null } | null;
  /** The visitor's CSAT, as recorded. */
  rating: { score: number; comment: string | null } | null;
  /** The helpdesk's own rating, if it collected one. */
  helpdeskRating: HelpdeskRating | null;
  /** After a delete: what the helpdesk did (`requested`, `already_requested`, `not_found`, `none`, `pending`, `refused`). */
  anonymization: Anonymization | null;
  startedAt: string;
}

/** The view of `record` with `queued` operations waiting. */
export function viewOf(record: HandoffRecord, queued: number): HandoffView {
  const notice = record.notice ?? record.pollNotice;
  return {
    conversationId: record.conversationId,
    helpdesk: record.helpdesk,
    status: record.status,
    ticketId: record.ticketId ?? null,
    agent: record.agent,
    closedBy: record.closedBy ?? null,
    pending: queued + (record.status === 'starting' ? 1 : 0),
    notice: notice ? { code: notice.code, message: notice.message, retryAt: notice.retryAt > 0 ? new Date(notice.retryAt).toISOString() : null } : null,
    rating: record.rating ? { score: record.rating.score, comment: record.rating.comment ?? null } : null,
    helpdeskRating: record.helpdeskRating ?? null,
    anonymization: record.anonymization ?? null,
    startedAt: new Date(record.startedAt).toISOString(),
  };
}
