// The message list first: in this order the script-tag bundle compresses best (measured).
import { MessageList } from './message-list';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { Composer } from './composer';
import { ConversationListSlot } from './conversation-list-slot';
import { HandoffBarSlot, HandoffMenuSlot } from './handoff-slots';
import { IconButton } from './icon-button';
import { OfflineNotice } from './offline-notice';
import { pageStorage, recall, remember } from './remembered';

/**
 * What can take the focus in the panel: its enabled controls, links, and the boxes that
 * scroll (the messages, a code block, a table) at `tabindex="0"`; the only other `tabindex`
 * it uses is -1, and it has no `<select>`.
 */
export const FOCUSABLE = ':is(button, input, textarea):not(:disabled), [href], [tabindex="0"]';
let panels = 0;
/** Where the reader's choice of a larger panel is remembered. */
const EXPANDED = 'confab-expanded';

/**
 * The chat panel: header, conversation or list, composer. In launcher mode it is a modal
 * dialog: Esc closes it and Tab stays inside it until it does.
 */
export class Panel extends WidgetComponent {
  /** Names the panel after its heading (aria-labelledby), unique per panel on the page. */
  #titleId = `confab-title-${++panels}`;

  #keepFocusInside = (event: KeyboardEvent) => {
    const { settings, ui } = this.widget;
    if (settings.mode !== 'launcher') return;
    // An Escape that cancels an IME composition belongs to the composition.
    if (event.key === 'Escape' && !event.isComposing) {
      event.preventDefault();
      ui.open.value = false;
      return;
    }
    // WebKitGTK names Shift+Tab "Unidentified" (GTK's ISO_Left_Tab); its code is still Tab.
    if (event.code !== 'Tab' && event.key !== 'Tab') return;
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
  };

  /**
   * A control that goes away or is disabled under the focus (a suggestion, Regenerate or
   * Retry once pressed, Stop when the answer ends, a conversation opened from the list)
   * would drop the focus to the page, out of the panel: the composer takes it instead.
   * Watched as DOM changes, since only Chromium fires `focusout` when the focused node goes
   * (Firefox and WebKit move the focus to the page silently). The control is forgotten a
   * task after the focus leaves it, unless the focus came back: a focus the reader moved
   * elsewhere is not taken back, while Chromium's `focusout` for a removed node comes just
   * before the change this sees.
   */
  #focused: HTMLButtonElement | undefined;
  #watch = new MutationObserver(() => {
    const control = this.#focused;
    if (control && (!control.isConnected || control.disabled)) {
      this.#focused = undefined;
      (this.base as Element).querySelector<HTMLElement>('[part=input]')?.focus();
    }
  });

  override componentDidMount(): void {
    this.#watch.observe(this.base as Node, { childList: true, subtree: true, attributes: true });
    this.#lockPage();
  }

  override componentDidUpdate(): void {
    super.componentDidUpdate();
    this.#lockPage();
  }

  override componentWillUnmount(): void {
    this.#watch.disconnect();
    this.#unlock?.();
  }

  /** Gives the page back its scrolling (set while the panel covers a phone's screen). */
  #unlock: (() => void) | undefined;

  /**
   * On a phone the open panel covers the screen, and a swipe past the end of the messages
   * would scroll the page behind it: the page does not scroll while it is open there.
   */
  #lockPage() {
    const { settings, ui } = this.widget;
    const covering = settings.mode === 'launcher' && ui.open.peek() && typeof matchMedia === 'function' && matchMedia('(max-width: 480px)').matches;
    if (covering && !this.#unlock) {
      const { style } = document.documentElement;
      const before = style.overflow;
      style.overflow = 'hidden';
      this.#unlock = () => {
        style.overflow = before;
        this.#unlock = undefined;
      };
    } else if (!covering) this.#unlock?.();
  }

  /** Whether the floating panel is the larger one, as the reader last chose (on any page of the site). */
  #expanded: boolean | undefined;
  #toggleExpanded = () => {
    const { choices = pageStorage() } = this.widget;
    this.#expanded = !this.#expanded;
    remember(choices, EXPANDED, this.#expanded ? '1' : '0');
    this.forceUpdate();
  };

  #keepFocus = ({ target }: FocusEvent) => setTimeout(() => this.#focused === target && (this.#focused = undefined));

  view(_props: object, { chat, strings, settings, ui, logging, choices = pageStorage() }: WidgetContextValue) {
    const titleId = this.#titleId;
    const expanded = (this.#expanded ??= recall(choices, EXPANDED) === '1');
    const launcher = settings.mode === 'launcher';
    const listing = ui.view.value === 'conversations';
    const problems = ui.problems.value;
    const storage = ui.storage.value;
    const title = settings.title ?? strings.title;
    return (
      <div
        class={`panel ${launcher ? 'floating' : 'inline'}${launcher && expanded ? ' expanded' : ''}`}
        part="panel"
        role={launcher ? 'dialog' : 'region'}
        aria-modal={launcher ? 'true' : undefined}
        aria-labelledby={titleId}
        hidden={launcher && !ui.open.value}
        onKeyDown={this.#keepFocusInside}
        onFocusIn={({ target }) => (this.#focused = target as HTMLButtonElement)}
        onFocusOut={this.#keepFocus}
      >
        <header class="header" part="header">
          {listing ? (
            <IconButton icon="back" class="back" label={strings.backToChat} onClick={() => (ui.view.value = 'chat')} />
          ) : (
            <IconButton icon="list" label={strings.conversations} onClick={() => (ui.view.value = 'conversations')} />
          )}
          <h2 id={titleId} class="title">
            {listing ? strings.conversations : title}
          </h2>
          <HandoffMenuSlot />
          <IconButton
            icon="plus"
            part="new-conversation"
            label={strings.newConversation}
            disabled={!chat}
            onClick={() => {
              chat?.newConversation();
              ui.view.value = 'chat';
            }}
          />
          {launcher && (
            <IconButton icon={expanded ? 'collapse' : 'expand'} class="expand" part="expand" label={expanded ? strings.collapse : strings.expand} onClick={this.#toggleExpanded} />
          )}
          {launcher && (
            <IconButton icon="close" part="close" label={strings.close} onClick={() => (ui.open.value = false)} />
          )}
        </header>
        {problems.length > 0 && (
          <div class="config-problems" role="alert">
            {problems.map((problem) => (
              <p key={problem}>{problem}</p>
            ))}
          </div>
        )}
        {storage && (
          <p class="storage-notice" part="storage-notice" role="status">
            {strings.storage[storage]}
          </p>
        )}
        {!chat && logging?.failed.value && (
          <div class="logging-failed" part="load-failed" role="status">
            <p>{strings.loadFailed}</p>
            <button type="button" class="text-button" onClick={() => void logging.load()}>
              {strings.retry}
            </button>
          </div>
        )}
        <OfflineNotice />
        {listing ? (
          <ConversationListSlot />
        ) : (
          <>
            <MessageList />
            <HandoffBarSlot />
            <Composer />
          </>
        )}
      </div>
    );
  }
}
