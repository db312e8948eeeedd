// @vitest-environment jsdom
// The widget's human handoff, state by state, in the panel (its hooks: the header button, the
// bar above the composer, the lines and messages in the list), on a real chat controller and
// store, with the handoff client faked at its seam and time moved by hand.
import { signal } from '@preact/signals-core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatStore, type ChatStore } from '../../../src/sdk/chat/chat-store';
import { createChat, type Chat } from '../../../src/sdk/chat/create-chat';
import { memoryBackend } from '../../../src/sdk/chat/kv-backend';
import type { Handoff, HandoffEvent } from '../../../src/sdk/handoff/handoff-answers';
import type { HandoffClient } from '../../../src/sdk/handoff/handoff-client';
import { ConfabError, HttpError, NetworkError } from '../../../src/sdk/http/errors';
import * as conversationListModule from '../../../src/widget/components/conversation-list';
import { Panel } from '../../../src/widget/components/panel';
import { featureChunk } from '../../../src/widget/feature-chunk';
import { createHandoffController, type HandoffController } from '../../../src/widget/handoff/handoff-controller';
import type { HandoffOffer } from '../../../src/widget/handoff/handoff-option';
import * as handoffModule from '../../../src/widget/handoff/handoff-module';
import { registerHandoff, registerHandoffChunk } from '../../../src/widget/handoff/handoff-registry';
import { resolveStrings } from '../../../src/widget/i18n';
import { createUiState, WidgetContext } from '../../../src/widget/widget-context';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { answer, scriptedProvider } from '../../support/scripted-provider';

const strings = resolveStrings('en').strings;
afterEach(cleanup);

const problem = (status: number, code: string) => new HttpError({ status, title: 'Refused', detail: code, code } as never);
const at = '2026-01-01T00:00:00Z';

/** A handoff server in memory, behind the client's interface. */
function fakeServer() {
  let handoff: Handoff = { conversationId: '', status: 'open', ticketId: '100', agent: undefined, closedBy: undefined, pending: 0, notice: undefined, rating: undefined, anonymization: undefined };
  const events: HandoffEvent[] = [];
  const add = (event: Omit<HandoffEvent, 'seq' | 'at'>) => events.push({ ...event, seq: events.length + 1, at } as HandoffEvent);
  const answerWith = <T,>(body: T, status = 200) => ({ status, body });
  const client = {
    enabled: vi.fn(async () => true),
    start: vi.fn(async (request: Parameters<HandoffClient['start']>[0]) => {
      handoff = { ...handoff, conversationId: request.conversationId };
      if (!events.length) add({ id: 'ticket', type: 'ticket_created', ticketId: '100' } as never);
      return answerWith({ handoff }, 201);
    }),
    get: vi.fn(async () => ({ handoff })),
    events: vi.fn(async (_id: string, cursor: string) => ({ handoff, events: events.filter((event) => event.seq > Number(cursor)), cursor: String(events.at(-1)?.seq ?? cursor), pollAfterMs: 3_000, reset: undefined })),
    send: vi.fn(async (_id: string, message: { id: string }) => answerWith({ message: { id: message.id, status: 'delivered' as const }, handoff })),
    close: vi.fn(async () => {
      handoff = { ...handoff, status: 'closed', closedBy: 'visitor' };
      return answerWith({ handoff });
    }),
    rate: vi.fn(async () => answerWith({ handoff })),
    remove: vi.fn(async () => answerWith({ handoff: { ...handoff, status: 'deleted' as const } })),
  } satisfies HandoffClient;
  return {
    client,
    add,
    set: (change: Partial<Handoff>) => (handoff = { ...handoff, ...change }),
  };
}

interface Setup {
  chat: Chat;
  handoff: HandoffController;
  server: ReturnType<typeof fakeServer>;
  clock: FakeClock;
  store: ChatStore;
  errors: ConfabError[];
  logEvent: ReturnType<typeof vi.fn>;
}

