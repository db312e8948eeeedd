import { createRef } from 'preact';
import type { ChatMessage } from '../../sdk/chat/chat-types';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { Icon } from './icons';
import { MessageItem } from './message-item';
import { Suggestions } from './suggestions';

/** How close to the bottom counts as "reading the latest": then new text keeps it in view. */
const STICK_PX = 48;
/**
 * How many messages a conversation opens with, and how many more each step back shows: a
 * conversation of a thousand messages opens as fast as one of fifty, the rest on demand.
 */
const PAGE = 50;

/** The conversation: a welcome when empty, then the messages and the suggestions. */
export class MessageList extends WidgetComponent {
  #list = createRef<HTMLDivElement>();
  #stick = true;
  /**
   * Whether the list was on screen at the last render, and where the reader was when they
   * scrolled up: a hidden list (a closed panel) has no layout, so the scroll to the end made
   * while it was hidden is lost, and browsers forget a hidden box's scroll position.
   */
  #shown = false;
  #place = 0;
  #followed: readonly ChatMessage[] | undefined;
  /** The first message shown of the open conversation, and which conversation that is. */
  #from = 0;
  #fromOf: string | undefined;
  /** The scroll height before earlier messages were added above: the reader's place is kept. */
  #heightBefore = 0;

  #showEarlier = () => {
    // The button is inside the list: the list is there.
    const box = this.#list.current!;
    this.#heightBefore = box.scrollHeight;
    this.#from = Math.max(0, this.#from - PAGE);
    // The button goes with the first messages: the focus stays in the list, at the reader's place.
    if (!this.#from) box.focus();
    this.forceUpdate();
  };

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
    // Rendered, so the list is there.
    const box = this.#list.current!;
    if (this.#heightBefore) box.scrollTop += box.scrollHeight - this.#heightBefore;
    this.#heightBefore = 0;
    const { ui, settings } = this.widget;
    const shown = settings.mode === 'inline' || ui.open.peek();
    // Shown again (reopened, or on a new page): the newest message, unless the reader had
    // scrolled up, who finds their place again.
    if (shown && !this.#shown) {
      if (this.#stick) this.#follow();
      else box.scrollTop = this.#place;
    }
    this.#shown = shown;
    const messages = this.widget.chat?.messages.peek();
    if (messages === this.#followed) return;
    this.#followed = messages;
    this.#follow();
  }

  view(_props: object, { chat, strings, settings, ui }: WidgetContextValue) {
    // Read so that opening the panel renders the list, which then scrolls (componentDidUpdate).
    ui.open.value;
    const messages = chat?.messages.value ?? [];
    const welcomeFromBackend = chat?.welcome.value.text;
    const openId = chat?.conversation.value?.id;
    if (openId !== this.#fromOf) {
      this.#fromOf = openId;
      this.#from = Math.max(0, messages.length - PAGE);
    }
    const shown = messages.slice(this.#from);
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
          // A box being hidden scrolls to 0 in some engines: that is not the reader.
          if (!box.clientHeight) return;
          this.#stick = box.scrollHeight - box.scrollTop - box.clientHeight < STICK_PX;
          this.#place = box.scrollTop;
        }}
      >
        {messages.length === 0 && (
          <div class="intro" part="intro">
            {/* Decorative: the panel is named by its title already. */}
            {settings.avatar ? (
              <img class="avatar" src={settings.avatar} alt="" />
            ) : (
              <span class="avatar">
                <Icon name="chat" />
              </span>
            )}
            <p class="welcome">{settings.welcome ?? welcomeFromBackend ?? strings.welcome}</p>
          </div>
        )}
        {this.#from > 0 && (
          <button type="button" class="text-button earlier" onClick={this.#showEarlier}>
            {strings.earlierMessages}
          </button>
        )}
        <ol class="message-list">
          {shown.map((message, index) => (
            <MessageItem key={message.id} message={message} last={index === shown.length - 1} follow={this.#follow} />
          ))}
        </ol>
        <Suggestions />
      </div>
    );
  }
}
