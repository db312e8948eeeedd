import { batch } from '@preact/signals-core';
import type { UserProperties } from '../analytics/schemas';
import { systemClock } from '../clock';
import { ConfabError, ConfigError, toConfabError } from '../http/errors';
import { randomId } from '../random-id';
import { createAnswering, preview } from './answer-turn';
import type { Chat, ChatOptions, ChatSettings } from './chat-interface';
import { createChatState } from './chat-state';
import { createChatStore, type StoreChange } from './chat-store';
import type { ChatMessage } from './chat-types';
import { createConversationActions } from './conversation-actions';
import { createConversationLogger } from './conversation-logger';
import { createConversationReader } from './conversation-reader';
import { createFollowUps } from './follow-ups';
import { createFeedback } from './give-feedback';
import { resolveUser } from './identity';
import { createMessageUpdates } from './message-updates';
import { createOutsideMessages } from './outside-messages';
import { historyBefore, keepUnsaved, newConversation, placeTurn, unsavedOf } from './place-turn';
import { importRemoteConversation, loadFromBackend, withoutStored } from './remote-conversations';
import { searchConversations } from './search-conversations';
import { createStreamLiveness } from './stream-liveness';

export type { Chat, ChatEvent, ChatOptions, ChatSettings, FeedbackReasons } from './chat-interface';
export type { ChatStatus, ConversationSummary, Draft } from './chat-state';
export type { SearchResult } from './search-conversations';

/**
 * Creates the chat controller: it runs turns against the provider, keeps every conversation
 * in the store (so nothing is lost on reload), follows other tabs, and logs each turn's FULL
 * history to the analytics outbox — when the question is asked and when the answer ends,
 * never per token.
 */
