import type { ChatMessage } from '../../sdk/chat/chat-types';
import { handoffOf } from '../handoff/handoff-registry';
import { format } from '../i18n';
import { Markdown } from '../markdown';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { Icon } from './icons';
import { reportMarkdownFailure } from './markdown-failure';

/**
 * A message of a human handoff: a line in the conversation (asked for a person, who joined,
 * the end), a person's reply (safe Markdown when the helpdesk sent Markdown, else plain
 * text, under their name), or the visitor's message to the person with where its delivery
 * is, and Retry when it was not delivered.
 */
export class HandoffMessage extends WidgetComponent<{ message: ChatMessage }> {
  view({ message }: { message: ChatMessage }, { chat, strings, settings, copy, act }: WidgetContextValue) {
    const texts = strings.handoff;
    if (message.line) {
      const name = message.agent?.name;
      const text = { requested: texts.requested, joined: name ? format(texts.joined, { name }) : texts.someoneJoined, closed: texts.closed, returned: texts.returned }[message.line];
      return (
        <li class="message handoff-line" part="handoff-line" role="note">
          <span>{text}</span>
        </li>
      );
    }
    if (message.agent) {
      const name = message.agent.name;
      return (
        <li class="message assistant agent" part="message agent-message">
          {name && <p class="agent-name">{format(texts.agent, { name })}</p>}
          {!name && <span class="visually-hidden">{texts.someoneJoined}: </span>}
          <div class="bubble" dir="auto">
            {!message.content ? (
              <p class="note">{texts.agentReplied}</p>
            ) : message.agent.markdown ? (
              <Markdown text={message.content} allowImages={settings.allowImages} strings={strings} onCopyCode={(code) => void copy(code)} onError={reportMarkdownFailure(act)} />
            ) : (
              <p class="plain">{message.content}</p>
            )}
          </div>
        </li>
      );
    }
    const { delivery } = message;
    const handoff = handoffOf(chat);
    return (
      <li class="message user" part="message" data-delivery={delivery}>
        <span class="visually-hidden">{strings.you}: </span>
        <div class="bubble" dir="auto">
          {message.content}
        </div>
        {delivery === 'sending' && <p class="delivery">{texts.sending}</p>}
        {delivery === 'queued' && <p class="delivery">{texts.queued}</p>}
        {delivery === 'failed' && (
          <div class="problem" role="alert">
            <span>{texts.notDelivered}</span>
            <button type="button" class="text-button" onClick={() => act(handoff?.retry(message.id))}>
              <Icon name="retry" />
              {strings.retry}
            </button>
          </div>
        )}
      </li>
    );
  }
}
