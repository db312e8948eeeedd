import type { ChatMessage } from '../../sdk/chat/chat-types';
import { pageConnection } from '../../sdk/chat/connection';
import { format } from '../i18n';
import { Markdown } from '../markdown';
import { WidgetComponent } from '../widget-component';
import type { ProvidedContext, WidgetContextValue } from '../widget-context';
import { CopyButton } from './copy-button';
import { Feedback } from './feedback';
import { HandoffMessageSlot, isHandoffMessage } from './handoff-slots';
import { reportMarkdownFailure } from './markdown-failure';
import { IconButton } from './icon-button';
import { Icon } from './icons';
import { Sources } from './sources';

/** Whether an answer is still arriving (asked for, or streaming). */
export const isArriving = (message: ChatMessage): boolean => message.status === 'pending' || message.status === 'streaming';

/** Keeps the end of the conversation in view as content grows, unless the reader scrolled up. */
type Follow = () => void;

/**
 * The longest answer shown, in characters: a model that repeats itself without `max_tokens`
 * can write megabytes. A longer answer is stopped and shown up to here, with a note.
 */
export const MAX_SHOWN = 1_000_000;

/**
 * An answer's text. While it arrives: the draft with a caret, the only component that renders
 * as tokens arrive (once per frame), keeping the end in view. Then the finished text in the
 * same Markdown, which keeps the DOM of every block that did not change.
 */
class AnswerText extends WidgetComponent<{ message: ChatMessage; arriving: boolean; follow: Follow | undefined; onBehind: (behind: boolean) => void }> {
  #frame = 0;

