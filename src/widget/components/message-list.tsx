import { useCallback, useLayoutEffect, useRef } from 'preact/hooks';
import { useValue } from '../use-value';
import { useWidget } from '../widget-context';
import { FollowContext } from './follow-context';
import { MessageItem } from './message-item';
import { Suggestions } from './suggestions';

/** How close to the bottom counts as "reading the latest": then new text keeps it in view. */
const STICK_PX = 48;

/** The conversation: a welcome when empty, then the messages and the suggestions. */
export function MessageList() {
  const { chat, strings, settings } = useWidget();
  const list = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const messages = useValue(chat?.messages) ?? [];
  const welcomeFromBackend = useValue(chat?.welcome)?.text;
  const follow = useCallback(() => {
    const box = list.current;
    if (box && stick.current) box.scrollTop = box.scrollHeight;
  }, []);
  useLayoutEffect(follow, [messages]);

  return (
    <FollowContext.Provider value={follow}>
      <div
        ref={list}
        class="messages"
        part="messages"
        tabIndex={0}
        aria-label={strings.messages}
        onScroll={(event) => {
          const box = event.currentTarget;
          stick.current = box.scrollHeight - box.scrollTop - box.clientHeight < STICK_PX;
        }}
      >
        {messages.length === 0 && <p class="welcome">{settings.welcome ?? welcomeFromBackend ?? strings.welcome}</p>}
        <ol class="message-list">
          {messages.map((message, index) => (
            <MessageItem key={message.id} message={message} last={index === messages.length - 1} />
          ))}
        </ol>
        <Suggestions />
      </div>
    </FollowContext.Provider>
  );
}
