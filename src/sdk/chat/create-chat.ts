import { batch } from '@preact/signals-core';
import type { UserProperties } from '../analytics/schemas';
import { systemClock } from '../clock';
import { ConfabError, ConfigError, toConfabError } from '../http/errors';
import { createAnswering } from './answer-turn';
import { createAsking } from './asking';
import type { Chat, ChatOptions, ChatSettings } from './chat-interface';
import { createChatState } from './chat-state';
import { createChatStore, type StoreChange } from './chat-store';
import { pageConnection } from './connection';
import { createConversationActions } from './conversation-actions';
import { createConversationLogger } from './conversation-logger';
import { createConversationReader } from './conversation-reader';
import { cutOffWhenOffline } from './cut-off-offline';
import { createFollowUps } from './follow-ups';
import { createFeedback } from './give-feedback';
import { resolveUser } from './identity';
import { createMessageUpdates } from './message-updates';
import { createOutsideMessages } from './outside-messages';
import { unsavedOf } from './place-turn';
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
  /** The options are the first settings, copied: a later change to the caller's object is no `configure`. */
  let settings: ChatSettings = { ...options };
  /** The analytics instance while logging is on: a withdrawn consent stops every new log at once. */
  const logTo = () => (settings.logging === false ? undefined : options.analytics);

  const state = createChatState({ text: options.welcome, starters: options.starters ?? [] });
  const { local, remote, conversation, messages, status, welcome, error } = state;

  let user: UserProperties = { identificationType: 'ANONYMOUS' };
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
  const outside = createOutsideMessages({ state, store, clock, updates, log, supersede: reader.supersede, report });
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
  const stopWatchingConnection = cutOffWhenOffline(options.connection ?? pageConnection(), () => answering.active);
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

  loadFromBackend(provider, clock, remoteLoads.signal, state, () => settings, report);

  const asking = createAsking({
    state,
    store,
    clock,
    answering,
    discarded,
    ready,
    divert: options.divert,
    disposed: () => disposing !== undefined,
    takeView: () => {
      view++;
      reader.supersede();
    },
    supersedeReads: reader.supersede,
    cancelFollowUps: followUps.cancel,
    log,
    background,
    report,
  });

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

    ...asking,

    async stop() {
      await answering.active?.stop(options.stopGraceMs ?? 3_000);
    },

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

    ...actions,

    search: (text) => searchConversations(store, text),

    outside,

    configure(next) {
      const changedUser = next.user !== settings.user;
      // Copied, as the first settings are: a later change to the caller's object is no `configure`.
      settings = { ...next };
      if (next.welcome !== undefined || next.starters !== undefined) welcome.value = { text: next.welcome, starters: next.starters ?? [] };
      if (changedUser) void resolveUser(next.user, store).then((resolved) => (user = resolved), report);
    },

    dispose() {
      disposing ??= (async () => {
        remoteLoads.abort();
        followUps.cancel();
        unsubscribe();
        stopWatchingConnection();
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
