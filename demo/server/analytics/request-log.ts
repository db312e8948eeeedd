/**
 * The analytics server's ledger of applied writes, in the order they took effect, so a test
 * can count at the server what reached it and when: which version of a conversation landed
 * after which, what was written after a delete, how often one version was sent. Served by
 * `GET __log`; cleared with the state.
 */

/** What a route knows of the write it just applied. */
export interface AppliedWrite {
  /** The record written or deleted: a conversation, feedback or event id. */
  id: string;
  /** The conversation it belongs to, when known (a feedback's message may not be logged yet). */
  conversationId: string | null;
  /** `properties.version` of the body, when the client put a string or a number there. */
  version: string | number | null;
  /** Messages involved: a conversation's history, a feedback's message, a deleted conversation's messages. */
  messageIds: string[];
}

/** One applied write request. */
export interface LoggedWrite extends AppliedWrite {
  /** 1, 2, 3…: the order in which writes took effect. */
  seq: number;
  /** When it took effect, server clock, ISO. */
  at: string;
  /**
   * 1, 2, 3…: the order in which requests reached the server (every request that reached
   * routing, as `__stats` counts them). A write held by a fault arrives before it takes effect,
   * so `received` order can differ from `seq` order.
   */
  received: number;
  /** When the request reached the server, ISO. */
  receivedAt: string;
  method: string;
  /** The route, e.g. `POST /conversations` or `DELETE /conversations/{id}`. */
  route: string;
  requestId: string;
  /** The fault it went through, when one let it through to the handler (see `PassingFault`). */
  fault: string | null;
}

/** The ledger. */
export interface RequestLog {
  /** Appends a write at the moment it takes effect. */
  record(write: Omit<LoggedWrite, 'seq'>): void;
  /** The writes with `seq` above `after` (default: all), oldest first. */
  entries(after?: number): LoggedWrite[];
  clear(): void;
}

/** `properties.version` when it is a string or a number: the test's marker of which write this was. */
export function versionOf(properties: unknown): string | number | null {
  if (typeof properties !== 'object' || properties === null || !('version' in properties)) return null;
  const { version } = properties;
  return typeof version === 'string' || typeof version === 'number' ? version : null;
}

/** Creates an empty ledger. */
export function createRequestLog(): RequestLog {
  let writes: LoggedWrite[] = [];
  let seq = 0;
  return {
    record(write) {
      seq += 1;
      writes.push({ ...write, seq, messageIds: [...write.messageIds] });
    },
    entries: (after = 0) => writes.filter((write) => write.seq > after).map((write) => ({ ...write, messageIds: [...write.messageIds] })),
    clear() {
      writes = [];
      seq = 0;
    },
  };
}
