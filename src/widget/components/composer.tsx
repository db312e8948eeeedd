import { createRef } from 'preact';
import { handoffOf } from '../handoff/handoff-registry';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { IconButton } from './icon-button';
import { isArriving } from './message-item';

/** The message box: Enter sends, Shift+Enter makes a new line; a stop button while an answer streams. */
export class Composer extends WidgetComponent {
  #input = createRef<HTMLTextAreaElement>();
  /** Open and showing the chat, as last rendered; and as when the focus last followed it. */
  #visible = false;
  #wasVisible: boolean | undefined;
  #sizedFor: string | undefined;

  override componentDidMount(): void {
    this.componentDidUpdate();
  }

  override componentDidUpdate(): void {
    super.componentDidUpdate();
    const visible = this.#visible;
    const box = this.#input.current;
    // Focus moves into the panel when it is opened, or when the reader comes back from the
    // conversation list; never on load, which would scroll a page with an inline widget to it.
    if (visible && this.#wasVisible === false) box?.focus();
    this.#wasVisible = visible;
    // Grows with its text up to the height the stylesheet allows. Measured only while shown:
    // a hidden box has no height, and sizing it then would leave it collapsed on opening.
    const text = this.widget.ui.typed.peek();
    if (box && visible && text !== this.#sizedFor) {
      this.#sizedFor = text;
      box.style.height = 'auto';
      box.style.height = `${box.scrollHeight}px`;
    }
  }

  #submit() {
    const { chat, ui: { typed } } = this.widget;
    const question = typed.peek().trim();
    if (!question || !chat || chat.status.peek() === 'streaming') return;
    typed.value = '';
    // Refused only while another answer streams: the text goes back into the box.
    chat.send(question).catch(() => (typed.value = question));
  }

  view(_props: object, { chat, strings, settings, ui, act }: WidgetContextValue) {
    const text = ui.typed.value;
    const busy = chat?.status.value === 'streaming';
    // Stop belongs to the conversation whose answer is arriving; in another one Send waits.
    const arrivingHere = busy && chat.messages.value.some(isArriving);
    this.#visible = ui.open.value && ui.view.value === 'chat';
    // The placeholder names the box too: it is its only visible label. It says who reads what
    // is typed: the person of a handoff, else the assistant (the site's own wording).
    const placeholder = handoffOf(chat)?.withPerson.value ? strings.handoff.placeholder : (settings.placeholder ?? strings.placeholder);
    return (
      <form
        class="composer"
        part="composer"
        onSubmit={(event) => {
          event.preventDefault();
          this.#submit();
        }}
      >
        <textarea
          ref={this.#input}
          part="input"
          dir="auto"
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-label={placeholder}
          disabled={!chat}
          onInput={(event) => (ui.typed.value = event.currentTarget.value)}
          onKeyDown={(event) => {
            // IME composition (Japanese, Chinese, …) uses Enter to confirm a word, not to send.
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              this.#submit();
            }
          }}
        />
        {arrivingHere ? (
          <IconButton icon="stop" class="stop" part="stop" label={strings.stop} onClick={() => act(chat?.stop())} />
        ) : (
          <IconButton icon="send" type="submit" class="send" part="send" label={strings.send} disabled={!text.trim() || !chat || busy} />
        )}
      </form>
    );
  }
}
