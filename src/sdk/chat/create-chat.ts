import { batch, computed, signal, type ReadonlySignal } from '@preact/signals-core';
import type { AnalyticsCore } from '../analytics/analytics-core';
import type { UserProperties } from '../analytics/schemas';
import { systemClock, type Clock } from '../clock';
import { ConfabError, ConfigError, toConfabError } from '../http/errors';
import type { ChatProvider, Welcome } from '../providers/chat-provider';
import { randomId } from '../random-id';
import { createChatStore, type ChatStore, type StoreChange } from './chat-store';
import type { ChatMessage, StoredConversation } from './chat-types';
import { toLoggedConversation } from './conversation-log';
import { resolveUser, type ChatUser } from './identity';
import { createStreamLiveness, type StreamLiveness } from './stream-liveness';
import { runTurn, type ActiveTurn } from './run-turn';
import { importRemoteConversation, remoteSummaries } from './remote-conversations';

/** What the controller tells its host (the widget turns these into DOM events). */
export type ChatEvent =
  /** An answer finished (`done`) or was stopped; it has been logged. */
  | { type: 'message'; conversationId: string; message: ChatMessage }
  | { type: 'feedback'; conversationId: string; messageId: string; rating: 'positive' | 'negative' | null; reasons?: string[] | undefined; details?: string | undefined }
  | { type: 'delete'; conversationId: string }
  | { type: 'error'; error: ConfabError };

/** A conversation in the list: stored here, or (`remote`) known only from the backend's list. */
export type ConversationSummary = StoredConversation & { remote?: boolean | undefined };

/** The reasons of a negative vote: standard labels and free text. */
export interface FeedbackReasons {
  labels?: string[] | undefined;
  details?: string | undefined;
}

/** A match of {@link Chat.search}. */
export interface SearchResult {
  conversationId: string;
  title: string;
  /** The matching message, when the match is in a message rather than the title. */
  messageId?: string | undefined;
  /** Text around the match. */
  snippet: string;
}

/** Options of {@link createChat}. */
export interface ChatOptions {
  provider: ChatProvider;
  /** Default: `createChatStore()` (IndexedDB `confab-chat-default`). */
  store?: ChatStore | undefined;
  /** Where finished turns, feedback and deletes are logged (`createAnalytics(…)`). */
  analytics?: Pick<AnalyticsCore, 'logConversation' | 'logFeedback' | 'withdrawFeedback' | 'deleteConversation'> | undefined;
  /** The signed-in user, logged as `ID_PROVIDED`; without it a visitor id kept in IndexedDB (`COOKIED`). */
  user?: ChatUser | undefined;
  /** Logged with every conversation. */
  tags?: string[] | undefined;
  properties?: Record<string, unknown> | undefined;
  /** Greeting and starter questions; the backend's (PulseAI `/parameters`) when not given. */
  welcome?: string | undefined;
  starters?: string[] | undefined;
  /** Follow-up questions after an answer, when the backend offers none. */
  suggest?: ((messages: readonly ChatMessage[]) => string[] | Promise<string[]>) | undefined;
  onEvent?: ((event: ChatEvent) => void) | undefined;
  /** Default: `console.error`. */
  onError?: ((error: ConfabError) => void) | undefined;
  /** Longest wait for the server to end a stopped answer (PulseAI) before cutting it locally. Default 3 s. */
  stopGraceMs?: number | undefined;
  /** Writes of a streaming answer are at most this often. Default 250 ms. */
  writeIntervalMs?: number | undefined;
  /** Logged as `properties.pageUrl`. Default: `location.href`. */
  pageUrl?: (() => string | undefined) | undefined;
  clock?: Clock | undefined;
  liveness?: StreamLiveness | undefined;
}

/** `loading` while a conversation opens; `streaming` while an answer arrives. */
export type ChatStatus = 'loading' | 'idle' | 'streaming';

/** The answer arriving now, updated per piece of text without touching the message list. */
export interface Draft {
  messageId: string;
  conversationId: string;
  content: string;
}

