import { computed, effect, signal, type ReadonlySignal } from '@preact/signals-core';
import type { AnalyticsCore } from '../../sdk/analytics/analytics-core';
import { systemClock, type Clock } from '../../sdk/clock';
import type { ChatMessage, StoredConversation } from '../../sdk/chat/chat-types';
import type { Chat } from '../../sdk/chat/create-chat';
import type { Handoff } from '../../sdk/handoff/handoff-answers';
import type { HandoffClient, TranscriptTurn } from '../../sdk/handoff/handoff-client';
import { createHandoffPoller, type HandoffPoller } from '../../sdk/handoff/handoff-poller';
import { toConfabError, type ConfabError } from '../../sdk/http/errors';
import { randomId } from '../../sdk/random-id';
import { applyEvents } from './handoff-events';
import { createHelpdeskEraser } from './helpdesk-eraser';
import type { HandoffOffer } from './handoff-option';
import { isWithPerson, viewOf, type HandoffView } from './handoff-view';
import { isRetryable, retryDelay } from './retryable';

/** Options of {@link createHandoffController}. */
export interface HandoffControllerOptions {
  chat: Chat;
  client: HandoffClient;
  offers: HandoffOffer[];
  /** Where the CSAT is logged as an event (the widget's analytics outbox), if logging is on. */
  analytics?: (() => Pick<AnalyticsCore, 'logEvent'> | undefined) | undefined;
  /** The widget's language, sent to the helpdesk. */
  locale(): string | undefined;
  onError(error: ConfabError): void;
  clock?: Clock | undefined;
}

