/**
 * The SDK demo (sdk.html), headless, without the widget: the chat engine streams
 * answers from a reference chat server and keeps the conversation in IndexedDB; every
 * finished turn's full history goes through the durable outbox to the reference analytics
 * server, whose content is shown live. Break the server and watch nothing get lost.
 */
import { effect } from '@preact/signals-core';
import { createAnalytics, createChat, openaiProvider, pulseProvider, type ChatMessage, type ConfabError } from '../../src/sdk/index';

const API = '/api/analytics';
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const make = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Array<Node | string>) => {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
};

function note(text: string, isError = false) {
  byId('log').prepend(make('li', { className: isError ? 'error' : '' }, `${new Date().toLocaleTimeString()} ${text}`));
}

const backend = new URLSearchParams(location.search).get('backend') === 'pulse' ? 'pulse' : 'openai';
byId<HTMLSelectElement>('backend').value = backend;
byId<HTMLSelectElement>('backend').addEventListener('change', (event) => {
  location.search = `?backend=${(event.target as HTMLSelectElement).value}`;
});

const analytics = createAnalytics({
  baseUrl: API,
  apiKey: 'confab-demo-web-key',
  storeName: 'demo',
  onError: (error: ConfabError, context) => note(`${error.code}: ${error.message}${context?.item ? ` (${context.item.key})` : ''}`, true),
});
const chat = createChat({
  provider:
    backend === 'pulse'
      ? pulseProvider({ baseUrl: '/api/pulse/v1', apiKey: 'app-confab-demo', user: 'demo-visitor' })
      : openaiProvider({ baseUrl: '/api/chat/v1', model: 'confab-docs' }),
  analytics,
  starters: backend === 'openai' ? ['How do I embed confab?', 'What happens when the analytics API is down?', 'How do I use Ollama for real answers?'] : undefined,
  onError: (error) => note(`${error.code}: ${error.message}`, true),
  onEvent: (event) => {
    if (event.type === 'message') note(`answer ${event.message.status}; the full history is queued for the analytics API`);
    if (event.type === 'feedback') note(`feedback ${event.rating ?? 'withdrawn'} on ${event.messageId}`);
    if (event.type === 'delete') note(`deleted ${event.conversationId}`);
  },
});

function messageItem(message: ChatMessage, content: string): HTMLElement {
  const item = make('li', { className: message.role }, content || (message.status === 'pending' ? '…' : ''));
  const actions: HTMLElement[] = [];
  if (message.role === 'assistant' && (message.status === 'error' || message.status === 'interrupted')) {
    actions.push(make('span', { className: 'status' }, message.status === 'error' ? `Failed: ${message.error?.message ?? ''}` : 'Cut off by a reload.'));
    actions.push(make('button', { type: 'button', onclick: () => void chat.retry(message.id) }, 'Retry'));
  }
  if (message.role === 'assistant' && (message.status === 'done' || message.status === 'stopped')) {
    if (message.status === 'stopped') actions.push(make('span', { className: 'status' }, 'Stopped.'));
    const vote = (rating: 'positive' | 'negative') => () =>
      void chat.setFeedback(message.id, message.feedback?.rating === rating ? null : rating, rating === 'negative' ? { labels: ['unrelated_response'] } : {});
    actions.push(make('button', { type: 'button', ariaPressed: String(message.feedback?.rating === 'positive'), onclick: vote('positive') }, 'Helpful'));
    actions.push(make('button', { type: 'button', ariaPressed: String(message.feedback?.rating === 'negative'), onclick: vote('negative') }, 'Not helpful'));
    for (const source of message.sources ?? []) actions.push(make('span', { className: 'source' }, `Source: ${source.title ?? source.url ?? ''}`));
  }
  if (actions.length > 0) item.append(make('div', { className: 'row' }, ...actions));
  return item;
}

effect(() => {
  const draft = chat.draft.value;
  const list = byId<HTMLOListElement>('messages');
  list.replaceChildren(...chat.messages.value.map((message) => messageItem(message, draft?.messageId === message.id ? draft.content : message.content)));
  list.scrollTop = list.scrollHeight;
  byId('conversation-id').textContent = chat.conversation.value?.id ?? '(new)';
  byId<HTMLButtonElement>('stop').hidden = chat.status.value !== 'streaming';
  byId('suggestions').replaceChildren(...chat.suggestions.value.map((text) => make('button', { type: 'button', onclick: () => void chat.send(text) }, text)));
});

byId<HTMLFormElement>('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = byId<HTMLTextAreaElement>('question');
  const text = input.value;
  input.value = '';
  chat.send(text).catch((error: ConfabError) => {
    input.value = text;
    note(error.message, true);
  });
});
byId('stop').addEventListener('click', () => void chat.stop());
byId('new-conversation').addEventListener('click', () => chat.newConversation());
byId('delete-conversation').addEventListener('click', () => {
  const id = chat.conversation.value?.id;
  if (id && confirm('Delete this conversation here, at the analytics API and at the backend?')) void chat.deleteConversation(id);
});
byId('flush').addEventListener('click', async () => {
  const report = await analytics.flush();
  note(`flush: ${report.delivered.length} delivered, ${report.pending.length} pending, ${report.deadLettered.length} dead-lettered`);
});
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-fault]')) {
  button.addEventListener('click', async () => {
    const fault = button.dataset['fault'] ?? 'reset';
    const reset = fault === 'reset';
    await fetch(`${API}/__faults`, reset ? { method: 'DELETE' } : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: fault });
    note(reset ? 'analytics server healed' : `analytics server fault set: ${button.textContent}`);
  });
}

// Reopen the most recent conversation: it is all in IndexedDB.
void chat.ready.then(() => {
  const latest = chat.conversations.value.find((item) => !item.remote);
  if (latest) void chat.selectConversation(latest.id);
});

interface ServerState {
  conversations: Array<{ id: string; updatedAt: string; messages: Array<{ id: string; role: string; content: unknown }> }>;
  feedback: Array<{ id: string; type: string; messageId: string }>;
  events: Array<{ type: string; messageId?: string }>;
  deleted: Array<{ id: string; deletedAt: string }>;
}

function renderServer(state: ServerState) {
  const item = (text: string) => make('div', { className: 'server-item' }, text);
  byId('server-state').replaceChildren(
    make('h3', {}, `Conversations (${state.conversations.length})`),
    ...state.conversations.map((stored) =>
      make(
        'div',
        { className: 'server-item' },
        make('code', {}, `${stored.id} · updated ${stored.updatedAt}`),
        make('ol', {}, ...stored.messages.map((message) => make('li', {}, `${message.role} (${message.id}): ${String(message.content).slice(0, 80)}`))),
      ),
    ),
    make('h3', {}, `Feedback (${state.feedback.length})`),
    ...state.feedback.map((feedback) => item(`${feedback.type} on ${feedback.messageId}`)),
    make('h3', {}, `Events (${state.events.length})`),
    ...state.events.map((event) => item(`${event.type}${event.messageId ? ` on ${event.messageId}` : ''}`)),
    make('h3', {}, `Deleted conversations (${state.deleted.length})`),
    ...state.deleted.map((deleted) => item(`${deleted.id} at ${deleted.deletedAt}`)),
  );
}

async function poll() {
  try {
    const response = await fetch(`${API}/__state`);
    if (response.ok) renderServer((await response.json()) as ServerState);
  } catch {
    // The server restarting: the next poll catches up.
  }
  byId('pending').textContent = String(await analytics.pending());
  byId('dead').textContent = String((await analytics.deadLetters()).length);
}
void poll();
setInterval(() => void poll(), 1_000);