/** The chat controller: state as signals, operations as methods. */
export interface Chat {
  readonly conversations: ReadonlySignal<ConversationSummary[]>;
  /** The open conversation; `undefined` for a new one not yet sent. */
  readonly conversation: ReadonlySignal<StoredConversation | undefined>;
  readonly messages: ReadonlySignal<readonly ChatMessage[]>;
  readonly draft: ReadonlySignal<Draft | undefined>;
  readonly status: ReadonlySignal<ChatStatus>;
  /** Starters for an empty conversation, else the follow-ups of the last answer. */
  readonly suggestions: ReadonlySignal<string[]>;
  readonly welcome: ReadonlySignal<Welcome>;
  /** The last error, cleared by the next successful turn. */
  readonly error: ReadonlySignal<ConfabError | undefined>;
  /** Resolves once the list, the user and the welcome are loaded. */
  readonly ready: Promise<void>;
  send(text: string): Promise<void>;
  stop(): Promise<void>;
  /** Answers again a turn that failed or was cut off (the last one by default). */
  retry(messageId?: string): Promise<void>;
  /** Replaces the last answer with a new one. */
  regenerate(): Promise<void>;
  setFeedback(messageId: string, rating: 'positive' | 'negative' | null, reasons?: FeedbackReasons): Promise<void>;
  newConversation(): void;
  selectConversation(id: string): Promise<void>;
  renameConversation(id: string, title: string): Promise<void>;
  deleteConversation(id: string): Promise<void>;
  search(text: string): Promise<SearchResult[]>;
  dispose(): void;
}

const TITLE_LENGTH = 60;
const preview = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 120);

/**
 * Creates the chat controller: it runs turns against the provider, keeps every conversation
 * in the store (so nothing is lost on reload), follows other tabs, and logs each finished
 * turn's FULL history to the analytics outbox — never per token.
 */
