import { useLayoutEffect } from 'preact/hooks';
import type { ChatMessage } from '../../sdk/chat/chat-types';
import { Markdown } from '../markdown';
import { useValue } from '../use-value';
import { useWidget } from '../widget-context';
import { CopyButton } from './copy-button';
import { Feedback } from './feedback';
import { Icon } from './icons';
import { useFollow } from './follow-context';
import { memo } from './memo';
import { Sources } from './sources';

/** The text of the answer that is arriving: the only component that re-renders per token. */
function StreamingText({ message }: { message: ChatMessage }) {
  const { chat, strings, settings, copy } = useWidget();
  const draft = useValue(chat?.draft);
  const follow = useFollow();
  useLayoutEffect(follow);
  const text = draft?.messageId === message.id ? draft.content : message.content;
  if (!text) return <p class="thinking">{strings.thinking}</p>;
  return (
    <>
      <Markdown text={text} streaming allowImages={settings.allowImages} strings={strings} onCopyCode={(code) => void copy(code)} />
      <span class="caret" aria-hidden="true" />
    </>
  );
}

/** Retry for an answer that failed or was cut off by a reload. */
function Problem({ message }: { message: ChatMessage }) {
  const { chat, strings } = useWidget();
  return (
    <div class="problem" role="alert">
      <span>{message.status === 'interrupted' ? strings.interrupted : strings.answerFailed}</span>
      {message.error?.message && <span class="detail">{message.error.message}</span>}
      <button type="button" class="text-button" onClick={() => void chat?.retry(message.id)}>
        <Icon name="retry" />
        {strings.retry}
      </button>
    </div>
  );
}

/**
 * One message. Memoised on the message object, which the controller replaces (never mutates)
 * when it changes: a long conversation does not re-render while one answer streams.
 */
export const MessageItem = memo(function MessageItem({ message, last }: { message: ChatMessage; last: boolean }) {
  const { chat, strings, settings, copy } = useWidget();
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
  const arriving = message.status === 'pending' || message.status === 'streaming';
  const finished = message.status === 'done' || message.status === 'stopped';
  return (
    <li class="message assistant" part="message" aria-busy={arriving}>
      <span class="visually-hidden">{strings.assistant}: </span>
      <div class="bubble" dir="auto">
        {arriving ? (
          <StreamingText message={message} />
        ) : (
          message.content && <Markdown text={message.content} allowImages={settings.allowImages} strings={strings} onCopyCode={(code) => void copy(code)} />
        )}
        {message.status === 'stopped' && <p class="note">{strings.stopped}</p>}
      </div>
      {(message.status === 'error' || message.status === 'interrupted') && <Problem message={message} />}
      {message.sources && <Sources sources={message.sources} />}
      {finished && (
        <div class="actions">
          <CopyButton text={message.content} label={strings.copyAnswer} />
          {last && (
            <button type="button" class="icon-button" aria-label={strings.regenerate} title={strings.regenerate} onClick={() => void chat?.regenerate()}>
              <Icon name="retry" />
            </button>
          )}
          <Feedback message={message} />
        </div>
      )}
    </li>
  );
});
