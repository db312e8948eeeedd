import { useId } from 'preact/hooks';
import { useValue } from '../use-value';
import { useWidget } from '../widget-context';
import { Composer } from './composer';
import { ConversationList } from './conversation-list';
import { Icon } from './icons';
import { MessageList } from './message-list';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), textarea:not([disabled]), select, [tabindex]:not([tabindex="-1"])';

/**
 * The chat panel: header, conversation or list, composer. In launcher mode it is a dialog:
 * Esc closes it and Tab stays inside it until it does.
 */
export function Panel({ onClose }: { onClose?: () => void }) {
  const { chat, strings, settings, ui } = useWidget();
  const titleId = useId();
  const launcher = settings.mode === 'launcher';
  const view = useValue(ui.view);
  const open = useValue(ui.open);
  const problems = useValue(ui.problems);
  const announcement = useValue(ui.announcement);
  const title = settings.title ?? strings.title;

  function keepFocusInside(event: KeyboardEvent) {
    if (!launcher) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose?.();
      return;
    }
    if (event.key !== 'Tab') return;
    const panel = event.currentTarget as HTMLElement;
    const items = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((item) => item.offsetParent !== null || item === document.activeElement);
    const first = items[0];
    const last = items.at(-1);
    const active = (panel.getRootNode() as ShadowRoot).activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  return (
    <div
      class={`panel ${launcher ? 'floating' : 'inline'}`}
      part="panel"
      role={launcher ? 'dialog' : 'region'}
      aria-modal={launcher ? 'false' : undefined}
      aria-labelledby={titleId}
      hidden={launcher && !open}
      onKeyDown={keepFocusInside}
    >
      <header class="header" part="header">
        {view === 'conversations' ? (
          <button type="button" class="icon-button" aria-label={strings.backToChat} title={strings.backToChat} onClick={() => (ui.view.value = 'chat')}>
            <Icon name="back" />
          </button>
        ) : (
          <button type="button" class="icon-button" aria-label={strings.conversations} title={strings.conversations} aria-expanded={false} onClick={() => (ui.view.value = 'conversations')}>
            <Icon name="list" />
          </button>
        )}
        <h2 id={titleId} class="title">
          {view === 'conversations' ? strings.conversations : title}
        </h2>
        <button
          type="button"
          class="icon-button"
          part="new-conversation"
          aria-label={strings.newConversation}
          title={strings.newConversation}
          disabled={!chat}
          onClick={() => {
            chat?.newConversation();
            ui.view.value = 'chat';
          }}
        >
          <Icon name="plus" />
        </button>
        {launcher && (
          <button type="button" class="icon-button" part="close" aria-label={strings.close} title={strings.close} onClick={onClose}>
            <Icon name="close" />
          </button>
        )}
      </header>
      {problems.length > 0 && (
        <div class="config-problems" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      {view === 'conversations' ? (
        <ConversationList />
      ) : (
        <>
          <MessageList />
          <Composer />
        </>
      )}
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
