import { batch } from '@preact/signals-core';
import type { Clock } from '../clock';
import { ConfabError } from '../http/errors';
import { randomId } from '../random-id';
import { preview, type createAnswering } from './answer-turn';
import type { ChatState } from './chat-state';
import type { ChatStore } from './chat-store';
import type { ChatMessage, StoredConversation } from './chat-types';
import { historyBefore, keepUnsaved, newConversation, placeTurn } from './place-turn';

/** What {@link createAsking} needs from the controller. */
export interface AskingOptions {
  state: ChatState;
  store: ChatStore;
  clock: Clock;
  answering: ReturnType<typeof createAnswering>;
  /** Conversations deleted while a turn of theirs ran: what the store could not keep of them is not written back. */
  discarded: ReadonlySet<string>;
  /** Resolves once what is kept in this browser is loaded. */
  ready: Promise<void>;
  /** Asked first: a promise when the text goes elsewhere than the model (see ChatOptions.divert). */
  divert: ((text: string, conversation: StoredConversation) => Promise<void> | undefined) | undefined;
  /** Whether the controller was disposed: nothing more is asked. */
  disposed(): boolean;
  /** Starts a new view of the open conversation (an open that finishes after it is dropped), and supersedes reads under way. */
  takeView(): void;
  supersedeReads(): void;
  cancelFollowUps(): void;
  log(conversation: StoredConversation, seen: readonly ChatMessage[], asked: boolean): Promise<void>;
  background(work: Promise<unknown>): void;
  report(problem: unknown): void;
}

/**
 * What asks the model, one answer at a time: `send`, `retry` and `regenerate`.
 */
export function createAsking(options: AskingOptions) {
  const { state, store, clock, answering } = options;
  const { conversation, messages, local } = state;
  /** Set synchronously by whatever starts a turn, so two sends in a row cannot both start one. */
  let busy = false;

  /** Marks the controller busy, or refuses: one answer at a time. */
  function claim() {
    if (options.disposed()) throw new ConfabError('closed', 'The chat was disposed: create a new one.');
    if (busy) throw new ConfabError('busy', 'An answer is still arriving: stop it or wait for it before sending.');
    busy = true;
  }

  /**
   * Shows the question and a pending answer at once, keeps the question in the store before
   * anything is sent (whatever fails next, it is not lost), logs it as asked, and runs the answer.
   */
  async function send(text: string): Promise<void> {
    const question = text.trim();
    if (!question) return;
    const shown = conversation.peek();
    const diverted = shown && options.divert?.(question, shown);
    if (diverted) return diverted;
    claim();
    try {
      await options.ready;
      options.cancelFollowUps();
      const now = clock.now();
      const current = conversation.peek();
      const base = current ?? newConversation(question, now);
      const asked = { id: randomId('msg_'), conversationId: base.id, role: 'user' as const, content: question, status: 'done' as const, createdAt: now, updatedAt: now };
      const pending = { id: randomId('msg_'), conversationId: base.id, role: 'assistant' as const, content: '', status: 'pending' as const, createdAt: now, updatedAt: now };
      // Shown at once, after what is on screen; the store then gives the places for good.
      const onScreen = current ? messages.peek() : [];
      const next = (onScreen.at(-1)?.index ?? -1) + 1;
      let placedAsked: ChatMessage = { ...asked, index: next };
      let reply: ChatMessage = { ...pending, index: next + 1 };
      options.takeView();
      batch(() => {
        conversation.value = { ...base, status: 'streaming', updatedAt: now, messageCount: next + 2, preview: preview(question) };
        messages.value = [...onScreen, placedAsked, reply];
      });
      let target = conversation.peek()!;
      try {
        // What the store could not keep before goes in first, in its places, now that it may.
        if (current && !options.discarded.has(current.id)) await keepUnsaved(store, current, onScreen);
        // The question is kept before anything is sent: whatever fails next, it is not lost.
        const placed = await placeTurn(store, clock, base, !current, asked, pending);
        target = placed.conversation;
        [placedAsked, reply] = placed.messages as [ChatMessage, ChatMessage];
        local.value = [target, ...local.peek().filter((item) => item.id !== target.id)];
      } catch (storageError) {
        options.report(storageError);
      }
      const history = [...(await historyBefore(store, messages.peek(), target.id, placedAsked.index)), placedAsked];
      options.supersedeReads();
      batch(() => {
        conversation.value = target;
        messages.value = [...history, reply];
      });
      // Logged as asked, without prompting a delivery: the answer's log usually replaces it,
      // and if the page closes first the question still reaches the server.
      options.background(options.log(target, messages.peek(), true));
      await answering.answer(target, reply, history);
    } finally {
      busy = false;
    }
  }

  /** Answers anew in place of `previous` (under `id`: the same for a retry, a new one to regenerate). */
  async function reanswer(find: (messages: readonly ChatMessage[]) => ChatMessage | undefined, newId: (previous: ChatMessage) => string) {
    claim();
    try {
      await options.ready;
      const target = conversation.peek();
      const previous = find(messages.peek());
      if (!target || !previous) return;
      options.cancelFollowUps();
      const reply: ChatMessage = { id: newId(previous), conversationId: target.id, index: previous.index, role: 'assistant', content: '', status: 'pending', createdAt: clock.now(), updatedAt: clock.now() };
      options.supersedeReads();
      messages.value = messages.peek().map((message) => (message.id === previous.id ? reply : message));
      const history = await historyBefore(store, messages.peek(), target.id, reply.index);
      await store.saveMessages([reply]);
      await answering.answer(target, reply, history);
    } finally {
      busy = false;
    }
  }

  return {
    send,
    /** Answers again a turn that failed or was cut off (the last one by default). */
    retry: (messageId?: string) =>
      reanswer(
        (list) => list.findLast((message) => message.role === 'assistant' && (messageId ? message.id === messageId : message.status === 'error' || message.status === 'interrupted')),
        (previous) => previous.id,
      ),
    /** Replaces the last answer with a new one. */
    regenerate: () =>
      reanswer(
        (list) => {
          const last = list.at(-1);
          return last?.role === 'assistant' ? last : undefined;
        },
        () => randomId('msg_'),
      ),
  };
}