/** The panel on a chat whose answers are `answers`, handoff offered as `offers`. */
function setup(answers: string[], offers: HandoffOffer[] = ['menu', 'after-thumbs-down', 'when-unsure'], reuse?: Pick<Setup, 'store' | 'server'>): Setup {
  const store = reuse?.store ?? createChatStore({ backend: memoryBackend() });
  const server = reuse?.server ?? fakeServer();
  const clock = createFakeClock(Date.parse(at));
  const errors: ConfabError[] = [];
  const logEvent = vi.fn(async () => ({ id: 'evt_1' }));
  let handoff: HandoffController | undefined;
  const { provider } = scriptedProvider(answers.map((text) => answer(text)));
  const chat = createChat({ provider, store, onError: () => undefined, divert: (text, conversation) => handoff?.divert(text, conversation) });
  handoff = createHandoffController({ chat, client: server.client, offers, analytics: () => ({ logEvent }), locale: () => 'en', onError: (error) => errors.push(error), clock });
  registerHandoff(chat, handoff);
  // The handoff's chunk, already there (its loading: test/widget/feature-chunk.test.ts and the acceptance suite).
  registerHandoffChunk(chat, { module: signal(handoffModule), failed: signal(false), load: async () => handoffModule });
  const ui = createUiState();
  ui.open.value = true;
  const value = { chat, ui, strings, settings: { mode: 'inline' as const, title: 'Docs', welcome: undefined, placeholder: undefined, allowImages: false }, copy: vi.fn(async () => true), act: (action: Promise<unknown> | undefined) => void action?.catch((error: unknown) => errors.push(error as ConfabError)), conversationList: featureChunk(async () => conversationListModule) };
  render(
    <WidgetContext value={signal(value)}>
      <Panel />
    </WidgetContext>,
  );
  return { chat, handoff, server, clock, store, errors, logEvent };
}

const items = () => [...document.querySelectorAll('li.message')].map((item) => item.textContent ?? '');
const offer = () => screen.queryByRole('button', { name: strings.handoff.talkToPerson, hidden: true });
async function handedOver(s: Setup) {
  await s.chat.send('Why was I charged twice?');
  await s.handoff.request();
  await waitFor(() => expect(s.server.client.start).toHaveBeenCalled());
  await screen.findByText(strings.handoff.waiting);
  // The first poll answered: the next is due in the server's 3 s.
  await waitFor(() => expect(s.clock.timers.some((timer) => timer.at === s.clock.now() + 3_000)).toBe(true));
}

