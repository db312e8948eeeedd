/**
 * One logged conversation as a collapsible `<details>`: its fields, then every message
 * (role, id, createdAt, content as plain text, links, tool calls, properties) with the
 * feedback given on it. Updated in place, so an open conversation stays open.
 */
import { h, json, jsonDetails, keyValues, reconcile, safeLink, time } from './dom';
import type { ContentItem, Conversation, Feedback, Message } from './state-types';

/** The feedback on each message id. */
export type FeedbackIndex = Map<string, Feedback[]>;

/** A message's content as plain text; image parts as their URL. */
export function contentText(content: string | ContentItem[] | null): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? (part.text ?? '') : `[image: ${part.image_url?.url ?? 'no URL'}]`)).join('\n');
}

/** The first words of a text, on one line. */
export function excerpt(text: string, length = 90): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

/** A vote as a badge: + positive or − negative, its id in the tooltip. */
export function feedbackBadge(feedback: Feedback): HTMLElement {
  const badge = h('span', `badge ${feedback.type}`, feedback.type === 'positive' ? '+ positive' : '− negative');
  badge.title = `feedback ${feedback.id}`;
  return badge;
}

function renderMessage(message: Message, feedback: Feedback[]): HTMLElement {
  const text = contentText(message.content);
  const item = h('li', `msg ${message.role}`);
  item.dataset['messageId'] = message.id;
  item.append(
    h(
      'div',
      'head',
      h('span', 'role', message.role),
      h('span', 'id', message.id),
      time(message.createdAt),
      message.name ? h('span', '', `name: ${message.name}`) : null,
      ...feedback.map(feedbackBadge),
    ),
    h('p', text ? 'content' : 'content none', text || (message.content === null ? '(no content)' : '(empty)')),
  );
  if (message.links?.length) {
    const list = h('ul', 'links');
    for (const link of message.links) {
      const title = link.title || link.label || link.url;
      list.append(
        h(
          'li',
          '',
          safeLink(link.url, title),
          ' ',
          h('span', 'url', link.url),
          link.breadcrumbs?.length ? h('div', 'muted', link.breadcrumbs.join(' › ')) : null,
          link.description ? h('div', 'muted', link.description) : null,
        ),
      );
    }
    item.append(h('h4', '', `Links (${message.links.length})`), list);
  }
  if (message.tool_calls?.length) {
    item.append(h('h4', '', `Tool calls (${message.tool_calls.length})`));
    for (const call of message.tool_calls) item.append(h('pre', '', `${call.function.name}(${call.function.arguments})  # ${call.id}`));
  }
  if (message.properties) item.append(jsonDetails('properties', message.properties));
  if (message.userProperties) item.append(jsonDetails('userProperties', message.userProperties));
  return item;
}

function summaryOf(conversation: Conversation, feedback: FeedbackIndex): Array<Node | string> {
  const firstQuestion = conversation.messages.find((message) => message.role === 'user');
  let positive = 0;
  let negative = 0;
  for (const message of conversation.messages) {
    for (const vote of feedback.get(message.id) ?? []) {
      if (vote.type === 'positive') positive++;
      else negative++;
    }
  }
  const user = conversation.userProperties?.['id'];
  const meta = [
    conversation.id,
    `${conversation.messages.length} message${conversation.messages.length === 1 ? '' : 's'}`,
    `updated ${new Date(conversation.updatedAt).toLocaleString()}`,
    user === undefined || user === null ? '' : `user ${String(user)}`,
    positive + negative > 0 ? `feedback +${positive} −${negative}` : '',
  ].filter(Boolean);
  return [
    h('span', 'title', firstQuestion ? excerpt(contentText(firstQuestion.content)) : '(no user message)'),
    h('span', 'meta', meta.join(' · ')),
  ];
}

function fieldsOf(conversation: Conversation): HTMLElement {
  const optional = (value: string | null | undefined) => (value === null || value === undefined ? undefined : value);
  const fields = keyValues([
    ['id', conversation.id],
    ['type', conversation.type],
    ['createdAt', time(conversation.createdAt)],
    ['updatedAt', time(conversation.updatedAt)],
    ['externalId', optional(conversation.externalId)],
    ['externalUrl', conversation.externalUrl ? safeLink(conversation.externalUrl, conversation.externalUrl) : undefined],
    ['projectId', optional(conversation.projectId)],
    ['integrationId', optional(conversation.integrationId)],
    ['visibility', optional(conversation.visibility)],
    ['tags', conversation.tags?.length ? h('span', 'tags', ...conversation.tags.map((tag) => h('span', 'tag', tag))) : undefined],
    ['userProperties', conversation.userProperties ? json(conversation.userProperties) : undefined],
    ['properties', conversation.properties ? json(conversation.properties) : undefined],
  ]);
  fields.classList.add('conversation-fields');
  return fields;
}

/** Renders `conversation` into `old` (keeping it and its open state) or a new `<details>`. */
export function renderConversation(conversation: Conversation, feedback: FeedbackIndex, old?: HTMLElement): HTMLElement {
  const details = old instanceof HTMLDetailsElement ? old : h('details', 'conversation');
  let summary = details.querySelector<HTMLElement>(':scope > summary');
  let body = details.querySelector<HTMLElement>(':scope > .body');
  if (!summary || !body) {
    summary = h('summary');
    body = h('div', 'body', h('dl', 'conversation-fields'), h('ol', 'msg-list'));
    details.replaceChildren(summary, body);
  }
  summary.replaceChildren(...summaryOf(conversation, feedback));
  body.querySelector(':scope > .conversation-fields')?.replaceWith(fieldsOf(conversation));
  const list = body.querySelector(':scope > .msg-list') as HTMLElement;
  reconcile(
    list,
    conversation.messages,
    (message) => message.id,
    (message) => JSON.stringify([message, feedback.get(message.id) ?? []]),
    (message) => renderMessage(message, feedback.get(message.id) ?? []),
  );
  return details;
}
