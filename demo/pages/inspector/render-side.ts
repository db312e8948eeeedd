/**
 * The side lists of the inspector: feedback (with the message it is on), events and
 * deleted conversations.
 */
import { h, json, time } from './dom';
import { contentText, excerpt, feedbackBadge } from './render-conversation';
import type { AnalyticsEvent, Conversation, Deleted, Feedback, Message } from './state-types';

/** Where a message id is: the most recently updated conversation holding it, as the server attaches feedback. */
export type MessageIndex = Map<string, { conversation: Conversation; message: Message }>;

/** Asks the page to open a conversation and show one of its messages. */
export type ShowMessage = (conversationId: string, messageId: string) => void;

export function renderFeedback(feedback: Feedback, messages: MessageIndex, show: ShowMessage): HTMLElement {
  const target = messages.get(feedback.messageId);
  const item = h(
    'li',
    'feedback-item',
    h(
      'div',
      'head',
      feedbackBadge(feedback),
      h('span', 'mono', feedback.id),
      time(feedback.updatedAt),
    ),
  );
  if (target) {
    const button = h('button', '', 'Show');
    button.type = 'button';
    button.addEventListener('click', () => show(target.conversation.id, target.message.id));
    item.append(
      h(
        'p',
        'on',
        `On ${target.message.role} message `,
        h('span', 'mono', feedback.messageId),
        ' in ',
        h('span', 'mono', target.conversation.id),
        ': ',
        h('q', '', excerpt(contentText(target.message.content), 120)),
        ' ',
        button,
      ),
    );
  } else {
    item.append(h('p', 'on', 'On message ', h('span', 'mono', feedback.messageId), ' — in no stored conversation (deleted, or not logged yet).'));
  }
  if (feedback.reasons?.length) {
    item.append(h('ul', '', ...feedback.reasons.map((reason) => h('li', '', h('strong', '', reason.label), reason.details ? `: ${reason.details}` : ''))));
  }
  if (feedback.details) item.append(h('p', '', `Details: ${feedback.details}`));
  if (feedback.sources?.length) item.append(h('p', 'muted', `Sources: ${feedback.sources.map((source) => source.title ?? source.url ?? source.type).join(', ')}`));
  if (feedback.properties) item.append(h('h4', '', 'properties'), json(feedback.properties));
  if (feedback.userProperties) item.append(h('h4', '', 'userProperties'), json(feedback.userProperties));
  return item;
}

export function renderEvent(event: AnalyticsEvent): HTMLElement {
  const target = event.messageId ?? event.conversationId ?? (event.searchQuery === undefined ? '' : `“${event.searchQuery}”`);
  const item = h(
    'li',
    'event-item',
    h('div', 'head', h('strong', '', event.type), h('span', 'muted', `on ${event.entityType}`), h('span', 'mono', target), time(event.createdAt)),
  );
  if (event.properties) item.append(h('h4', '', 'properties'), json(event.properties));
  if (event.userProperties) item.append(h('h4', '', 'userProperties'), json(event.userProperties));
  return item;
}

export function renderDeleted(deleted: Deleted): HTMLElement {
  return h('li', 'deleted-item', h('div', 'head', h('span', 'mono', deleted.id), time(deleted.deletedAt)));
}