  /**
   * Called for every watched change, so per token. A fast or buffering backend delivers
   * tokens much faster than frames, and each render re-parses the answer's last block and
   * keeps its end in view (a layout of the whole list): per token, that work grows with the
   * answer until the page freezes. Once per frame it does not. (A hidden page renders when shown.)
   */
  override forceUpdate(): void {
    this.#frame ||= requestAnimationFrame(() => {
      this.#frame = 0;
      super.forceUpdate();
    });
  }

  override componentWillUnmount(): void {
    cancelAnimationFrame(this.#frame);
  }

  override componentDidMount(): void {
    this.componentDidUpdate();
  }

  override componentDidUpdate(): void {
    if (!this.props.arriving) return;
    this.props.follow?.();
    // Past the longest answer shown, the rest would only be cut: stop it (once).
    if (this.#cut && !this.#stopping) {
      this.#stopping = true;
      this.widget.act(this.widget.chat?.stop());
    }
  }

  #cut = false;
  #stopping = false;

  view({ message, arriving, onBehind }: AnswerText['props'], { chat, strings, settings, copy, act }: WidgetContextValue) {
    // Only an arriving answer watches the draft: a finished one does not render per token.
    const draft = arriving ? chat?.draft.value : undefined;
    const text = draft?.messageId === message.id ? draft.content : message.content;
    if (!text) {
      return (
        arriving && (
          <p class="thinking">
            <i />
            <i />
            <i />
            <span class="visually-hidden">{strings.thinking}</span>
          </p>
        )
      );
    }
    const cut = (this.#cut = text.length > MAX_SHOWN);
    return (
      <>
        <Markdown
          text={text.slice(0, MAX_SHOWN)}
          streaming={arriving}
          allowImages={settings.allowImages}
          strings={strings}
          onCopyCode={(code) => void copy(code)}
          onBehind={onBehind}
          onError={reportMarkdownFailure(act)}
        />
        {cut ? <p class="note">{strings.tooLong}</p> : arriving && <span class="caret" aria-hidden="true" />}
      </>
    );
  }
}

/**
 * Retry for an answer that failed, broke off, or was cut off by a reload, with one plain
 * sentence for its kind of failure: the technical detail went to `confab-error` and the
 * console, never to the reader. A function: its message item renders it again when the
 * context changes.
 */
function Problem({ message, offline }: { message: ChatMessage; offline: boolean }, { widget }: ProvidedContext) {
  const { chat, strings, act } = widget.peek();
  const { kind = 'unknown', retryAfterMs } = message.error ?? { kind: 'interrupted' };
  // The kinds are keys of the strings; `unknown` is not, and reads as `answerFailed`. Asked
  // while offline, the question waits for the connection (send-when-online.ts).
  const waiting = kind === 'offline' && offline;
  const sentence = waiting ? strings.queued : (strings[kind as 'offline'] ?? strings.answerFailed);
  return (
    // A question waiting for the connection is not an error: it reads as a note.
    <div class={waiting ? 'problem waiting' : 'problem'} role="alert">
      <span>{retryAfterMs ? `${sentence} ${format(strings.retryIn, { seconds: Math.ceil(retryAfterMs / 1000) })}` : sentence}</span>
      <button type="button" class="text-button" onClick={() => act(chat?.retry(message.id))}>
        <Icon name="retry" />
        {strings.retry}
      </button>
    </div>
  );
}

interface MessageItemProps {
  message: ChatMessage;
  last: boolean;
  /** Called after the arriving text renders (by the message list). */
  follow?: Follow | undefined;
}

/**
 * One message. Renders again only when a prop or the widget context changes (the context
 * through its signal, which bypasses this check), and the controller replaces (never
 * mutates) a message that changes: a long conversation does not render again while one
 * answer streams.
 */
export class MessageItem extends WidgetComponent<MessageItemProps> {
  /**
   * The answer has ended but its text is still being shown, a step per frame (a backend
   * faster than frames): it reads as still arriving until it is all there.
   */
  #behind = false;
  readonly #onBehind = (behind: boolean): void => {
    this.#behind = behind;
    this.forceUpdate();
  };

  override shouldComponentUpdate(next: MessageItemProps): boolean {
    const { message, last, follow } = this.props;
    return next.message !== message || next.last !== last || next.follow !== follow;
  }

  view({ message, last, follow }: MessageItemProps, { chat, strings, act, connection = pageConnection() }: WidgetContextValue) {
    if (isHandoffMessage(message)) return <HandoffMessageSlot message={message} />;
    if (message.role === 'user') {
      return (
        <li class="message user" part="message">
          <span class="visually-hidden">{strings.you}: </span>
          {/* dir="auto": a message's own script decides its direction, so English stays
              left-to-right inside an Arabic widget and the other way round. */}
          <div class="bubble" dir="auto">
            {message.content}
          </div>
        </li>
      );
    }
    const arriving = isArriving(message);
    const { status, content } = message;
    const finished = (status === 'done' || status === 'stopped') && !this.#behind;
    return (
      <li class="message assistant" part="message" aria-busy={arriving || this.#behind}>
        <span class="visually-hidden">{strings.assistant}: </span>
        {/* No bubble without text: a failed answer is its sentence and Retry alone. */}
        {(arriving || content) && (
          <div class="bubble" dir="auto">
            <AnswerText message={message} arriving={arriving} follow={follow} onBehind={this.#onBehind} />
            {status === 'stopped' && content.length <= MAX_SHOWN && <p class="note">{strings.stopped}</p>}
          </div>
        )}
        {/* `incomplete`: the stream closed before the answer said it was done. */}
        {(status === 'error' || status === 'interrupted' || message.finishReason === 'incomplete') && <Problem message={message} offline={message.error?.kind === 'offline' && !connection.online.value} />}
        {message.sources && <Sources sources={message.sources} />}
        {finished && (
          <div class="actions">
            <CopyButton text={message.content} label={strings.copyAnswer} />
            {last && (
              <IconButton icon="retry" label={strings.regenerate} onClick={() => act(chat?.regenerate())} />
            )}
            <Feedback message={message} />
          </div>
        )}
      </li>
    );
  }
}
