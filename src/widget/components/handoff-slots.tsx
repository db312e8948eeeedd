import type { ChatMessage } from '../../sdk/chat/chat-types';
import { handoffChunkOf } from '../handoff/handoff-registry';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { Icon } from './icons';

/**
 * The panel's places for the human handoff, whose components are a chunk of their own
 * (src/widget/handoff/handoff-module.ts): each renders the chunk's component once it is
 * there, and until then a plain stand-in, so the panel never waits for it.
 */

/** Whether a message belongs to a human handoff: a line, a person's message, or the visitor's message to them. */
export const isHandoffMessage = (message: ChatMessage): boolean => Boolean(message.line || message.agent || message.delivery);

/** Above the composer: the chunk's bar; while it cannot be loaded and the open conversation is with a person, the reason and Retry. */
export class HandoffBarSlot extends WidgetComponent {
  view(_props: object, { chat, strings }: WidgetContextValue) {
    const chunk = handoffChunkOf(chat);
    const loaded = chunk?.module.value;
    if (loaded) return <loaded.HandoffBar />;
    const handoff = chat?.conversation.value?.handoff;
    if (!chunk?.failed.value || !handoff || handoff.returned) return null;
    return (
      <div class="handoff-bar" part="handoff" role="status">
        <p>{strings.handoff.loadFailed}</p>
        <div class="row">
          <button type="button" class="text-button primary" onClick={() => void chunk.load()}>
            <Icon name="retry" />
            {strings.retry}
          </button>
        </div>
      </div>
    );
  }
}

/** The header's "Talk to a person", once the chunk is there. */
export class HandoffMenuSlot extends WidgetComponent {
  view(_props: object, { chat }: WidgetContextValue) {
    const loaded = handoffChunkOf(chat)?.module.value;
    return loaded ? <loaded.HandoffMenuButton /> : null;
  }
}

/**
 * A message of a human handoff: the chunk's rendering once it is there (asked for on first
 * sight, so a conversation from a handoff reads right even where `handoff` is off now, unless
 * a load failed: then Retry asks);
 * until then its text, plain, and nothing for a line.
 */
export class HandoffMessageSlot extends WidgetComponent<{ message: ChatMessage }> {
  override componentDidMount(): void {
    const chunk = handoffChunkOf(this.widget.chat);
    // After a failed load the bar offers Retry: a message shown meanwhile (one the visitor
    // just wrote) does not try again behind the visitor's back, nor report another failure.
    if (chunk && !chunk.failed.peek()) void chunk.load();
  }

  view({ message }: { message: ChatMessage }, { chat, strings }: WidgetContextValue) {
    const loaded = handoffChunkOf(chat)?.module.value;
    if (loaded) return <loaded.HandoffMessage message={message} />;
    if (message.line || !message.content) return null;
    const user = message.role === 'user';
    return (
      <li class={`message ${user ? 'user' : 'assistant agent'}`} part={user ? 'message' : 'message agent-message'}>
        <span class="visually-hidden">{user ? strings.you : strings.handoff.someoneJoined}: </span>
        <div class="bubble" dir="auto">
          <p class="plain">{message.content}</p>
        </div>
      </li>
    );
  }
}
