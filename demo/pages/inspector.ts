/**
 * The inspector: what the reference analytics server holds, polled once a second from its
 * test routes (`__state`, `__faults`, `__stats`). Lists are updated by key, so open
 * conversations, the scroll position and the focus survive every poll; a text filter
 * hides what does not match. Plain DOM, and server data only ever becomes text.
 */
import { h, reconcile } from './inspector/dom';
import { renderConversation, type FeedbackIndex } from './inspector/render-conversation';
import { renderDeleted, renderEvent, renderFeedback, type MessageIndex } from './inspector/render-side';
import type { FaultsSnapshot, ServerState, StatsSnapshot } from './inspector/state-types';

const API = '/api/analytics';
const POLL_MS = 1_000;

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const lists = {
  conversations: byId<HTMLOListElement>('conversations'),
  feedback: byId<HTMLOListElement>('feedback'),
  events: byId<HTMLOListElement>('events'),
  deleted: byId<HTMLOListElement>('deleted'),
};
const filterInput = byId<HTMLInputElement>('filter');

/** Lower-cased text of each rendered item, for the filter. */
const haystacks = new WeakMap<Element, string>();
let lastStateText = '';
let firstRender = true;

/** Newest first by an ISO timestamp, ties by id so the order is stable between polls. */
function newestFirst<T extends { id: string }>(items: readonly T[], at: (item: T) => string): T[] {
  return [...items].sort((a, b) => at(b).localeCompare(at(a)) || b.id.localeCompare(a.id));
}

function indexFeedback(state: ServerState): FeedbackIndex {
  const index: FeedbackIndex = new Map();
  for (const feedback of state.feedback) index.set(feedback.messageId, [...(index.get(feedback.messageId) ?? []), feedback]);
  return index;
}

function indexMessages(conversations: ServerState['conversations']): MessageIndex {
  const index: MessageIndex = new Map();
  // `conversations` is newest first: the first holder of an id wins, as on the server.
  for (const conversation of conversations) {
    for (const message of conversation.messages) if (!index.has(message.id)) index.set(message.id, { conversation, message });
  }
  return index;
}

/** Opens a conversation, scrolls to one of its messages and flashes it. */
function showMessage(conversationId: string, messageId: string) {
  const details = lists.conversations.querySelector<HTMLDetailsElement>(`:scope > [data-key="${CSS.escape(conversationId)}"]`);
  if (!details) return;
  details.open = true;
  const message = details.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`) ?? details;
  message.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  message.animate?.([{ outline: '3px solid var(--accent)' }, { outline: '3px solid transparent' }], { duration: 1_600 });
}

/** Renders one list by key and records each item's filter text. */
function renderList<T extends { id: string }>(list: HTMLElement, items: T[], signature: (item: T) => string, render: (item: T, old?: HTMLElement) => HTMLElement) {
  reconcile(list, items, (item) => item.id, signature, (item, old) => {
    const node = render(item, old);
    haystacks.set(node, signature(item).toLowerCase());
    return node;
  });
  byId(`${list.id}-empty`).hidden = items.length > 0;
}

function render(state: ServerState) {
  const conversations = newestFirst(state.conversations, (c) => c.updatedAt);
  const feedbackIndex = indexFeedback(state);
  const messageIndex = indexMessages(conversations);
  const known = new Set([...lists.conversations.children].map((child) => (child as HTMLElement).dataset['key']));

  renderList(
    lists.conversations,
    conversations,
    (conversation) => JSON.stringify([conversation, conversation.messages.map((message) => feedbackIndex.get(message.id) ?? [])]),
    (conversation, old) => {
      const node = renderConversation(conversation, feedbackIndex, old);
      // Open the newest on first load, and every conversation that arrives while watching.
      if (!old && (firstRender ? conversation === conversations[0] : !known.has(conversation.id))) (node as HTMLDetailsElement).open = true;
      return node;
    },
  );
  renderList(
    lists.feedback,
    newestFirst(state.feedback, (f) => f.updatedAt),
    (feedback) => JSON.stringify([feedback, messageIndex.get(feedback.messageId)?.message ?? null]),
    (feedback) => renderFeedback(feedback, messageIndex, showMessage),
  );
  renderList(lists.events, newestFirst(state.events, (e) => e.createdAt), (event) => JSON.stringify(event), renderEvent);
  renderList(lists.deleted, newestFirst(state.deleted, (d) => d.deletedAt), (deleted) => JSON.stringify(deleted), renderDeleted);

  const positive = state.feedback.filter((f) => f.type === 'positive').length;
  byId('count-conversations').textContent = String(state.conversations.length);
  byId('count-messages').textContent = String(state.conversations.reduce((sum, c) => sum + c.messages.length, 0));
  const feedbackCount = byId('count-feedback');
  feedbackCount.textContent = String(state.feedback.length);
  if (state.feedback.length > 0) feedbackCount.append(h('small', 'split', ` +${positive} −${state.feedback.length - positive}`));
  byId('count-events').textContent = String(state.events.length);
  byId('count-deleted').textContent = String(state.deleted.length);
  firstRender = false;
  applyFilter();
}

function applyFilter() {
  const needle = filterInput.value.trim().toLowerCase();
  for (const list of Object.values(lists)) {
    for (const child of list.children) (child as HTMLElement).hidden = needle !== '' && !(haystacks.get(child) ?? '').includes(needle);
  }
  const total = lists.conversations.children.length;
  const shown = [...lists.conversations.children].filter((child) => !(child as HTMLElement).hidden).length;
  byId('conversations-shown').textContent = needle ? `${shown} of ${total} match “${filterInput.value.trim()}”` : '';
}

function describeFaults(faults: FaultsSnapshot): string {
  const parts = [
    ...faults.failNext.map((f) => `fail next ${f.count} with ${f.status}${f.retryAfter === undefined ? '' : ` (Retry-After ${f.retryAfter})`}`),
    faults.dropNext > 0 ? `drop next ${faults.dropNext}` : '',
    faults.delayMs > 0 ? `delay ${faults.delayMs} ms` : '',
    ...faults.delayNext.map((d) => `delay next ${d.count} by ${d.ms} ms`),
    faults.failRate ? `fail ${Math.round(faults.failRate.rate * 100)}% with ${faults.failRate.status}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'none: healthy';
}

