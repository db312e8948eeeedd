import { createRef } from 'preact';
import type { ChatMessage } from '../../sdk/chat/chat-types';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { MessageItem } from './message-item';
import { Suggestions } from './suggestions';

/** How close to the bottom counts as "reading the latest": then new text keeps it in view. */
const STICK_PX = 48;

/** The conversation: a welcome when empty, then the messages and the suggestions. */
export class MessageList extends WidgetComponent {
  #list = createRef<HTMLDivElement>();
  #stick = true;
  #followed: readonly ChatMessage[] | undefined;

  /**
   * Keeps the end in view unless the reader scrolled up. Stable, so the growing answer can
   * call it after each render without the list rendering per token.
   */
  #follow = () => {
    const box = this.#list.current;
    if (box && this.#stick) box.scrollTop = box.scrollHeight;
  };

  override componentDidMount(): void {
    this.componentDidUpdate();
  }

  override componentDidUpdate(): void {
    const messages = this.widget.chat?.messages.peek();
    if (messages === this.#followed) return;
    this.#followed = messages;
    this.#follow();
  }

  view(_props: object, { chat, strings, settings }: WidgetContextValue) {
    const messages = chat?.messages.value ?? [];
    const welcomeFromBackend = chat?.welcome.value.text;
    return (
      <div
        ref={this.#list}
        class="messages"
        part="messages"
        tabIndex={0}
        role="region"
        aria-label={strings.messages}
        onScroll={(event) => {
          const box = event.currentTarget;
          this.#stick = box.scrollHeight - box.scrollTop - box.clientHeight < STICK_PX;
        }}
      >
        {messages.length === 0 && <p class="welcome">{settings.welcome ?? welcomeFromBackend ?? strings.welcome}</p>}
        <ol class="message-list">
          {messages.map((message, index) => (
            <MessageItem key={message.id} message={message} last={index === messages.length - 1} follow={this.#follow} />
          ))}
        </ol>
        <Suggestions />
      </div>
    );
  }
}