export function createChat(options: ChatOptions): Chat {
  const { provider } = options;
  const clock = options.clock ?? systemClock;
  const onError = options.onError ?? ((error: ConfabError) => console.error('[confab]', error));
  const store = options.store ?? createChatStore({ onError: (error) => report(error) });
  const liveness = options.liveness ?? createStreamLiveness(() => clock.now());
  const pageUrl = options.pageUrl ?? (() => (typeof location === 'undefined' ? undefined : location.origin + location.pathname));
  let settings: ChatSettings = { user: options.user, tags: options.tags, properties: options.properties, welcome: options.welcome, starters: options.starters, suggest: options.suggest, logging: options.logging };
  /** The analytics instance while logging is on: a withdrawn consent stops every new log at once. */
  const logTo = () => (settings.logging === false ? undefined : options.analytics);

  const state = createChatState({ text: options.welcome, starters: options.starters ?? [] });
  const { local, remote, conversation, messages, status, welcome, error } = state;

  let user: UserProperties = { identificationType: 'ANONYMOUS' };
  /** Set synchronously by whatever starts a turn, so two sends in a row cannot both start one. */
  let busy = false;
  /** Bumped by every change of the open conversation: an open that finishes after a newer one is dropped. */
  let view = 0;
  /** Conversations deleted while a turn of theirs ran: its end must not write them back. */
  const discarded = new Set<string>();
  /** The backend's welcome and conversation list, loaded in the background until `dispose()`. */
  const remoteLoads = new AbortController();
  let disposing: Promise<void> | undefined;

  /** Work started in the background (reads, logs): `dispose()` lets it end before anything closes. */
  const inFlight = new Set<Promise<unknown>>();
  function background(work: Promise<unknown>) {
    const tracked = work.catch(report).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  function report(problem: unknown) {
    const confabError = toConfabError(problem);
    error.value = confabError;
    onError(confabError);
    options.onEvent?.({ type: 'error', error: confabError });
  }

  const log = createConversationLogger(logTo, store, () => ({ user, provider, tags: settings.tags, properties: settings.properties, pageUrl: pageUrl() }));
  const updates = createMessageUpdates(state, store);
  const followUps = createFollowUps({ provider, store, updates, settings: () => settings, report });
  const reader = createConversationReader({
    store,
    clock,
    liveness,
    activeMessageId: () => answering.active?.messageId,
    onInterrupted: (stored, list) => background(log(stored, list)),
  });
  const outside = createOutsideMessages({ state, store, clock, updates, log: (stored, seen) => log(stored, seen), supersede: () => reader.supersede(), report });
  const answering = createAnswering({
    state,
    store,
    provider,
    clock,
    liveness,
    writeIntervalMs: options.writeIntervalMs ?? 250,
    messages: updates,
    discarded,
    log: (stored, seen) => (discarded.has(stored.id) ? Promise.resolve() : log(stored, seen)),
    report,
    onAnswered: (conversationId, message) => options.onEvent?.({ type: 'message', conversationId, message }),
    catchUp: (id) => {
      if (conversation.peek()?.id === id && !disposing) background(open(id, view, true));
    },
    followUp: (reply) => void followUps.offer(reply),
  });

  async function refreshList() {
    const stored = await store.listConversations();
    local.value = stored;
    remote.value = withoutStored(remote.peek(), stored);
  }

  /** Marks this controller busy, or refuses: one answer at a time. */
  function claim() {
    if (disposing) throw new ConfabError('closed', 'The chat was disposed: create a new one.');
    if (busy) throw new ConfabError('busy', 'An answer is still arriving: stop it or wait for it before sending.');
    busy = true;
  }

  /**
   * Opens a conversation's stored messages, if nothing else was opened (or read later)
   * meanwhile. What is on screen of it that the store could not keep (a full disk) stays.
   * `catchingUp`: the read after a turn, which finds nothing when the store kept none of it.
   */
  async function open(id: string, generation: number, catchingUp = false) {
    const read = await reader.read(id);
    if (read === 'gone') {
      if (catchingUp) return;
      throw new ConfigError('id', `There is no conversation "${id}" to open.`);
    }
    if (!read || generation !== view) return;
    const unsaved = unsavedOf(read.messages, messages.peek(), id);
    batch(() => {
      conversation.value = read.conversation;
      messages.value = unsaved.length ? [...read.messages, ...unsaved].sort((a, b) => a.index - b.index) : read.messages;
    });
  }

  function onStoreChange(change: StoreChange) {
    const openId = conversation.peek()?.id;
    // Messages written elsewhere (every 250 ms while another tab streams) change no
    // conversation record: only the open conversation's messages need reading again.
    if (change.type !== 'messages') background(refreshList());
    if (change.type === 'deleted') {
      // Deleted in another tab: a turn of this tab's in it, answering or being saved and
      // logged, stops and writes nothing back.
      discarded.add(change.conversationId);
      if (answering.active?.conversationId === change.conversationId) answering.active.abort();
    }
    if (change.conversationId !== openId) return;
    if (change.type === 'deleted') return chat.newConversation();
    // This tab's own answer is newer in memory than anything another tab could write; the
    // turn catches up when it ends.
    if (answering.active?.conversationId === openId) return;
    background(open(openId, view));
  }
  const unsubscribe = store.subscribe(onStoreChange);
  const actions = createConversationActions({
    state,
    store,
    provider,
    analytics: options.analytics,
    answering,
    discarded,
    onEvent: options.onEvent,
    report,
    startNew: () => chat.newConversation(),
  });

  /** Only what is kept here: the backend's welcome and list load apart, and never hold a question back. */
  const ready = (async () => {
    const [resolved] = await Promise.all([resolveUser(settings.user, store), refreshList()]);
    user = resolved;
    // A reload, or the next page of the site, continues where the reader was: the latest
    // conversation opens, unless the reader has started or opened one meanwhile (generation 0).
    const latest = local.peek()[0];
    if (latest) background(open(latest.id, 0));
    if (status.peek() === 'loading') status.value = 'idle';
    // Turns a closed page left streaming are found, marked and logged, opened or not.
    background(reader.recover(local.peek().filter((item) => item.id !== latest?.id)));
  })().catch(report);

  loadFromBackend(provider, clock, remoteLoads.signal, {
    wantWelcome: !options.starters && !options.welcome,
    onWelcome: (greeting) => !settings.welcome && !settings.starters && (welcome.value = greeting),
    onList: (summaries) => (remote.value = withoutStored(summaries, local.peek())),
    report,
  });

  /** Answers anew in place of `previous` (under `id`: the same for a retry, a new one to regenerate). */
  async function reanswer(find: (messages: readonly ChatMessage[]) => ChatMessage | undefined, newId: (previous: ChatMessage) => string) {
    claim();
    try {
      await ready;
      const target = conversation.peek();
      const previous = find(messages.peek());
      if (!target || !previous) return;
      followUps.cancel();
      const reply: ChatMessage = { id: newId(previous), conversationId: target.id, index: previous.index, role: 'assistant', content: '', status: 'pending', createdAt: clock.now(), updatedAt: clock.now() };
      reader.supersede();
      messages.value = messages.peek().map((message) => (message.id === previous.id ? reply : message));
      const history = await historyBefore(store, messages.peek(), target.id, reply.index);
      await store.saveMessages([reply]);
      await answering.answer(target, reply, history);
    } finally {
      busy = false;
    }
  }

  const chat: Chat = {
    conversations: state.conversations,
    conversation,
    messages,
    draft: state.draft,
    status,
    suggestions: state.suggestions,
    welcome,
    error,
    ready,

    async send(text) {
      const question = text.trim();
      if (!question) return;
      const shown = conversation.peek();
      const diverted = shown && options.divert?.(question, shown);
      if (diverted) return diverted;
      claim();
      try {
        await ready;
        followUps.cancel();
        const now = clock.now();
        const current = conversation.peek();
        const base = current ?? newConversation(question, now);
        const asked = { id: randomId('msg_'), conversationId: base.id, role: 'user' as const, content: question, status: 'done' as const, createdAt: now, updatedAt: now };
        const pending = { id: randomId('msg_'), conversationId: base.id, role: 'assistant' as const, content: '', status: 'pending' as const, createdAt: now, updatedAt: now };
        // Shown at once, after what is on screen; the store then gives the places for good.
        const shown = current ? messages.peek() : [];
        const next = (shown.at(-1)?.index ?? -1) + 1;
        view++;
        reader.supersede();
        batch(() => {
          conversation.value = { ...base, status: 'streaming', updatedAt: now, messageCount: next + 2, preview: preview(question) };
          messages.value = [...shown, { ...asked, index: next }, { ...pending, index: next + 1 }];
        });
        let target = conversation.peek()!;
        let placedAsked: ChatMessage = { ...asked, index: next };
        let reply: ChatMessage = { ...pending, index: next + 1 };
        try {
          // What the store could not keep before goes in first, in its places, now that it may.
          if (current && !discarded.has(current.id)) await keepUnsaved(store, current, shown);
          // The question is kept before anything is sent: whatever fails next, it is not lost.
          const placed = await placeTurn(store, clock, base, !current, asked, pending);
          target = placed.conversation;
          [placedAsked, reply] = placed.messages as [ChatMessage, ChatMessage];
          local.value = [target, ...local.peek().filter((item) => item.id !== target.id)];
        } catch (storageError) {
          report(storageError);
        }
        const history = [...(await historyBefore(store, messages.peek(), target.id, placedAsked.index)), placedAsked];
        reader.supersede();
        batch(() => {
          conversation.value = target;
          messages.value = [...history, reply];
        });
        // Logged as asked, without prompting a delivery: the answer's log usually replaces it,
        // and if the page closes first the question still reaches the server.
        background(log(target, messages.peek(), true));
        await answering.answer(target, reply, history);
      } finally {
        busy = false;
      }
    },

    async stop() {
      await answering.active?.stop(options.stopGraceMs ?? 3_000);
    },

    retry: (messageId) =>
      reanswer(
        (list) => list.findLast((message) => message.role === 'assistant' && (messageId ? message.id === messageId : message.status === 'error' || message.status === 'interrupted')),
        (previous) => previous.id,
      ),

    regenerate: () =>
      reanswer(
        (list) => {
          const last = list.at(-1);
          return last?.role === 'assistant' ? last : undefined;
        },
        () => randomId('msg_'),
      ),

    setFeedback: createFeedback({ state, updates, analytics: logTo, provider, clock, user: () => user, onEvent: options.onEvent, report }),

    newConversation() {
      view++;
      followUps.cancel();
      batch(() => {
        conversation.value = undefined;
        messages.value = [];
        error.value = undefined;
      });
    },

    async selectConversation(id) {
      const generation = ++view;
      followUps.cancel();
      await ready;
      const summary = state.conversations.peek().find((item) => item.id === id);
      const streaming = () => (answering.active ? 'streaming' : 'idle');
      status.value = answering.active ? 'streaming' : 'loading';
      try {
        if (summary?.remote && provider.conversations) {
          const imported = await importRemoteConversation(summary, provider.conversations, store, clock);
          // The refresh drops the remote summary: the import has its provider id.
          await refreshList();
          await open(imported.id, generation);
        } else {
          await open(id, generation);
        }
      } catch (problem) {
        report(problem);
      } finally {
        status.value = streaming();
      }
    },

    renameConversation: (id, title) => actions.rename(id, title),

    deleteConversation: (id) => actions.delete(id),

    search: (text) => searchConversations(store, text),

    outside,

    configure(next) {
      const changedUser = next.user !== settings.user;
      settings = next;
      if (next.welcome !== undefined || next.starters !== undefined) welcome.value = { text: next.welcome, starters: next.starters ?? [] };
      if (changedUser) void resolveUser(next.user, store).then((resolved) => (user = resolved), report);
    },

    dispose() {
      disposing ??= (async () => {
        remoteLoads.abort();
        followUps.cancel();
        unsubscribe();
        answering.active?.abort('interrupted');
        // The cut-off turn is saved and logged, and reads under way end, before anything closes.
        await answering.finished();
        await Promise.all(inFlight);
        if (!options.store) store.close();
      })();
      return disposing;
    },
  };
  return chat;
}
