import { batch } from '@preact/signals-core';
import type { Clock } from '../clock';
import type { ChatProvider } from '../providers/chat-provider';
import type { ChatState } from './chat-state';
import type { ChatStore } from './chat-store';
import type { ChatMessage, StoredConversation } from './chat-types';
import type { createMessageUpdates } from './message-updates';
import { runTurn, type ActiveTurn } from './run-turn';
import type { StreamLiveness } from './stream-liveness';

/** The start of a message, for the conversation list. */
export const preview = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 120);

/** What {@link createAnswering} needs from the controller. */
export interface AnsweringOptions {
  state: ChatState;
  store: ChatStore;
  provider: ChatProvider;
  clock: Clock;
  liveness: StreamLiveness;
  writeIntervalMs: number;
  messages: ReturnType<typeof createMessageUpdates>;
  /** Conversations deleted while a turn of theirs ran: its end must not write them back. */
  discarded: ReadonlySet<string>;
  log(conversation: StoredConversation, seen: readonly ChatMessage[]): Promise<void>;
  report(problem: unknown): void;
  /** A finished answer, saved and logged. */
  onAnswered(conversationId: string, message: ChatMessage): void;
  /** Reads the open conversation again after a turn: another tab may have added to it meanwhile. */
  catchUp(conversationId: string): void;
  /** Offers follow-up questions after a finished answer. */
  followUp(reply: ChatMessage): void;
}

/**
 * Runs answers: one at a time, from the stream to the final write, the conversation's record,
 * the log and the catch-up with other tabs. `finished` is the tail of the answer running now,
 * which `dispose()` waits for so that a turn cut off by an unmount is still saved and logged.
 */
export function createAnswering(options: AnsweringOptions) {
  const { state, store, clock } = options;
  let active: ActiveTurn | undefined;
  let running: Promise<void> = Promise.resolve();

  /**
   * Runs one answer for `target` to the end, then saves, logs and offers follow-ups. Takes
   * the conversation and its history as the caller saw them: the open conversation may change
   * meanwhile. Whatever happens, status and draft are reset.
   */
  async function answer(target: StoredConversation, reply: ChatMessage, history: readonly ChatMessage[]) {
    state.error.value = undefined;
    state.status.value = 'streaming';
    const discarded = () => options.discarded.has(target.id);
    try {
      const turn = runTurn({
        provider: options.provider,
        conversation: target,
        reply,
        history,
        clock,
        liveness: options.liveness,
        writeIntervalMs: options.writeIntervalMs,
        onDraft: (next) => (state.draft.value = next),
        onMessage: options.messages.show,
        save: (message) => (discarded() ? Promise.resolve() : store.saveMessages([message])),
        onProviderConversation: async (providerConversationId) => {
          const written = await store.updateConversation(target.id, (current) => current && { ...current, providerConversationId });
          if (written && state.conversation.peek()?.id === target.id) state.conversation.value = written;
        },
      });
      active = turn;
      const finished = await turn.finished;
      active = undefined;
      batch(() => {
        state.draft.value = undefined;
        options.messages.show(finished);
      });
      if (discarded()) return;
      if (turn.saveError) options.report(turn.saveError);
      const saved = await finish(target, reply, finished);
      if (!saved) return;
      if (finished.status === 'error') return options.report(turn.failure);
      await options.log(saved, [...history, finished]).catch(options.report);
      options.onAnswered(target.id, finished);
      if (finished.status === 'done') options.followUp(finished);
    } catch (problem) {
      options.report(problem);
    } finally {
      active = undefined;
      batch(() => {
        state.draft.value = undefined;
        state.status.value = 'idle';
      });
      options.catchUp(target.id);
    }
  }

  /**
   * The conversation's record after the answer, changed atomically from what is stored (a
   * rename or another tab's turn may have changed it); `undefined` when it was deleted.
   */
  async function finish(target: StoredConversation, reply: ChatMessage, finished: ChatMessage): Promise<StoredConversation | undefined> {
    let saved: StoredConversation | undefined;
    try {
      saved = await store.updateConversation(target.id, (current) => {
        if (!current) return undefined;
        const messageCount = Math.max(current.messageCount, reply.index + 1);
        return {
          ...current,
          status: finished.status === 'error' ? 'error' : 'idle',
          updatedAt: clock.now(),
          messageCount,
          // The preview is the conversation's last message: an earlier answer retried is not it.
          preview: reply.index + 1 >= messageCount ? preview(finished.content || finished.error?.message || '') : current.preview,
        };
      });
    } catch (problem) {
      // Storage refused: the turn is still shown and logged from what the reader saw.
      options.report(problem);
      saved = { ...target, status: finished.status === 'error' ? 'error' : 'idle', updatedAt: clock.now() };
    }
    if (!saved) return undefined;
    const written = saved;
    if (state.conversation.peek()?.id === written.id) state.conversation.value = written;
    state.local.value = [written, ...state.local.peek().filter((item) => item.id !== written.id)];
    return written;
  }

  return {
    /** Starts an answer; resolves when it is saved and logged. */
    answer(target: StoredConversation, reply: ChatMessage, history: readonly ChatMessage[]): Promise<void> {
      const run = answer(target, reply, history);
      running = run;
      return run;
    },
    get active(): ActiveTurn | undefined {
      return active;
    },
    /** The answer running now, if any, to its end (saved and logged). */
    finished: (): Promise<void> => running,
  };
}

/** The controller's answering. */
export type Answering = ReturnType<typeof createAnswering>;
