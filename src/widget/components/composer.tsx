import { useEffect, useRef, useState } from 'preact/hooks';
import { useValue } from '../use-value';
import { useWidget } from '../widget-context';
import { Icon } from './icons';

/** The message box: Enter sends, Shift+Enter makes a new line; a stop button while an answer streams. */
export function Composer() {
  const { chat, strings, settings, ui } = useWidget();
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const streaming = useValue(chat?.status) === 'streaming';
  const open = useValue(ui.open);
  const view = useValue(ui.view);

  // Focus moves into the panel when it is opened, or when the reader comes back from the
  // conversation list; never on load, which would scroll a page with an inline widget to it.
  const wasVisible = useRef<boolean | undefined>(undefined);
  useEffect(() => {
    const visible = open && view === 'chat';
    if (visible && wasVisible.current === false) input.current?.focus();
    wasVisible.current = visible;
  }, [open, view]);

  // Grows with its text up to the height the stylesheet allows.
  useEffect(() => {
    const box = input.current;
    if (!box) return;
    box.style.height = 'auto';
    box.style.height = `${box.scrollHeight}px`;
  }, [text]);

  function submit() {
    const question = text.trim();
    if (!question || !chat || streaming) return;
    setText('');
    // Refused only while another answer streams: the text goes back into the box.
    chat.send(question).catch(() => setText(question));
  }

  return (
    <form
      class="composer"
      part="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={input}
        part="input"
        dir="auto"
        rows={1}
        value={text}
        placeholder={settings.placeholder ?? strings.placeholder}
        aria-label={settings.placeholder ?? strings.placeholder}
        disabled={!chat}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          // IME composition (Japanese, Chinese, …) uses Enter to confirm a word, not to send.
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            submit();
          }
        }}
      />
      {streaming ? (
        <button type="button" class="icon-button stop" part="stop" aria-label={strings.stop} title={strings.stop} onClick={() => void chat?.stop()}>
          <Icon name="stop" />
        </button>
      ) : (
        <button type="submit" class="icon-button send" part="send" aria-label={strings.send} title={strings.send} disabled={!text.trim() || !chat}>
          <Icon name="send" />
        </button>
      )}
    </form>
  );
}