describe('handoff in the panel', () => {
  it('1. offered under an answer only as configured: after a thumbs-down, under an answer that does not know; in the header once there is a question', async () => {
    const s = setup(['Here is how.', 'I could not find that in the docs.']);
    await waitFor(() => expect(s.handoff.available.value).toBe(true));
    expect((document.querySelector('[part=handoff-menu]') as HTMLButtonElement).disabled).toBe(true);
    await s.chat.send('How?');
    await waitFor(() => expect(document.querySelector('[part=handoff-offer]')).toBeNull());
    expect((document.querySelector('[part=handoff-menu]') as HTMLButtonElement).disabled).toBe(false);
    await s.chat.setFeedback(s.chat.messages.value[1]!.id, 'negative');
    await waitFor(() => expect(document.querySelector('[part=handoff-offer]')).not.toBeNull());
    await s.chat.send('And billing?');
    await waitFor(() => expect(document.querySelector('[part=handoff-offer]')).not.toBeNull());
  });

  it('2. never offered under answers with offers ["menu"]; nothing at all when the server has no helpdesk', async () => {
    const s = setup(['I could not find that.'], ['menu']);
    await s.chat.send('How?');
    await waitFor(() => expect(s.chat.messages.value[1]?.status).toBe('done'));
    expect(document.querySelector('[part=handoff-offer]')).toBeNull();
    cleanup();
    const off = fakeServer();
    off.client.enabled.mockResolvedValue(false);
    setup([], ['menu'], { store: createChatStore({ backend: memoryBackend() }), server: off });
    await waitFor(() => expect(off.client.enabled).toHaveBeenCalled());
    expect(document.querySelector('[part=handoff-menu]')).toBeNull();
    expect(offer()).toBeNull();
  });

  it('3. asking: a line in the conversation and the honest wait; the request carries the transcript and the last question as the first words', async () => {
    const s = setup(['I could not find that.']);
    await handedOver(s);
    expect(items()).toContain(strings.handoff.requested);
    const request = s.server.client.start.mock.calls[0]![0];
    expect(request.message?.text).toBe('Why was I charged twice?');
    expect(request.transcript).toEqual([{ role: 'assistant', text: 'I could not find that.', createdAt: expect.any(String) }]);
    expect(request.locale).toBe('en');
  });

  it('4. the agent joins and replies: a line with the name, the reply under the name, in Markdown when the helpdesk sent Markdown; stored once across a reload', async () => {
    const s = setup(['I could not find that.']);
    await handedOver(s);
    s.server.add({ id: 'e-join', type: 'agent_joined', agent: { id: 'a', name: 'Dale Cooper' } } as never);
    s.server.add({ id: 'e-msg', type: 'agent_message', message: { id: 'm1', text: 'Refunding **one** now.', format: 'markdown', agent: { id: 'a', name: 'Dale Cooper' }, createdAt: at } } as never);
    s.server.set({ agent: { id: 'a', name: 'Dale Cooper' } });
    s.clock.advance(3_000);
    await screen.findByText('Dale Cooper joined');
    await waitFor(() => expect(document.querySelector('li.agent strong')?.textContent).toBe('one'));
    expect(screen.getByText('Dale Cooper (support)')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(strings.handoff.waiting)).toBeNull());
    expect((await s.store.getConversation(s.chat.conversation.value!.id))?.supportTicketConversationId).toBe('100');
    // A reload: a new controller on the same store reads every event again from 0.
    s.handoff.dispose();
    cleanup();
    const pollsBefore = s.server.client.events.mock.calls.length;
    const again = setup([], undefined, { store: s.store, server: s.server });
    await again.chat.ready;
    // The new page's first poll (from 0: every event again) has been applied.
    await waitFor(() => expect(again.server.client.events.mock.calls.slice(pollsBefore).map(([, cursor]) => cursor)).toEqual(['0']));
    await waitFor(() => expect(again.clock.timers.some((timer) => timer.at === again.clock.now() + 3_000)).toBe(true));
    expect(items().filter((text) => text.includes('Refunding'))).toHaveLength(1);
    expect(items().filter((text) => text === 'Dale Cooper joined')).toHaveLength(1);
  });

  it('5. while handed over, what the visitor types goes to the person, not the model: sending, then delivered', async () => {
    const s = setup(['I could not find that.']);
    await handedOver(s);
    await s.chat.send('It was on the 3rd.');
    await waitFor(() => expect(s.server.client.send).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ text: 'It was on the 3rd.' })));
    await waitFor(() => expect(s.chat.messages.value.at(-1)).toMatchObject({ role: 'user', content: 'It was on the 3rd.', delivery: 'delivered' }));
    expect(s.chat.messages.value.filter((message) => message.role === 'assistant' && !message.line)).toHaveLength(1);
  });

  it('5b. the message box says who reads what is typed: the person while handed over, the assistant before and after', async () => {
    const s = setup(['I could not find that.', 'The assistant again.']);
    const box = () => screen.getByRole('textbox', { name: (name) => name === strings.placeholder || name === strings.handoff.placeholder });
    expect(box().getAttribute('placeholder')).toBe(strings.placeholder);
    await handedOver(s);
    await waitFor(() => expect(box().getAttribute('placeholder')).toBe(strings.handoff.placeholder));
    s.server.add({ id: 'e-close', type: 'closed', by: 'agent' } as never);
    s.server.set({ status: 'closed', closedBy: 'agent' });
    s.clock.advance(3_000);
    await screen.findByText(strings.handoff.closed);
    // Closed by the agent, what the visitor types still reaches the person (it reopens the chat).
    expect(box().getAttribute('placeholder')).toBe(strings.handoff.placeholder);
    fireEvent.click(await screen.findByRole('button', { name: '5 of 5' }));
    fireEvent.click(screen.getByRole('button', { name: strings.handoff.rateSend }));
    fireEvent.click(await screen.findByRole('button', { name: strings.handoff.backToAssistant }));
    await screen.findByText(strings.handoff.returned);
    expect(box().getAttribute('placeholder')).toBe(strings.placeholder);
    expect(box().getAttribute('aria-label')).toBe(strings.placeholder);
  });

  it('6. a message the helpdesk refused stays shown as not delivered with Retry, which sends it again under the same id', async () => {
    const s = setup(['I could not find that.']);
    await handedOver(s);
    s.server.client.send.mockRejectedValueOnce(problem(502, 'helpdesk_refused'));
    await s.chat.send('It was on the 3rd.');
    await screen.findByText(strings.handoff.notDelivered);
    expect(s.errors.map((error) => error.code)).toEqual(['helpdesk_refused']);
    fireEvent.click(screen.getByRole('button', { name: strings.retry }));
    await waitFor(() => expect(s.chat.messages.value.at(-1)?.delivery).toBe('delivered'));
    const [first, second] = s.server.client.send.mock.calls.map(([, message]) => message.id);
    expect(second).toBe(first);
  });

  it('7. the helpdesk down: the visitor is told what was written is kept; no connection: the request is kept and sent again', async () => {
    const s = setup(['I could not find that.']);
    s.server.client.start.mockRejectedValueOnce(new NetworkError('offline'));
    await s.chat.send('Why?');
    await s.handoff.request();
    await screen.findByText(strings.handoff.offline);
    expect(s.server.client.start).toHaveBeenCalledTimes(1);
    s.server.set({ status: 'starting', pending: 1, notice: { code: 'helpdesk_unavailable', message: 'Saved.', retryAt: undefined } });
    s.clock.advance(2_000);
    await waitFor(() => expect(s.server.client.start).toHaveBeenCalledTimes(2));
    await screen.findByText(strings.handoff.unavailable);
  });

  it('8. the agent closes: the chat ended, the rating (1–5, comment) goes to the server and is logged as an event; then back to the assistant', async () => {
    const s = setup(['I could not find that.', 'The assistant again.']);
    await handedOver(s);
    s.server.add({ id: 'e-close', type: 'closed', by: 'agent' } as never);
    s.server.set({ status: 'closed', closedBy: 'agent' });
    s.clock.advance(3_000);
    await screen.findByText(strings.handoff.closed);
    fireEvent.click(await screen.findByRole('button', { name: '4 of 5' }));
    fireEvent.input(screen.getByRole('textbox', { name: strings.handoff.rateComment }), { target: { value: 'Quick' } });
    fireEvent.click(screen.getByRole('button', { name: strings.handoff.rateSend }));
    await screen.findByText(strings.handoff.rateThanks);
    expect(s.server.client.rate).toHaveBeenCalledWith(expect.any(String), 4, 'Quick');
    expect(s.logEvent).toHaveBeenCalledWith(
      { type: 'support_csat_submitted', entityType: 'conversation', conversationId: s.chat.conversation.value!.id, properties: { score: 4, comment: 'Quick', supportTicketConversationId: '100' } },
      { conversationId: s.chat.conversation.value!.id },
    );
    fireEvent.click(screen.getByRole('button', { name: strings.handoff.backToAssistant }));
    await screen.findByText(strings.handoff.returned);
    await s.chat.send('One more question');
    await waitFor(() => expect(s.chat.messages.value.at(-1)?.content).toBe('The assistant again.'));
    expect(s.server.client.send).not.toHaveBeenCalled();
  });

  it('8b. an analytics that refuses the rating\'s event (closed) is reported (confab-error), and the rating still reaches the helpdesk', async () => {
    const s = setup(['I could not find that.']);
    await handedOver(s);
    s.logEvent.mockRejectedValueOnce(new ConfabError('closed', 'support_csat_submitted after close(): create a new analytics instance.'));
    s.server.add({ id: 'e-close', type: 'closed', by: 'agent' } as never);
    s.server.set({ status: 'closed', closedBy: 'agent' });
    s.clock.advance(3_000);
    fireEvent.click(await screen.findByRole('button', { name: '2 of 5' }));
    fireEvent.click(screen.getByRole('button', { name: strings.handoff.rateSend }));
    await screen.findByText(strings.handoff.rateThanks);
    await waitFor(() => expect(s.server.client.rate).toHaveBeenCalledWith(expect.any(String), 2, ''));
    expect(s.errors.map((error) => error.code)).toEqual(['closed']);
  });

  it('8c. a rating the confab server could not take is kept with the conversation: sent again later, and after a reload', async () => {
    const s = setup(['I could not find that.']);
    await handedOver(s);
    s.server.add({ id: 'e-close', type: 'closed', by: 'agent' } as never);
    s.server.set({ status: 'closed', closedBy: 'agent' });
    s.clock.advance(3_000);
    s.server.client.rate.mockRejectedValue(new NetworkError('POST /handoff/rating failed before a response: Failed to fetch'));
    fireEvent.click(await screen.findByRole('button', { name: '5 of 5' }));
    fireEvent.input(screen.getByRole('textbox', { name: strings.handoff.rateComment }), { target: { value: 'Kind and quick' } });
    fireEvent.click(screen.getByRole('button', { name: strings.handoff.rateSend }));
    await screen.findByText(strings.handoff.rateThanks);
    await waitFor(() => expect(s.server.client.rate).toHaveBeenCalledTimes(1));
    s.clock.advance(2_000); // the first retry, 2 s later: the server is still out of reach
    await waitFor(() => expect(s.server.client.rate).toHaveBeenCalledTimes(2));
    // The page reloads before the server is back: the rating is still waiting, in the store.
    const id = s.chat.conversation.value!.id;
    expect((await s.store.getConversation(id))?.handoff?.unsentRating).toEqual({ score: 5, comment: 'Kind and quick' });
    s.handoff.dispose();
    cleanup();
    s.server.client.rate.mockReset();
    s.server.client.rate.mockImplementation(async () => ({ status: 200, body: { handoff: { conversationId: id, status: 'closed' } } }) as never);
    const again = setup([], undefined, { store: s.store, server: s.server });
    await again.chat.ready;
    await waitFor(() => expect(again.server.client.rate).toHaveBeenCalledWith(id, 5, 'Kind and quick'));
    await waitFor(async () => expect((await again.store.getConversation(id))?.handoff?.unsentRating).toBeUndefined());
    expect(again.server.client.rate).toHaveBeenCalledTimes(1);
  });

  it('9. the handoff is gone at the server: the visitor is told and may try again', async () => {
    const s = setup(['I could not find that.']);
    await handedOver(s);
    s.server.client.events.mockRejectedValueOnce(problem(404, 'handoff_not_found'));
    s.clock.advance(3_000);
    await screen.findByText(strings.handoff.failed);
    // No one reads the conversation now: the message box is the assistant's again.
    expect(screen.getByRole('textbox', { name: strings.placeholder }).getAttribute('placeholder')).toBe(strings.placeholder);
    fireEvent.click(screen.getByRole('button', { name: strings.retry }));
    await waitFor(() => expect(s.server.client.start).toHaveBeenCalledTimes(2));
  });

  it('10. deleting a handed-over conversation erases it at the helpdesk; a refusal is reported (confab-error)', async () => {
    const s = setup(['I could not find that.']);
    await handedOver(s);
    const id = s.chat.conversation.value!.id;
    s.server.client.remove.mockRejectedValueOnce(problem(502, 'anonymization_refused'));
    await s.chat.deleteConversation(id);
    await waitFor(() => expect(s.server.client.remove).toHaveBeenCalledWith(id));
    await waitFor(() => expect(s.errors.map((error) => error.code)).toEqual(['anonymization_refused']));
    // Refused for good: not asked again.
    await waitFor(async () => expect(await s.chat.outside.erasures()).toEqual([]));
  });

  it('10f. an erasure refused otherwise (a token the server does not take) is reported and kept for the next start', async () => {
    const s = setup(['I could not find that.']);
    await handedOver(s);
    const id = s.chat.conversation.value!.id;
    s.server.client.remove.mockRejectedValueOnce(problem(401, 'unauthorized'));
    await s.chat.deleteConversation(id);
    await waitFor(() => expect(s.errors.map((error) => error.code)).toEqual(['unauthorized']));
    expect(await s.chat.outside.erasures()).toEqual([id]);
    s.handoff.dispose();
    cleanup();
    setup([], ['menu'], { store: s.store, server: s.server });
    await waitFor(() => expect(s.server.client.remove).toHaveBeenCalledTimes(2));
    await waitFor(async () => expect(await s.chat.outside.erasures()).toEqual([]));
  });

  it('10b. a handed-over conversation deleted while no handoff ran (its chunk not loaded yet, another tab) is erased when the handoff starts', async () => {
    const s = setup(['I could not find that.']);
    await handedOver(s);
    const id = s.chat.conversation.value!.id;
    // The handoff stops (the page had not loaded its chunk): the delete is only noted in the store.
    s.handoff.dispose();
    await s.chat.deleteConversation(id);
    expect(s.server.client.remove).not.toHaveBeenCalled();
    expect(await s.chat.outside.erasures()).toEqual([id]);
    // The handoff starts on the same store: the erasure is sent, then settled.
    cleanup();
    setup([], ['menu'], { store: s.store, server: s.server });
    await waitFor(() => expect(s.server.client.remove).toHaveBeenCalledExactlyOnceWith(id));
    await waitFor(async () => expect(await s.chat.outside.erasures()).toEqual([]));
  });

  it('10c. an erasure the server could not take now is tried again, and kept for the next start (a reload) until it is taken', async () => {
    const s = setup(['I could not find that.']);
    await handedOver(s);
    const id = s.chat.conversation.value!.id;
    s.server.client.remove.mockRejectedValue(new NetworkError('offline'));
    await s.chat.deleteConversation(id);
    await waitFor(() => expect(s.server.client.remove).toHaveBeenCalledTimes(1));
    // Backoff from 2 s: tried again here.
    await waitFor(() => expect(s.clock.timers.length).toBeGreaterThan(0));
    s.clock.advance(2_000);
    await waitFor(() => expect(s.server.client.remove).toHaveBeenCalledTimes(2));
    expect(s.errors, 'nothing to tell yet').toEqual([]);
    // The page closes; the next start sends it, and the server takes it.
    s.handoff.dispose();
    expect(await s.chat.outside.erasures()).toEqual([id]);
    s.server.client.remove.mockReset();
    s.server.client.remove.mockResolvedValue({ status: 200, body: { handoff: {} } } as never);
    cleanup();
    setup([], ['menu'], { store: s.store, server: s.server });
    await waitFor(() => expect(s.server.client.remove).toHaveBeenCalledExactlyOnceWith(id));
    await waitFor(async () => expect(await s.chat.outside.erasures()).toEqual([]));
  });

  it('10d. a conversation never handed over leaves nothing to erase', async () => {
    const s = setup(['Here is how.']);
    await s.chat.send('How?');
    await waitFor(() => expect(s.chat.messages.value[1]?.status).toBe('done'));
    await s.chat.deleteConversation(s.chat.conversation.value!.id);
    expect(await s.chat.outside.erasures()).toEqual([]);
    expect(s.server.client.remove).not.toHaveBeenCalled();
  });

  it('10e. a handed-over conversation deleted in another tab is erased by the tab whose handoff runs, without a reload', async () => {
    // Two tabs: one database, a connection each (they hear each other's writes).
    const backend = memoryBackend();
    const name = `tabs-${Date.now()}`;
    const s = setup(['I could not find that.'], undefined, { store: createChatStore({ backend, name }), server: fakeServer() });
    await handedOver(s);
    const id = s.chat.conversation.value!.id;
    // The other tab has no handoff running.
    const { provider } = scriptedProvider([]);
    const other = createChat({ provider, store: createChatStore({ backend, name }), onError: () => undefined });
    await waitFor(() => expect(other.conversations.value.map((conversation) => conversation.id)).toContain(id));
    await other.deleteConversation(id);
    await waitFor(() => expect(s.server.client.remove).toHaveBeenCalledExactlyOnceWith(id));
    await waitFor(async () => expect(await s.chat.outside.erasures()).toEqual([]));
    await other.dispose();
  });
});
