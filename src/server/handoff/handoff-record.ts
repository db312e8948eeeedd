/**
 * One handoff's record in the store: a hash of string fields (so instances sharing a
 * Redis update single fields without reading the whole), with composite values as JSON,
 * and the helpdesk adapter's start progress under `p.`-prefixed fields.
 */
import type { HandoffStart, HelpdeskAgent, HelpdeskRating, VisitorRating } from './handoff-adapter';

/**
 * Where a handoff is: `starting` (the ticket is not open yet; retried), `open`, `closed`
 * (by the agent or the visitor; a message reopens it), `failed` (refused for good; a new
 * handoff may start) or `deleted` (the visitor deleted the conversation).
 */
export type HandoffStatus = 'starting' | 'open' | 'closed' | 'failed' | 'deleted';

/** The anonymization a delete asked for: `pending` until the helpdesk answered. */
export type Anonymization = 'pending' | 'requested' | 'already_requested' | 'not_found' | 'none' | 'refused';

/** Why something the visitor wrote is not delivered yet, for the widget to say so. */
export interface Notice {
  /** `helpdesk_unavailable` or `helpdesk_config_error`. */
  code: string;
  /** A sentence a widget may show as is (it should translate by `code`). */
  message: string;
  /** When the server tries again (epoch ms). */
  retryAt: number;
}

/** The start request as kept until the ticket is open (retries need it). */
export type StoredStart = Omit<HandoffStart, 'handoffId'>;

/** A decoded record. */
export interface HandoffRecord {
  /** The store's key of the visitor's handoff of the conversation. */
  id: string;
  /** This start's id, the adapter's `handoffId`: new whenever the conversation is handed over anew. */
  ref: string;
  owner: string;
  conversationId: string;
  helpdesk: string;
  status: HandoffStatus;
  ticketId: string | undefined;
  startedAt: number;
  /** Last time something happened (an event, the visitor writing): the polling backs off from it. */
  lastActivityAt: number;
  agent: HelpdeskAgent | null;
  closedBy: 'agent' | 'visitor' | undefined;
  /** The adapter's cursor of agent activity. */
  cursor: string | undefined;
  /** Why deliveries wait (none: nothing is held back). */
  notice: Notice | undefined;
  /** Why the last read of agent activity failed, if it did. */
  pollNotice: Notice | undefined;
  /** Failed delivery attempts in a row. */
  attempts: number;
  /** The visitor's CSAT, as the widget sent it. */
  rating: (VisitorRating & { at: string }) | undefined;
  helpdeskRating: HelpdeskRating | undefined;
  /** Reads of the helpdesk's rating after the close so far. */
  ratingChecks: number;
  anonymization: Anonymization | undefined;
  start: StoredStart | undefined;
  /** The adapter's start progress. */
  progress: Record<string, string>;
}

/** The fields a write may set; `null` removes a field. */
export type RecordChanges = { [K in Exclude<keyof HandoffRecord, 'id' | 'progress'>]?: HandoffRecord[K] | null };

const JSON_FIELDS = new Set(['agent', 'notice', 'pollNotice', 'rating', 'helpdeskRating', 'start']);
const NUMBER_FIELDS = new Set(['startedAt', 'lastActivityAt', 'attempts', 'ratingChecks']);

/** The hash fields of `changes`: values to set, and names to delete. */
export function encodeChanges(changes: RecordChanges): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null && field !== 'agent') remove.push(field);
    else set[field] = JSON_FIELDS.has(field) ? JSON.stringify(value) : String(value);
  }
  return { set, remove };
}

function parsed<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** The record of hash `fields`, or undefined when it has none (expired, never made). */
export function decodeRecord(id: string, fields: Record<string, string>): HandoffRecord | undefined {
  if (fields.owner === undefined || fields.conversationId === undefined || fields.status === undefined || fields.ref === undefined) return undefined;
  const progress: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) if (field.startsWith('p.')) progress[field.slice(2)] = value;
  const number = (field: string) => (NUMBER_FIELDS.has(field) ? Number(fields[field] ?? 0) : 0);
  return {
    id,
    ref: fields.ref,
    owner: fields.owner,
    conversationId: fields.conversationId,
    helpdesk: fields.helpdesk ?? '',
    status: fields.status as HandoffStatus,
    ticketId: fields.ticketId,
    startedAt: number('startedAt'),
    lastActivityAt: number('lastActivityAt'),
    agent: parsed<HelpdeskAgent | null>(fields.agent) ?? null,
    closedBy: fields.closedBy as HandoffRecord['closedBy'],
    cursor: fields.cursor,
    notice: parsed<Notice>(fields.notice),
    pollNotice: parsed<Notice>(fields.pollNotice),
    attempts: number('attempts'),
    rating: parsed<HandoffRecord['rating']>(fields.rating),
    helpdeskRating: parsed<HelpdeskRating>(fields.helpdeskRating),
    ratingChecks: number('ratingChecks'),
    anonymization: fields.anonymization as Anonymization | undefined,
    start: parsed<StoredStart>(fields.start),
    progress,
  };
}