export function createChat(options: ChatOptions): Chat {
  const { provider, analytics } = options;
  const clock = options.clock ?? systemClock;
  const store = options.store ?? createChatStore({ onError: (error) => report(error) });
  const liveness = options.liveness ?? createStreamLiveness(() => clock.now());
  const onError = options.onError ?? ((error: ConfabError) => console.error('[confab]', error));
  const pageUrl = options.pageUrl ?? (() => (typeof location === 'undefined' ? undefined : location.href));

  const local = signal<StoredConversation[]>([]);
  const remote = signal<ConversationSummary[]>([]);
  const conversation = signal<StoredConversation | undefined>(undefined);
  const messages = signal<readonly ChatMessage[]>([]);
  const draft = signal<Draft | undefined>(undefined);
  const status = signal<ChatStatus>('loading');
  const welcome = signal<Welcome>({ text: options.welcome, starters: options.starters ?? [] });
  const error = signal<ConfabError | undefined>(undefined);
  const conversations = computed<ConversationSummary[]>(() => [...local.value, ...remote.value].sort((a, b) => b.updatedAt - a.updatedAt));
  const suggestions = computed(() => {
    const list = messages.value;
    const last = list.at(-1);
    if (list.length === 0) return welcome.value.starters;
    return last?.role === 'assistant' && last.status === 'done' && !draft.value ? (last.suggestions ?? []) : [];
  });

  let user: UserProperties = { identificationType: 'ANONYMOUS' };
  let active: ActiveTurn | undefined;
  /** Set synchronously by whatever starts a turn, so two sends in a row cannot both start one. */
  let busy = false;
  /** Bumped by every change of the open conversation: an open that finishes after a newer one is dropped. */
  let view = 0;
  /** Conversations deleted while a turn of theirs ran: its end must not write them back. */
  const discarded = new Set<string>();
  /** Follow-up requests in flight, cancelled when what they are for goes away. */
  let followUps = new AbortController();
  let disposed = false;

  function report(problem: unknown) {
    const confabError = toConfabError(problem);
    error.value = confabError;
    onError(confabError);
    options.onEvent?.({ type: 'error', error: confabError });
  }

  const withoutStored = (summaries: ConversationSummary[], stored: readonly StoredConversation[]) =>
    summaries.filter((summary) => !stored.some((item) => item.providerConversationId === summary.providerConversationId));

  async function refreshList() {
    const stored = await store.listConversations();
    local.value = stored;
    remote.value = withoutStored(remote.peek(), stored);
  }

  /** Shows a new version of a message that is on screen; one that is not (replaced, deleted) stays gone. */
  function showMessage(message: ChatMessage) {
    if (conversation.peek()?.id !== message.conversationId) return;
    const list = messages.peek();
    if (list.some((item) => item.id === message.id)) messages.value = list.map((item) => (item.id === message.id ? message : item));
  }

  /**
   * Changes a message where it is now: merged into the stored version atomically, and only
   * if the message is still there, so a late change (follow-ups, a vote) never brings back
   * an answer that was regenerated or deleted meanwhile.
   */
  async function patchMessage(message: ChatMessage, patch: (latest: ChatMessage) => ChatMessage) {
    const written = await store.updateMessage(message.conversationId, message.index, (current) => (current?.id === message.id ? patch(current) : current));
    if (written?.id === message.id) showMessage(written);
  }

  async function saveConversation(next: StoredConversation) {
    if (discarded.has(next.id)) return;
    if (conversation.peek()?.id === next.id) conversation.value = next;
    local.value = [next, ...local.peek().filter((item) => item.id !== next.id)];
    await store.saveConversation(next);
  }

  /** Logs `conversation` (as just saved) with its full history. */
  async function log(conversation: StoredConversation) {
    if (!analytics || discarded.has(conversation.id)) return;
    const history = await store.listMessages(conversation.id);
    const context = { user, provider, tags: options.tags, properties: options.properties, pageUrl: pageUrl() };
    await analytics.logConversation(toLoggedConversation(conversation, history, context));
  }

  /** Marks this controller busy, or refuses: one answer at a time. */
  function claim() {
    if (busy) throw new ConfabError('busy', 'An answer is still arriving: stop it or wait for it before sending.');
    busy = true;
  }

  /**
   * Runs one answer for `target` to the end, then saves, logs and offers follow-ups. Takes
   * the conversation and its history as the caller saw them: the open conversation may
   * change meanwhile. Whatever happens, status, draft and the busy mark are reset.
   */
  async function answer(target: StoredConversation, reply: ChatMessage, history: readonly ChatMessage[]) {
    error.value = undefined;
    status.value = 'streaming';
    try {
      const turn = runTurn({
        provider,
        conversation: target,
        reply,
        history,
        clock,
        liveness,
        writeIntervalMs: options.writeIntervalMs ?? 250,
        onDraft: (next) => (draft.value = next),
        onMessage: showMessage,
        save: (message) => (discarded.has(target.id) ? Promise.resolve() : store.saveMessages([message])),
        onProviderConversation: (providerConversationId) => saveConversation({ ...target, providerConversationId }),
      });
      active = turn;
      const finished = await turn.finished;
      active = undefined;
      batch(() => {
        draft.value = undefined;
        showMessage(finished);
      });
      if (discarded.has(target.id)) return;
      if (turn.saveError) report(turn.saveError);
      const stored = (await store.getConversation(target.id)) ?? target;
      const messageCount = Math.max(stored.messageCount, reply.index + 1);
      const saved: StoredConversation = {
        ...stored,
        status: finished.status === 'error' ? 'error' : 'idle',
        updatedAt: clock.now(),
        messageCount,
        // The preview is the conversation's last message: an earlier answer retried is not it.
        preview: reply.index + 1 >= messageCount ? preview(finished.content || finished.error?.message || '') : stored.preview,
      };
      await saveConversation(saved).catch(report);
      if (finished.status === 'error') return report(turn.failure);
      await log(saved).catch(report);
      options.onEvent?.({ type: 'message', conversationId: target.id, message: finished });
      if (finished.status === 'done') void offerFollowUps(finished);
    } catch (problem) {
      report(problem);
    } finally {
      active = undefined;
      draft.value = undefined;
      status.value = 'idle';
      busy = false;
    }
  }

  async function offerFollowUps(reply: ChatMessage) {
    const { signal } = followUps;
    try {
      const follow = provider.suggestions && reply.providerMessageId
        ? await provider.suggestions(reply.providerMessageId, signal)
        : await options.suggest?.(await store.listMessages(reply.conversationId));
      if (signal.aborted || !follow?.length) return;
      await patchMessage(reply, (latest) => ({ ...latest, suggestions: follow }));
    } catch (problem) {
      if (!signal.aborted) report(problem);
    }
  }

  function cancelFollowUps() {
    followUps.abort();
    followUps = new AbortController();
  }

  /**
   * Opens a conversation's stored messages, marking answers whose writer is gone as
   * interrupted (compare-and-set, so an answer another tab just finished is left alone).
   * Applies only if nothing else was opened meanwhile.
   */
  async function open(id: string, generation: number) {
    const stored = await store.getConversation(id);
    if (!stored) throw new ConfigError('id', `There is no conversation "${id}" to open.`);
    let list = await store.listMessages(id);
    let interrupted = false;
    for (const message of list) {
      if ((message.status !== 'streaming' && message.status !== 'pending') || active?.messageId === message.id || (await liveness.isLive(message))) continue;
      const written = await store.updateMessage(id, message.index, (current) =>
        current?.id === message.id && current.status === message.status && current.updatedAt === message.updatedAt ? { ...current, status: 'interrupted', updatedAt: clock.now() } : current,
      );
      interrupted ||= written?.status === 'interrupted';
      list = list.map((item) => (item.id === message.id && written ? written : item));
    }
    let opened = stored;
    if (interrupted && stored.status === 'streaming') {
      opened = { ...stored, status: 'error' };
      await store.saveConversation(opened);
    }
    if (generation !== view) return;
    batch(() => {
      conversation.value = opened;
      messages.value = list;
    });
  }

  function onStoreChange(change: StoreChange) {
    const openId = conversation.peek()?.id;
    // Messages written elsewhere (every 250 ms while another tab streams) change no
    // conversation record: only the open conversation's messages need reading again.
    if (change.type !== 'messages') void refreshList().catch(report);
    if (change.type === 'deleted') {
      // Deleted in another tab: a turn of this tab's in it, answering or being saved and
      // logged, stops and writes nothing back.
      discarded.add(change.conversationId);
      if (active?.conversationId === change.conversationId) active.abort();
    }
    if (change.conversationId !== openId) return;
    if (change.type === 'deleted') return chat.newConversation();
    // This tab's own answer is newer in memory than anything another tab could write.
    if (active?.conversationId === openId) return;
    void open(openId, view).catch(report);
  }
  const unsubscribe = store.subscribe(onStoreChange);

  const ready = (async () => {
    const [resolved] = await Promise.all([
      resolveUser(options.user, store),
      refreshList(),
      !options.starters && !options.welcome && provider.welcome
        ? provider.welcome().then((greeting) => (welcome.value = greeting), report)
        : undefined,
      provider.conversations
        ? remoteSummaries(provider.conversations, clock).then((summaries) => (remote.value = withoutStored(summaries, local.peek())), report)
        : undefined,
    ]);
    user = resolved;
    // A reload, or the next page of the site, continues where the reader was: the latest
    // conversation opens, unless the reader has started or opened one meanwhile (generation 0).
    const latest = local.peek()[0];
    if (latest) void open(latest.id, 0).catch(report);
    if (status.peek() === 'loading') status.value = 'idle';
  })().catch(report);

  /** Answers anew in place of `previous` (under `id`: the same for a retry, a new one to regenerate). */
  async function reanswer(find: (messages: readonly ChatMessage[]) => ChatMessage | undefined, newId: (previous: ChatMessage) => string) {
    claim();
    try {
      await ready;
      const target = conversation.peek();
      const previous = find(messages.peek());
      if (!target || !previous) return;
      cancelFollowUps();
      const reply: ChatMessage = { id: newId(previous), conversationId: target.id, index: previous.index, role: 'assistant', content: '', status: 'pending', createdAt: clock.now(), updatedAt: clock.now() };
      const history = messages.peek().filter((message) => message.index < reply.index);
      messages.value = messages.peek().map((message) => (message.id === previous.id ? reply : message));
      await store.saveMessages([reply]);
      await answer(target, reply, history);
    } finally {
      if (!active) busy = false;
    }
  }

  const chat: Chat = {
    conversations,
    conversation,
    messages,
    draft,
    status,
    suggestions,
    welcome,
    error,
    ready,

    async send(text) {
      const question = text.trim();
      if (!question) return;
      claim();
      try {
        await ready;
        cancelFollowUps();
        const now = clock.now();
        const current = conversation.peek();
        const history = messages.peek();
        const index = history.length;
        const target: StoredConversation = {
          ...(current ?? { id: randomId('conv_'), title: question.slice(0, TITLE_LENGTH), createdAt: now }),
          status: 'streaming',
          updatedAt: now,
          messageCount: index + 2,
          preview: preview(question),
        };
        const asked: ChatMessage = { id: randomId('msg_'), conversationId: target.id, index, role: 'user', content: question, status: 'done', createdAt: now, updatedAt: now };
        const reply: ChatMessage = { id: randomId('msg_'), conversationId: target.id, index: index + 1, role: 'assistant', content: '', status: 'pending', createdAt: now, updatedAt: now };
        view++;
        batch(() => {
          conversation.value = target;
          messages.value = [...history, asked, reply];
        });
        try {
          // The question is kept before anything is sent: whatever fails next, it is not lost.
          await saveConversation(target);
          await store.saveMessages([asked, reply]);
        } catch (storageError) {
          report(storageError);
        }
        await answer(target, reply, [...history, asked]);
      } finally {
        if (!active) busy = false;
      }
    },

    async stop() {
      await active?.stop(options.stopGraceMs ?? 3_000);
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

    async setFeedback(messageId, rating, reasons = {}) {
      const message = messages.peek().find((item) => item.id === messageId);
      if (!message || message.role !== 'assistant') throw new ConfigError('messageId', `setFeedback needs the id of an answer in the open conversation, got "${messageId}".`);
      const labels = rating === 'negative' ? (reasons.labels ?? []) : [];
      const details = reasons.details?.trim() || undefined;
      const feedback = rating ? { rating, reasons: labels, details, at: clock.now() } : undefined;
      showMessage({ ...message, feedback });
      await patchMessage(message, (latest) => ({ ...latest, feedback })).catch(report);
      options.onEvent?.({ type: 'feedback', conversationId: message.conversationId, messageId, rating, reasons: labels, details });
      const sends: Array<Promise<unknown>> = [];
      if (analytics) {
        sends.push(
          rating
            ? analytics.logFeedback({
                type: rating,
                messageId,
                reasons: labels.map((label) => ({ label, details: '' })),
                // Sent only when typed: one docs page marks it required, the SDK optional (contract §7.3).
                ...(details && { details }),
                userProperties: user,
              })
            : analytics.withdrawFeedback(messageId),
        );
      }
      if (provider.feedback && message.providerMessageId) sends.push(provider.feedback(message.providerMessageId, rating, details));
      for (const result of await Promise.allSettled(sends)) if (result.status === 'rejected') report(result.reason);
    },

    newConversation() {
      view++;
      cancelFollowUps();
      batch(() => {
        conversation.value = undefined;
        messages.value = [];
        error.value = undefined;
      });
    },

    async selectConversation(id) {
      const generation = ++view;
      cancelFollowUps();
      await ready;
      const summary = conversations.peek().find((item) => item.id === id);
      status.value = active ? 'streaming' : 'loading';
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
        status.value = active ? 'streaming' : 'idle';
      }
    },

    async renameConversation(id, title) {
      const name = title.trim();
      if (!name) throw new ConfigError('title', 'A conversation needs a non-empty title.');
      const stored = await store.getConversation(id);
      if (!stored) throw new ConfigError('id', `There is no conversation "${id}" to rename.`);
      await saveConversation({ ...stored, title: name });
      if (stored.providerConversationId) await provider.conversations?.rename(stored.providerConversationId, name).catch(report);
    },

    async deleteConversation(id) {
      discarded.add(id);
      if (active?.conversationId === id) await active.stop(0);
      if (conversation.peek()?.id === id) chat.newConversation();
      const stored = await store.getConversation(id);
      const remoteOnly = remote.peek().find((item) => item.id === id);
      await store.deleteConversation(id);
      local.value = local.peek().filter((item) => item.id !== id);
      remote.value = remote.peek().filter((item) => item.id !== id);
      options.onEvent?.({ type: 'delete', conversationId: id });
      const providerId = stored?.providerConversationId ?? remoteOnly?.providerConversationId;
      const deletions: Array<Promise<unknown>> = [];
      if (analytics && stored) deletions.push(analytics.deleteConversation(id));
      if (providerId && provider.conversations) deletions.push(provider.conversations.delete(providerId));
      for (const result of await Promise.allSettled(deletions)) if (result.status === 'rejected') report(result.reason);
    },

    async search(text) {
      const needle = text.trim().toLowerCase();
      if (!needle) return [];
      const results: SearchResult[] = [];
      for (const stored of await store.listConversations()) {
        if (stored.title.toLowerCase().includes(needle)) {
          results.push({ conversationId: stored.id, title: stored.title, snippet: stored.preview ?? stored.title });
          continue;
        }
        const hit = (await store.listMessages(stored.id)).find((message) => message.content.toLowerCase().includes(needle));
        if (hit) results.push({ conversationId: stored.id, title: stored.title, messageId: hit.id, snippet: snippetAround(hit.content, needle) });
      }
      return results;
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      active?.abort();
      cancelFollowUps();
      unsubscribe();
      if (!options.store) store.close();
    },
  };
  return chat;
}

function snippetAround(content: string, needle: string): string {
  const at = content.toLowerCase().indexOf(needle);
  const start = Math.max(0, at - 40);
  return `${start > 0 ? '…' : ''}${content.slice(start, at + needle.length + 60).replace(/\s+/g, ' ').trim()}…`;
}