function describeStats(stats: StatsSnapshot): string {
  const statuses = Object.entries(stats.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status}: ${n}`);
  return `${stats.requests} since start or reset${statuses.length ? ` (${statuses.join(', ')})` : ''}`;
}

async function getJson<T>(path: string): Promise<{ text: string; value: T }> {
  const response = await fetch(`${API}${path}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  const text = await response.text();
  return { text, value: JSON.parse(text) as T };
}

async function poll() {
  const status = byId('poll-status');
  try {
    const [state, faults, stats] = await Promise.all([getJson<ServerState>('/__state'), getJson<FaultsSnapshot>('/__faults'), getJson<StatsSnapshot>('/__stats')]);
    if (state.text !== lastStateText) {
      lastStateText = state.text;
      render(state.value);
    }
    byId('pending-faults').textContent = describeFaults(faults.value);
    byId('request-stats').textContent = describeStats(stats.value);
    status.className = 'poll-status';
    status.textContent = `Live · updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    status.className = 'poll-status error';
    status.textContent = `Cannot read the analytics server (${error instanceof Error ? error.message : String(error)}); retrying every second.`;
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;
async function loop() {
  clearTimeout(timer);
  if (document.visibilityState === 'visible') await poll();
  // Cleared again: a loop started while this poll was waiting has set its own timer.
  clearTimeout(timer);
  timer = setTimeout(() => void loop(), POLL_MS);
}
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void loop();
});
void loop();

// ---------- Controls ----------

filterInput.addEventListener('input', applyFilter);
byId('expand-all').addEventListener('click', () => {
  for (const details of lists.conversations.querySelectorAll<HTMLDetailsElement>(':scope > details')) details.open = true;
});
byId('collapse-all').addEventListener('click', () => {
  for (const details of lists.conversations.querySelectorAll<HTMLDetailsElement>(':scope > details')) details.open = false;
});

const note = byId('fault-note');
async function control(path: string, init: RequestInit, done: string) {
  try {
    const response = await fetch(`${API}${path}`, init);
    if (!response.ok) throw new Error(`answered ${response.status}`);
    note.textContent = `${done} (${new Date().toLocaleTimeString()})`;
  } catch (error) {
    note.textContent = `${path} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  void loop();
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-fault]')) {
  button.addEventListener('click', () => {
    const fault = button.dataset['fault'] ?? 'heal';
    if (fault === 'heal') void control('/__faults', { method: 'DELETE' }, 'Healed: every pending fault cleared');
    else void control('/__faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: fault }, `Set: ${button.textContent ?? fault}`);
  });
}
byId('reset').addEventListener('click', () => {
  if (!confirm('Reset the analytics server? Every conversation, feedback and event it holds is erased, with its stats and faults.')) return;
  void control('/__reset', { method: 'POST' }, 'The analytics server was reset');
});
