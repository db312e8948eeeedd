/**
 * Reading what happened in a Dixa conversation (contracts/dixa.md §4.6): no push and no
 * "since" in this API, so the whole message list (oldest first) is read and cut after the
 * last message the cursor names, beside the conversation's state and assignment. A
 * message is the visitor's when its `externalId` is one confab gave, its author is the
 * requester, or its direction is Inbound; any other is an agent's (or the system's). The
 * text is read from `attributes.content` (GAP 2: provisional, not documented); HTML is
 * turned into Markdown text, so no helpdesk markup reaches the widget (§7.6). Agents are
 * named from the activity log's authors: the API has no user lookup.
 */
import { htmlToMarkdown } from '../../knowledge/html-to-markdown';
import type { AgentMessage, HelpdeskActivity, HelpdeskAgent } from '../handoff-adapter';
import type { DixaClient } from './dixa-client';
import { activityLogSchema, conversationSchema, messageListSchema } from './dixa-schemas';
import { parseDixaTime } from './dixa-time';

type ListedMessage = (typeof messageListSchema)['_output'][number];

/** The adapter's cursor: the id of the last message read. */
interface Cursor {
  last?: string | undefined;
}

function readCursor(cursor: string | undefined): Cursor {
  if (cursor === undefined) return {};
  try {
    const value = JSON.parse(cursor) as Cursor;
    return typeof value === 'object' && value !== null && (value.last === undefined || typeof value.last === 'string') ? value : {};
  } catch {
    return {};
  }
}

/** Names of agents by id, as the activity logs have shown them; null: looked up, not named. */
export type AgentNames = Map<string, string | null>;

/** Reads agents' messages since `cursor` and the state of conversation `ticketId`. */
export async function readDixaActivity(client: DixaClient, names: AgentNames, requesterId: string, ticketId: string, cursor: string | undefined): Promise<HelpdeskActivity> {
  const path = `/v1/conversations/${ticketId}`;
  const [conversation, messages] = await Promise.all([
    client.read({ method: 'GET', path, what: 'read the conversation' }, conversationSchema),
    client.read({ method: 'GET', path: `${path}/messages`, what: 'list the messages' }, messageListSchema),
  ]);
  const requester = conversation.requesterId ?? requesterId;
  const { last } = readCursor(cursor);
  const from = last === undefined ? 0 : messages.findIndex((message) => message.id === last) + 1;
  const fresh = messages.slice(from);
  const isVisitors = (message: ListedMessage) => message.externalId?.startsWith('confab:') === true || message.authorId === requester || message.attributes?.direction === 'Inbound';
  const agentMessages = fresh.filter((message) => !isVisitors(message));
  const assigned = conversation.assignment?.agentId;
  const wanted = new Set([...agentMessages.flatMap((message) => (message.authorId === undefined ? [] : [message.authorId])), ...(assigned === undefined ? [] : [assigned])]);
  if ([...wanted].some((id) => !names.has(id))) {
    const log = await client.read({ method: 'GET', path: `${path}/activitylog`, what: 'read the activity log' }, activityLogSchema);
    for (const entry of log) if (entry.author?.name) names.set(entry.author.id, entry.author.name);
    for (const id of wanted) if (!names.has(id)) names.set(id, null);
  }
  const agentOf = (id: string | undefined): HelpdeskAgent | null => (id === undefined ? null : { id, name: names.get(id) ?? null });
  return {
    messages: agentMessages.map((message): AgentMessage => {
      const content = message.attributes?.content;
      const html = content?._type === 'Html';
      const text = content?.value === undefined ? null : html ? htmlToMarkdown(content.value) : content.value;
      return { id: message.id, text, format: html ? 'markdown' : 'text', agent: agentOf(message.authorId), createdAt: parseDixaTime(message.createdAt) };
    }),
    state: conversation.state === 'Closed' ? 'closed' : 'open',
    agent: agentOf(assigned),
    cursor: JSON.stringify({ last: messages.at(-1)?.id ?? last }),
  };
}