/** The human handoff of one widget: what the components show and call. */
export interface HandoffController {
  readonly offers: readonly HandoffOffer[];
  /** The server offers a person (asked once at start). */
  readonly available: ReadonlySignal<boolean>;
  /** The open conversation's handoff; `undefined` when it has none (or the visitor went back to the assistant). */
  readonly view: ReadonlySignal<HandoffView | undefined>;
  /** What the visitor types in the open conversation goes to the person, not the model. */
  readonly withPerson: ReadonlySignal<boolean>;
  /** Hands the open conversation over to a person. */
  request(): Promise<void>;
  /** Sends a visitor message to the person again (after "Not delivered"). */
  retry(messageId: string): Promise<void>;
  /** The visitor ends the chat with the person. */
  end(): Promise<void>;
  /** The visitor's CSAT, 1–5. */
  rate(score: number, comment: string): Promise<void>;
  /** Back to the assistant: what the visitor types goes to the model again. */
  returnToAssistant(): Promise<void>;
  /** For the chat's `divert`: a message to the person, or `undefined` for the model. */
  divert(text: string, conversation: StoredConversation): Promise<void> | undefined;
  dispose(): void;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isTurn = (message: ChatMessage) => !message.line && !message.agent && !message.delivery && message.content !== '' && message.status !== 'error';

/**
 * Runs the handoff of the open conversation against the confab server's /handoff routes:
 * the request (kept and sent again until the server has it), the polling of its events,
 * the visitor's messages to the person (each by its own id, kept and sent again until
 * delivered), the end, the rating, and the erasure when the visitor deletes.
 */
export function createHandoffController(options: HandoffControllerOptions): HandoffController {
  const { chat, client } = options;
  const clock = options.clock ?? systemClock;
  const available = signal(false);
  const view = signal<HandoffView | undefined>(undefined);
  let poller: HandoffPoller | undefined;
  let polled: string | undefined;
  let retryTimer: unknown;
  let failures = 0;
  let disposed = false;
  /** Conversations whose rating is being sent now: one send at a time, however often the conversation changes. */
  const ratingNow = new Set<string>();
  let opened: string | undefined;

  const report = (problem: unknown) => options.onError(toConfabError(problem));
  const open = () => chat.conversation.peek();
  const show = (conversationId: string, next: HandoffView | undefined) => {
    if (open()?.id === conversationId) view.value = next;
  };
  const setHandoff = (conversationId: string, change: Partial<NonNullable<StoredConversation['handoff']>>) =>
    chat.outside.update(conversationId, (current) => ({ ...current, handoff: { requestedAt: clock.now(), sent: false, returned: false, rated: false, ...current.handoff, ...change } }));

  /** Sends again, later, what waits (the request, undelivered messages). */
  function later(error: ConfabError) {
    clock.clearTimeout(retryTimer);
    retryTimer = clock.setTimeout(() => void flush(), retryDelay(error, failures++));
  }

  /** A call failed: kept and sent again later if that can help; else reported. Returns whether it is final. */
  function failed(conversationId: string, problem: unknown): boolean {
    const error = toConfabError(problem);
    if (isRetryable(error)) {
      if (error.code === 'network_error' || error.code === 'timeout') show(conversationId, { ...(view.peek() ?? { status: 'requesting' }), notice: 'offline' });
      later(error);
      return false;
    }
    report(error);
    return true;
  }

  async function applyHandoff(conversationId: string, handoff: Handoff) {
    failures = 0;
    if (handoff.ticketId) await chat.outside.update(conversationId, (current) => (current.supportTicketConversationId === handoff.ticketId ? current : { ...current, supportTicketConversationId: handoff.ticketId! }));
    show(conversationId, viewOf(handoff));
  }

  async function sendRequest(conversation: StoredConversation) {
    const turns = chat.messages.peek().filter(isTurn);
    const lastAsked = turns.findLast((message) => message.role === 'user');
    const transcript: TranscriptTurn[] = turns.filter((message) => message !== lastAsked).map((message) => ({ role: message.role, text: message.content, createdAt: iso(message.createdAt) }));
    try {
      const answer = await client.start({
        conversationId: conversation.id,
        ...(lastAsked && { message: { id: lastAsked.id, text: lastAsked.content, createdAt: iso(lastAsked.createdAt) } }),
        transcript,
        locale: options.locale(),
        pageUrl: typeof location === 'undefined' ? undefined : location.origin + location.pathname,
      });
      await setHandoff(conversation.id, { sent: true });
      await applyHandoff(conversation.id, answer.body.handoff);
      poller?.wake();
    } catch (problem) {
      if (failed(conversation.id, problem)) show(conversation.id, { status: 'failed' });
    }
  }

  async function deliver(message: ChatMessage) {
    try {
      const answer = await client.send(message.conversationId, { id: message.id, text: message.content, createdAt: iso(message.createdAt) });
      await chat.outside.patch(message, (latest) => ({ ...latest, delivery: latest.delivery === 'delivered' ? 'delivered' : answer.body.message.status, updatedAt: clock.now() }));
      await applyHandoff(message.conversationId, answer.body.handoff);
      poller?.wake();
    } catch (problem) {
      if (failed(message.conversationId, problem)) await chat.outside.patch(message, (latest) => ({ ...latest, delivery: 'failed', updatedAt: clock.now() }));
    }
  }

  /**
   * Sends a rating, kept with its conversation until the server takes it (or refuses it for
   * good): a failure the server may get over is sent again later, and by the next page.
   */
  async function sendRating(conversationId: string, { score, comment }: { score: number; comment: string }) {
    if (ratingNow.has(conversationId)) return;
    ratingNow.add(conversationId);
    try {
      await client.rate(conversationId, score, comment);
      await setHandoff(conversationId, { unsentRating: undefined });
    } catch (problem) {
      if (failed(conversationId, problem)) await setHandoff(conversationId, { unsentRating: undefined });
    } finally {
      ratingNow.delete(conversationId);
    }
  }

  /** Sends what waits in the open conversation: a rating; the request until the server has it, then the messages still `sending`. */
  async function flush() {
    const conversation = open();
    const handoff = conversation?.handoff;
    if (disposed || !conversation || !handoff) return;
    if (handoff.unsentRating) await sendRating(conversation.id, handoff.unsentRating);
    if (handoff.returned) return;
    if (!handoff.sent) return sendRequest(conversation);
    for (const message of chat.messages.peek()) if (message.delivery === 'sending') await deliver(message);
  }

  function follow(conversation: StoredConversation | undefined) {
    // A rating left waiting (a reload) goes when its conversation is opened; after that, on the retry timer.
    if (conversation?.id !== opened) {
      opened = conversation?.id;
      if (conversation?.handoff?.unsentRating) void flush();
    }
    const id = conversation?.handoff && !conversation.handoff.returned ? conversation.id : undefined;
    if (id === polled) return;
    poller?.stop();
    poller = undefined;
    polled = id;
    view.value = id ? { status: conversation?.handoff?.sent ? 'starting' : 'requesting' } : undefined;
    if (!id) return;
    poller = createHandoffPoller({
      client,
      conversationId: id,
      clock,
      onEvents: async (events, answer) => {
        await applyEvents(chat, id, events, clock.now());
        await applyHandoff(id, answer.handoff);
        if (answer.handoff.status !== 'failed' && answer.handoff.status !== 'deleted') void flush();
      },
      onError: (error, stopped) => {
        if (stopped) show(id, { status: 'failed' });
        else if (error.code === 'network_error' || error.code === 'timeout') show(id, { ...(view.peek() ?? { status: 'starting' }), notice: 'offline' });
        else report(error);
      },
    });
    // Not asked for yet (a reload before the server answered): the request goes first.
    if (conversation?.handoff?.sent) poller.wake();
    else void flush();
  }

  const unwatch = [effect(() => follow(chat.conversation.value))];
  if (options.offers.length > 0) client.enabled().then((enabled) => (available.value = enabled), report);

  const eraser = createHelpdeskEraser({ chat, client, clock, report });

  return {
    offers: options.offers,
    available,
    view,
    withPerson: computed(() => isWithPerson(view.value)),
    async request() {
      const conversation = open();
      if (!conversation || view.peek() && isWithPerson(view.peek())) return;
      const now = clock.now();
      // Asked again after a handoff failed: a new request, a new poller.
      poller?.stop();
      poller = undefined;
      polled = undefined;
      await setHandoff(conversation.id, { requestedAt: now, sent: false, returned: false, rated: false });
      await chat.outside.add(conversation.id, { id: `line_requested_${now}`, role: 'assistant', content: '', status: 'done', createdAt: now, updatedAt: now, line: 'requested' });
    },
    async retry(messageId) {
      const message = chat.messages.peek().find((candidate) => candidate.id === messageId);
      if (!message) return;
      await chat.outside.patch(message, (latest) => ({ ...latest, delivery: 'sending', updatedAt: clock.now() }));
      const sending = chat.messages.peek().find((candidate) => candidate.id === messageId);
      if (sending && open()?.handoff?.sent) await deliver(sending);
    },
    async end() {
      const conversation = open();
      if (!conversation) return;
      try {
        await applyHandoff(conversation.id, (await client.close(conversation.id)).body.handoff);
      } catch (problem) {
        failed(conversation.id, problem);
      }
    },
    async rate(score, comment) {
      const conversation = open();
      if (!conversation) return;
      await setHandoff(conversation.id, { rated: true, unsentRating: { score, comment } });
      // A log refused (the analytics closed by a settings change, storage gone) is told, and
      // must not keep the rating from the helpdesk.
      await options.analytics?.()?.logEvent({
        type: 'support_csat_submitted',
        entityType: 'conversation',
        conversationId: conversation.id,
        properties: { score, ...(comment && { comment }), supportTicketConversationId: conversation.supportTicketConversationId ?? null },
      }, { conversationId: conversation.id }).catch(report);
      await sendRating(conversation.id, { score, comment });
    },
    async returnToAssistant() {
      const conversation = open();
      if (!conversation) return;
      const withPerson = view.peek()?.status === 'open' || view.peek()?.status === 'starting';
      const now = clock.now();
      await setHandoff(conversation.id, { returned: true });
      await chat.outside.add(conversation.id, { id: `line_returned_${now}`, role: 'assistant', content: '', status: 'done', createdAt: now, updatedAt: now, line: 'returned' });
      if (withPerson) await client.close(conversation.id).catch((problem: unknown) => failed(conversation.id, problem));
    },
    divert(text, conversation) {
      if (!conversation.handoff || conversation.handoff.returned || !isWithPerson(view.peek())) return undefined;
      return (async () => {
        const now = clock.now();
        const message = await chat.outside.add(conversation.id, { id: randomId('msg_'), role: 'user', content: text, status: 'done', createdAt: now, updatedAt: now, delivery: 'sending' });
        if (message && conversation.handoff?.sent) await deliver(message);
      })();
    },
    dispose() {
      disposed = true;
      poller?.stop();
      clock.clearTimeout(retryTimer);
      eraser.dispose();
      for (const stop of unwatch) stop();
    },
  };
}
