/**
 * The logging-SDK demo: a local conversation whose full history is logged after every turn,
 * feedback and delete through the outbox, server faults to play with, and a live view of
 * what the reference analytics server holds.
 */
import { createAnalytics, type ConfabError, type Message } from '../../src/sdk/index';

const API = '/api/analytics';
const STORAGE_KEY = 'confab-demo-conversation';

interface LocalConversation {
  id: string;
  messages: Array<Message & { id: string }>;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const log = byId<HTMLOListElement>('log');

function note(text: string, isError = false) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  if (isError) item.className = 'error';
  log.prepend(item);
}

const analytics = createAnalytics({
  baseUrl: API,
  apiKey: 'confab-demo-web-key',
  storeName: 'demo',
  onError: (error: ConfabError, context) => note(`${error.code}: ${error.message}${context?.item ? ` (${context.item.key})` : ''}`, true),
});

function newConversation(): LocalConversation {
  return { id: `conv_${crypto.randomUUID()}`, messages: [] };
}

let conversation: LocalConversation = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') ?? newConversation();

function save() {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(conversation));
  renderConversation();
}

function renderConversation() {
  byId('conversation-id').textContent = conversation.id;
  const list = byId<HTMLOListElement>('messages');
  list.replaceChildren(
    ...conversation.messages.map((message) => {
      const item = document.createElement('li');
      item.className = message.role;
      item.textContent = String(message.content);
      return item;
    }),
  );
  list.scrollTop = list.scrollHeight;
}

async function refreshOutbox() {
  byId('pending').textContent = String(await analytics.pending());
  byId('dead').textContent = String((await analytics.deadLetters()).length);
}

byId<HTMLFormElement>('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = byId<HTMLTextAreaElement>('question');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  const turn = conversation.messages.length / 2;
  conversation.messages.push(
    { id: `${conversation.id}_u${turn}`, role: 'user', content: text, createdAt: new Date().toISOString() },
    {
      id: `${conversation.id}_a${turn}`,
      role: 'assistant',
      content: `You said “${text}”. (A placeholder answer: the chat engine lands in a later milestone.)`,
      createdAt: new Date().toISOString(),
      links: [{ url: 'https://example.com/docs/confab', title: 'confab docs', breadcrumbs: ['Docs', 'Logging'] }],
    },
  );
  save();
  await analytics.logConversation({ id: conversation.id, type: 'openai', messages: conversation.messages, properties: { page: location.pathname } });
  note(`queued the full history of ${conversation.id} (${conversation.messages.length} messages)`);
});

async function vote(type: 'positive' | 'negative') {
  const answer = conversation.messages.findLast((message) => message.role === 'assistant');
  if (!answer) return note('Send a message first: feedback is about an answer.', true);
  const reasons = type === 'negative' ? [{ label: 'unrelated_response', details: '' }] : null;
  await analytics.logFeedback({ type, messageId: answer.id, reasons });
  note(`queued ${type} feedback on ${answer.id}`);
}

byId('vote-up').addEventListener('click', () => void vote('positive'));
byId('vote-down').addEventListener('click', () => void vote('negative'));
byId('new-conversation').addEventListener('click', () => {
  conversation = newConversation();
  save();
});
byId('delete-conversation').addEventListener('click', async () => {
  await analytics.deleteConversation(conversation.id);
  note(`queued the delete of ${conversation.id}`);
  conversation = newConversation();
  save();
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
    note(reset ? 'server healed' : `server fault set: ${button.textContent}`);
  });
}

interface ServerState {
  conversations: Array<{ id: string; updatedAt: string; messages: Array<{ id: string; role: string; content: unknown }> }>;
  feedback: Array<{ id: string; type: string; messageId: string }>;
  events: unknown[];
  deleted: Array<{ id: string; deletedAt: string }>;
}

function renderServer(state: ServerState) {
  const sections: HTMLElement[] = [];
  const heading = (text: string) => Object.assign(document.createElement('h3'), { textContent: text });
  sections.push(heading(`Conversations (${state.conversations.length})`));
  for (const stored of state.conversations) {
    const item = document.createElement('div');
    item.className = 'server-item';
    const title = Object.assign(document.createElement('code'), { textContent: `${stored.id} · updated ${stored.updatedAt}` });
    const messages = document.createElement('ol');
    for (const message of stored.messages) {
      messages.append(Object.assign(document.createElement('li'), { textContent: `${message.role} (${message.id}): ${String(message.content).slice(0, 80)}` }));
    }
    item.append(title, messages);
    sections.push(item);
  }
  sections.push(heading(`Feedback (${state.feedback.length})`));
  for (const feedback of state.feedback) {
    sections.push(Object.assign(document.createElement('div'), { className: 'server-item', textContent: `${feedback.type} on ${feedback.messageId} (${feedback.id})` }));
  }
  sections.push(heading(`Deleted conversations (${state.deleted.length})`));
  for (const deleted of state.deleted) {
    sections.push(Object.assign(document.createElement('div'), { className: 'server-item', textContent: `${deleted.id} at ${deleted.deletedAt}` }));
  }
  byId('server-state').replaceChildren(...sections);
}

async function poll() {
  try {
    const response = await fetch(`${API}/__state`);
    if (response.ok) renderServer((await response.json()) as ServerState);
  } catch {
    // The server restarting: the next poll catches up.
  }
  await refreshOutbox();
}

renderConversation();
void poll();
setInterval(() => void poll(), 1_000);
