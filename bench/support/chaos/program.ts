/**
 * The chaos run's program: a seeded list of operations on `createAnalytics` (logs of growing
 * histories, votes, events, deletes with votes pending, flushes), spread over three tabs, with
 * the page's own accidents placed among them (reloads mid-flush, a page killed while hidden,
 * the browser closed mid-flush and reopened on the same profile, pauses). The same seed gives
 * the same program, so a failing run can be replayed.
 */
import { mulberry32 } from '../../../demo/server/mulberry32';

/** How many tabs share the store. */
export const TABS = 3;

/** One step. `tab` is the index of the tab that runs it. */
export type ChaosOp =
  /** Logs `version` of the conversation: its history of `2 × version` messages. */
  | { kind: 'log'; tab: number; conversationId: string; version: number; big: boolean }
  /** Votes on a message; `version` counts the votes on that message. */
  | { kind: 'vote'; tab: number; conversationId: string; messageId: string; version: number; type: 'positive' | 'negative' }
  | { kind: 'event'; tab: number; conversationId: string; eventId: string }
  | { kind: 'delete'; tab: number; conversationId: string }
  /** Starts a flush without waiting for it. */
  | { kind: 'flush'; tab: number }
  /** Starts a flush, then reloads the tab `afterMs` later. */
  | { kind: 'reload'; tab: number; afterMs: number }
  /** Logs `version`, starts a flush, hides the page `hideAfterMs` later, then kills it `killAfterMs` after that. */
  | { kind: 'kill'; tab: number; conversationId: string; version: number; big: boolean; hideAfterMs: number; killAfterMs: number }
  /** Starts a flush in every tab, closes the browser `afterMs` later, and reopens the profile. */
  | { kind: 'restart'; afterMs: number }
  /** Lets the background work for a while. */
  | { kind: 'pause'; ms: number };

/** Operations that write to the outbox (what the run's operations/s counts). */
export type WriteOp = Extract<ChaosOp, { kind: 'log' | 'vote' | 'event' | 'delete' | 'kill' }>;
export const isWrite = (op: ChaosOp): op is WriteOp => ['log', 'vote', 'event', 'delete', 'kill'].includes(op.kind);

/** Messages of a conversation at `version`: a question and an answer per version. */
export const messageIdsAt = (conversationId: string, version: number): string[] =>
  Array.from({ length: version * 2 }, (_, index) => `${conversationId}-m${index}`);

/** Shares of the operations on `createAnalytics` (they sum to 1). */
const API_MIX = { log: 0.47, vote: 0.2, event: 0.12, delete: 0.07, flush: 0.14 } as const;
/** Accidents per operation; each run gets at least one of each. */
const ACCIDENTS = { reload: 0.03, kill: 0.008, restart: 0.004, pause: 0.03 } as const;

interface Live {
  id: string;
  version: number;
  big: boolean;
  votes: Map<string, number>;
  lastVoteAt: number;
}

/** The program of `ops` operations on `createAnalytics` for `seed`, with its accidents. */
export function makeProgram(seed: number, ops: number): ChaosOp[] {
  const random = mulberry32(seed);
  const int = (below: number) => Math.floor(random() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const live: Live[] = [];
  let conversations = 0;
  let events = 0;
  const program: ChaosOp[] = [];

  const accidentsAt = new Map<number, Array<keyof typeof ACCIDENTS>>();
  for (const [kind, rate] of Object.entries(ACCIDENTS) as Array<[keyof typeof ACCIDENTS, number]>) {
    const count = Math.max(1, Math.round(ops * rate));
    for (let n = 0; n < count; n++) {
      // Not in the first tenth: the queue should hold something when the accident happens.
      const at = Math.floor(ops * 0.1) + int(Math.ceil(ops * 0.9));
      accidentsAt.set(at, [...(accidentsAt.get(at) ?? []), kind]);
    }
  }

  function nextVersion(): Live {
    // A new conversation now and then, or when few are open; else a turn in an open one.
    if (live.length < 3 || random() < 0.18) {
      const created: Live = { id: `c${seed}-${conversations++}`, version: 0, big: random() < 0.1, votes: new Map(), lastVoteAt: -1 };
      live.push(created);
    }
    const conversation = live.length > 0 && random() < 0.5 ? (live.at(-1) as Live) : pick(live);
    conversation.version += 1;
    return conversation;
  }

  const logged = () => live.filter((conversation) => conversation.version > 0);

  function apiOp(index: number, tab: number): ChaosOp {
    let draw = random();
    for (const [kind, share] of Object.entries(API_MIX)) {
      draw -= share;
      if (draw >= 0) continue;
      const ready = logged();
      if (kind === 'vote' && ready.length > 0) {
        const conversation = pick(ready);
        const answers = messageIdsAt(conversation.id, conversation.version).filter((_, i) => i % 2 === 1);
        const messageId = pick(answers);
        const version = (conversation.votes.get(messageId) ?? 0) + 1;
        conversation.votes.set(messageId, version);
        conversation.lastVoteAt = index;
        return { kind: 'vote', tab, conversationId: conversation.id, messageId, version, type: random() < 0.5 ? 'positive' : 'negative' };
      }
      if (kind === 'event' && ready.length > 0) return { kind: 'event', tab, conversationId: pick(ready).id, eventId: `e${seed}-${events++}` };
      if (kind === 'delete' && ready.length > 1) {
        // Prefer a conversation voted on lately: its votes are likely still pending.
        const voted = ready.filter((conversation) => index - conversation.lastVoteAt < 12);
        const doomed = voted.length > 0 ? pick(voted) : pick(ready);
        live.splice(live.indexOf(doomed), 1);
        return { kind: 'delete', tab, conversationId: doomed.id };
      }
      if (kind === 'flush') return { kind: 'flush', tab };
      break;
    }
    const conversation = nextVersion();
    return { kind: 'log', tab, conversationId: conversation.id, version: conversation.version, big: conversation.big };
  }

  function accident(kind: keyof typeof ACCIDENTS, tab: number): ChaosOp {
    switch (kind) {
      case 'reload':
        return { kind: 'reload', tab, afterMs: int(300) };
      case 'restart':
        return { kind: 'restart', afterMs: 50 + int(400) };
      case 'pause':
        return { kind: 'pause', ms: 50 + int(450) };
      case 'kill': {
        const conversation = nextVersion();
        return { kind: 'kill', tab, conversationId: conversation.id, version: conversation.version, big: conversation.big, hideAfterMs: int(100), killAfterMs: int(100) };
      }
    }
  }

  for (let index = 0; index < ops; index++) {
    program.push(apiOp(index, int(TABS)));
    for (const kind of accidentsAt.get(index) ?? []) program.push(accident(kind, int(TABS)));
  }
  return program;
}
