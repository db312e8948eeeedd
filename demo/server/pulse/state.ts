/**
 * The in-memory data of the PulseAI reference server: conversations per end user, the
 * running generation tasks (for stop), pending scripts and the last signature headers.
 */
import type { ConversationRecord, MessageRecord } from './records';
import type { ScriptMode } from './script-modes';

/** A running streaming generation, addressed by `POST /chat-messages/{task_id}/stop`. */
export interface TaskRecord {
  id: string;
  user: string;
  conversation_id: string;
  message_id: string;
  /** Set by a stop from the same user; the stream checks it between chunks. */
  stopped: boolean;
}

/** What the last API request carried for PulseAI's signing scheme (§2.2). */
export interface SignatureRecord {
  method: string;
  /** Path and query as sent, base path included: what a signer would sign. */
  url: string;
  timestamp: string | null;
  signature: string | null;
  /** The raw request body ('' when none). */
  body: string;
  /** Server time (Unix seconds) when it arrived. */
  received_at: number;
}

/** The server's data. */
export interface PulseState {
  readonly conversations: Map<string, ConversationRecord>;
  readonly tasks: Map<string, TaskRecord>;
  /** Modes for the next `/chat-messages` requests, first one next. */
  readonly scripts: ScriptMode[];
  lastSignature: SignatureRecord | null;
  /** The conversation `id` when it belongs to `user`. */
  conversation(user: string, id: string): ConversationRecord | undefined;
  /** The message `id` with its conversation when it belongs to `user`. */
  message(user: string, id: string): { conversation: ConversationRecord; message: MessageRecord } | undefined;
  /** The next value of the ordering counter (see ConversationRecord's `*_seq`). */
  nextSeq(): number;
  /** Marks `conversation` as updated at `nowSeconds` (a new turn, a rename). */
  touch(conversation: ConversationRecord, nowSeconds: number): void;
  /** Forgets everything. */
  clear(): void;
  /** Plain JSON for `GET __state`. */
  snapshot(): unknown;
}

/** Creates empty state. */
export function createPulseState(): PulseState {
  const conversations = new Map<string, ConversationRecord>();
  const tasks = new Map<string, TaskRecord>();
  const scripts: ScriptMode[] = [];
  let seq = 0;

  const state: PulseState = {
    conversations,
    tasks,
    scripts,
    lastSignature: null,
    conversation(user, id) {
      const found = conversations.get(id);
      // Another user's conversation is reported exactly like a missing one (§12).
      return found?.user === user ? found : undefined;
    },
    message(user, id) {
      for (const conversation of conversations.values()) {
        if (conversation.user !== user) continue;
        const message = conversation.messages.find((m) => m.id === id);
        if (message) return { conversation, message };
      }
      return undefined;
    },
    nextSeq() {
      seq += 1;
      return seq;
    },
    touch(conversation, nowSeconds) {
      conversation.updated_at = nowSeconds;
      conversation.updated_seq = state.nextSeq();
    },
    clear() {
      conversations.clear();
      tasks.clear();
      scripts.length = 0;
      state.lastSignature = null;
    },
    snapshot() {
      const all = [...conversations.values()];
      const feedback = all.flatMap((c) =>
        c.messages.flatMap((m) => (m.feedback ? [{ message_id: m.id, conversation_id: c.id, user: c.user, ...m.feedback }] : [])),
      );
      return {
        conversations: all,
        feedback,
        tasks: [...tasks.values()],
        scripts: [...scripts],
        lastSignature: state.lastSignature,
      };
    },
  };
  return state;
}
