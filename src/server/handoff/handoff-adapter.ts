/**
 * The helpdesk side of a human handoff, vendor-neutral: what confab's server asks of any
 * helpdesk (Dixa first; Zendesk, Intercom or Chatwoot could follow) to hand a visitor over
 * to a person with the assistant's transcript, carry the visitor's messages, and bring the
 * agent's back. The server owns the state (which ticket, what was delivered, what the
 * widget has seen); an adapter only talks to its helpdesk, and says how each call failed
 * by throwing a `HandoffError` of the right kind, so the server knows what to retry.
 */
/** One turn of the visitor's conversation with the assistant, for the agent to read. */
export interface TranscriptTurn {
  role: 'user' | 'assistant';
  text: string;
  /** ISO-8601 with a zone, when the widget knows when it was said. */
  createdAt?: string | undefined;
}

/** A message the visitor wrote to the person. */
export interface VisitorMessage {
  /** confab's message id: delivery is idempotent by it (a retry never posts it twice). */
  id: string;
  text: string;
  /** ISO-8601, when the visitor sent it. */
  createdAt: string;
}

/** Everything a helpdesk needs to open the ticket. */
export interface HandoffStart {
  /**
   * The server's id of this handoff: the same across retries of it, never reused (a
   * conversation handed over again after a delete gets a new one). Safe as part of an
   * idempotency key (`[0-9a-f]{32}`).
   */
  handoffId: string;
  /** The widget's conversation id, linked on the ticket (a tag, a custom attribute). */
  conversationId: string;
  /** The visitor's first words to the person (the ticket's first message). */
  firstMessage: VisitorMessage;
  /** The conversation with the assistant so far, oldest first. */
  transcript: readonly TranscriptTurn[];
  /** The widget's language (`en`, `pt-BR`), when known. */
  locale?: string | undefined;
  /** What the page said about the visitor; `userId` only when the server verified it. */
  visitor?: { name?: string | undefined; email?: string | undefined; userId?: string | undefined } | undefined;
  /** The page the visitor was on. */
  pageUrl?: string | undefined;
}

/**
 * What earlier attempts of one start recorded. Opening a ticket can take several calls
 * (create, route, transcript, tags); an adapter records each finished step, so a retry
 * after a failure part-way resumes where the last attempt stopped instead of starting over.
 */
export interface StartProgress {
  /** The fields saved by earlier attempts of this start ({} on the first). */
  readonly saved: Readonly<Record<string, string>>;
  /** Records finished steps, before the next one is attempted. */
  save(fields: Readonly<Record<string, string>>): Promise<void>;
  /** Records the ticket's id as soon as the helpdesk made it, before the remaining steps. */
  created(ticketId: string): Promise<void>;
}

/** A person on the helpdesk side. `name` is null when the helpdesk did not say. */
export interface HelpdeskAgent {
  id: string;
  name: string | null;
}

/** A message an agent wrote. */
export interface AgentMessage {
  /** The helpdesk's id of the message: stable across reads, so nothing is shown twice. */
  id: string;
  /** The text, or null when the helpdesk's API does not give it (the widget says "an agent replied"). */
  text: string | null;
  /** `markdown` when it was converted from the helpdesk's HTML. */
  format: 'text' | 'markdown';
  agent: HelpdeskAgent | null;
  /** ISO-8601, when the helpdesk gave a time. */
  createdAt: string | undefined;
}

/** What changed at the helpdesk since a cursor. */
export interface HelpdeskActivity {
  /** Agents' messages after the cursor, oldest first. The visitor's own are left out. */
  messages: AgentMessage[];
  /** The ticket's state now. */
  state: 'open' | 'closed';
  /** Who is assigned now, if anyone. */
  agent: HelpdeskAgent | null;
  /** Pass it to the next read; opaque to the server. */
  cursor: string;
}

/** A rating the helpdesk collected itself (its own CSAT survey). */
export interface HelpdeskRating {
  score: number;
  comment: string | null;
}

/** The CSAT the widget collected, on a 1–5 scale. */
export interface VisitorRating {
  score: number;
  comment?: string | undefined;
}

/** What anonymizing a ticket did: asked now, asked before (never asked again), or nothing to anonymize. */
export type AnonymizeOutcome = 'requested' | 'already_requested' | 'not_found';

/**
 * A helpdesk. Every method may throw a `HandoffError` (handoff-error.ts): `unavailable`
 * (retried later, honouring `retryAfterMs`), `config` (the operator's key or ids are
 * refused; retried, reported), `rejected`, `not_found` or `conflict` (not retried).
 * Anything else thrown is treated as `unavailable`.
 */
export interface HandoffAdapter {
  /** The helpdesk's name as the widget may show it in logs: `dixa`. */
  readonly helpdesk: string;
  /** Opens the ticket with the transcript and the first message; resumable through `progress`. */
  start(request: HandoffStart, progress: StartProgress): Promise<{ ticketId: string }>;
  /** Delivers a visitor message; delivering the same `message.id` again is not a second message. */
  sendMessage(ticketId: string, handoffId: string, message: VisitorMessage): Promise<void>;
  /** Agents' messages and the ticket's state since `cursor` (undefined: from the start). */
  readActivity(ticketId: string, cursor: string | undefined): Promise<HelpdeskActivity>;
  /** The visitor ended the chat. */
  close(ticketId: string): Promise<void>;
  /** The visitor wrote after the chat was closed: offer it to the agents again. */
  reopen(ticketId: string): Promise<void>;
  /** The helpdesk's own rating of the ticket, if it has one. */
  readRating(ticketId: string): Promise<HelpdeskRating | undefined>;
  /** Puts the widget's CSAT where agents see it (helpdesk ratings may be read-only). */
  recordRating(ticketId: string, rating: VisitorRating): Promise<void>;
  /** Erases the visitor's words at the helpdesk (the visitor deleted the conversation). */
  anonymize(ticketId: string): Promise<AnonymizeOutcome>;
}
