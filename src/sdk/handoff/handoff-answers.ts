import { list, nullish, number, object, optional, string, typed, type Reader } from '../providers/json-reader';

/*
 * The answers of the confab server's /handoff routes (docs/handoff-api.md), read with the
 * json-reader rather than zod/mini: these answers are read in the script-tag widget, whose
 * byte budget zod's core alone would take a fifth of (src/sdk/guard.ts). Loose objects: a
 * newer server's extra fields are ignored.
 */

const oneOf =
  <const T extends readonly string[]>(values: T): Reader<T[number]> =>
    typed((value: unknown) => (values.includes(value as string) ? (value as T[number]) : undefined), values.map((value) => `"${value}"`).join(' or '));

/** Someone at the helpdesk; `name` is `undefined` when the helpdesk does not say. */
export interface HandoffAgent {
  id: string;
  name: string | undefined;
}

const agent: Reader<HandoffAgent> = object({ id: string, name: nullish(string) });

/** Where a handoff is: `starting` until the helpdesk has it. */
export type HandoffStatus = 'starting' | 'open' | 'closed' | 'failed' | 'deleted';

/** The `handoff` object of every answer: the handoff now (docs/handoff-api.md, "The Handoff object"). */
export interface Handoff {
  conversationId: string;
  status: HandoffStatus;
  /** The helpdesk's ticket: log it as `supportTicketConversationId`. */
  ticketId: string | undefined;
  agent: HandoffAgent | undefined;
  closedBy: 'agent' | 'visitor' | undefined;
  /** What the visitor asked for that the helpdesk has not taken yet. */
  pending: number;
  /** Why something waits: `helpdesk_unavailable`, `helpdesk_config_error`, `helpdesk_refused`. */
  notice: { code: string; message: string; retryAt: string | undefined } | undefined;
  rating: { score: number; comment: string | undefined } | undefined;
  anonymization: string | undefined;
}

const readHandoff: Reader<Handoff> = object({
  conversationId: string,
  status: oneOf(['starting', 'open', 'closed', 'failed', 'deleted'] as const),
  ticketId: nullish(string),
  agent: nullish(agent),
  closedBy: nullish(oneOf(['agent', 'visitor'] as const)),
  pending: number,
  notice: nullish(object({ code: string, message: string, retryAt: nullish(string) })),
  rating: nullish(object({ score: number, comment: nullish(string) })),
  anonymization: nullish(string),
});


/** `{ handoff }`: the answer of start, get, close and delete. */
export const readHandoffAnswer = object({ handoff: readHandoff });

/** `GET /handoff`: whether a person can be reached at all. */
export const readHandoffSetup = object({ enabled: typed((value: unknown) => (typeof value === 'boolean' ? value : undefined), 'boolean') });

/** `POST …/messages`: the message's fate and the handoff. */
export const readMessageAnswer = object({ message: object({ id: string, status: oneOf(['delivered', 'queued'] as const) }), handoff: readHandoff });

/** `POST …/rating`. */
export const readRatingAnswer = object({ rating: object({ score: number, status: string }), handoff: readHandoff });

/** An agent's message as an `agent_message` event carries it; `text` is `undefined` when the helpdesk gave none. */
export interface AgentMessage {
  id: string;
  text: string | undefined;
  /** `text` (plain) or `markdown`. */
  format: string | undefined;
  agent: HandoffAgent | undefined;
  createdAt: string | undefined;
}

const agentMessage: Reader<AgentMessage> = object({ id: string, text: nullish(string), format: optional(string), agent: nullish(agent), createdAt: nullish(string) });

/**
 * One event of `GET …/events`, by `type`; an event of a type this build does not know is
 * `{ type: string }` with its `id`, kept so its `seq` still moves the cursor.
 */
export type HandoffEvent = { seq: number; id: string; at: string } & (
  | { type: 'ticket_created'; ticketId: string }
  | { type: 'agent_joined'; agent: HandoffAgent }
  | { type: 'agent_left' | 'reopened' }
  | { type: 'agent_message'; message: AgentMessage }
  | { type: 'message_delivered'; messageId: string }
  | { type: 'message_failed'; messageId: string; code: string }
  | { type: 'closed'; by: 'agent' | 'visitor' }
  | { type: 'failed'; code: string }
);

const eventFields: Record<string, Reader<Record<string, unknown>>> = {
  ticket_created: object({ ticketId: string }),
  agent_joined: object({ agent }),
  agent_message: object({ message: agentMessage }),
  message_delivered: object({ messageId: string }),
  message_failed: object({ messageId: string, code: string }),
  closed: object({ by: oneOf(['agent', 'visitor'] as const) }),
  failed: object({ code: string }),
};

const eventBase = object({ seq: number, id: string, type: string, at: string });

const readEvent: Reader<HandoffEvent> = (value, path, issues) => {
  const base = eventBase(value, path, issues);
  const fields = eventFields[base.type]?.(value, path, issues);
  return { ...base, ...fields } as HandoffEvent;
};

/** `GET …/events?after=`: what happened since the cursor, and when to ask again. */
export interface HandoffEvents {
  handoff: Handoff;
  events: HandoffEvent[];
  /** Send it as `after` next time. */
  cursor: string;
  /** When to ask again; `null` once there is nothing more to read (stop polling). */
  pollAfterMs: number | null | undefined;
  /** The server lost its events and sent all it has. */
  reset: boolean | undefined;
}

/** Reads {@link HandoffEvents}. */
export const readEventsAnswer: Reader<HandoffEvents> = object({
  handoff: readHandoff,
  events: list(readEvent),
  cursor: string,
  // null is "stop polling", not "not said": kept apart from a missing field.
  pollAfterMs: (value, path, issues) => (value === null ? null : nullish(number)(value, path, issues)),
  reset: optional(typed((value: unknown) => (typeof value === 'boolean' ? value : undefined), 'boolean')),
});
