/**
 * The "Talk to a person" page: the inline widget with handoff on, and a console that plays
 * the Dixa agent through the reference Dixa server's test routes (`/api/dixa/__test/…`):
 * it follows the newest conversation the handoff created, shows what the agent sees (the
 * visitor's messages and the transcript notes) and assigns, replies and closes.
 */
import 'confab-chat/element';

interface DixaConversation {
  id: number;
  state: string;
  requesterId: string;
  assignment?: { agentId: string };
  messages: Array<{ id: string; direction: string; content?: { value: string } }>;
  notes: Array<{ id: string; message: string }>;
}

const AGENT_ID = 'a53b25da-f676-4c52-acac-58c9280aa23d';
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ticket = byId<HTMLParagraphElement>('agent-ticket');
const note = byId<HTMLParagraphElement>('agent-note');
const seen = byId<HTMLUListElement>('agent-view');
const text = byId<HTMLInputElement>('agent-text');
const controls = ['agent-assign', 'agent-close', 'agent-reply', 'agent-text'].map((id) => byId<HTMLButtonElement | HTMLInputElement>(id));
let current: DixaConversation | undefined;

async function testRoute(name: string, body: unknown) {
  const response = await fetch(`/api/dixa/__test/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

function item(label: string, value: string) {
  const li = document.createElement('li');
  const strong = document.createElement('strong');
  strong.textContent = `${label}: `;
  li.append(strong, value);
  return li;
}

async function refresh() {
  try {
    const state = (await (await fetch('/api/dixa/__test/state')).json()) as { conversations: DixaConversation[] };
    current = state.conversations.filter((conversation) => conversation.requesterId === '9c2a2cce-699f-4a72-89d9-fda5bc8dec8b').at(-1);
  } catch {
    current = undefined;
  }
  for (const control of controls) control.disabled = !current;
  if (!current) return;
  ticket.textContent = `Dixa conversation #${current.id}: ${current.state}${current.assignment ? ', assigned to Dale Cooper' : ', waiting in the queue'}.`;
  seen.replaceChildren(
    ...current.notes.map((entry) => item('Note', entry.message)),
    ...current.messages.map((entry) => item(entry.direction === 'Outbound' ? 'Agent' : 'Visitor', entry.content?.value ?? '')),
  );
}

async function act(name: string, body: Record<string, unknown>, done: string) {
  if (!current) return;
  try {
    await testRoute(name, { conversationId: current.id, ...body });
    note.textContent = done;
  } catch (error) {
    note.textContent = `The Dixa server refused: ${error instanceof Error ? error.message : String(error)}`;
  }
  await refresh();
}

byId('agent-assign').addEventListener('click', () => void act('assign', { agentId: AGENT_ID }, 'Assigned: the widget shows "Dale Cooper joined".'));
byId('agent-close').addEventListener('click', () => void act('close', {}, 'Closed: the widget offers a rating.'));
byId('agent-reply-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if (text.value.trim()) void act('agent-reply', { text: text.value.trim() }, 'Replied: the widget shows it within a few seconds.');
});

void refresh();
setInterval(() => void refresh(), 2_000);
