import { createRef } from 'preact';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { Icon } from './icons';
import { onEscape } from './on-escape';
import { FOCUSABLE, Panel } from './panel';

/** The widget: the panel, with a launcher button that opens it unless inline. */
export class App extends WidgetComponent {
  #launcher = createRef<HTMLButtonElement>();
  #wasOpen = this.widget.ui.open.peek();

  // An opened panel holds the focus: the composer takes it (it updates first), else (the
  // list is showing, or there is no backend) the first control. On close the focus goes back
  // to the launcher if it was in the widget; a close() from the page leaves the page's focus.
  override componentDidUpdate(): void {
    super.componentDidUpdate();
    const open = this.widget.ui.open.peek();
    const launcher = this.#launcher.current;
    const root = launcher?.getRootNode() as ShadowRoot | undefined;
    const focused = root?.activeElement;
    const panel = root?.querySelector('.panel');
    if (open && !this.#wasOpen && !panel?.contains(focused ?? null)) panel?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    if (this.#wasOpen && !open && focused) launcher?.focus();
    this.#wasOpen = open;
  }

  view(_props: object, { settings, strings, ui }: WidgetContextValue) {
    const open = ui.open.value;
    const unread = ui.unread.value;
    const label = open ? strings.launcherClose : unread ? `${strings.launcherOpen} (${strings.unread})` : strings.launcherOpen;
    return (
      <>
        <Panel />
        <Announcer />
        {settings.mode === 'launcher' && (
          <button ref={this.#launcher} type="button" class="launcher" part="launcher" aria-expanded={open} aria-label={label} title={label} onClick={() => (ui.open.value = !open)} onKeyDown={onEscape(() => (ui.open.value = false), open)}>
            <Icon name={open ? 'close' : 'chat'} />
            {unread && !open && <span class="unread" aria-hidden="true" />}
          </button>
        )}
      </>
    );
  }
}

/** What screen readers are told (an answer that arrived, …): outside the panel, so it is heard while the panel is closed. */
class Announcer extends WidgetComponent {
  view(_props: object, { ui }: WidgetContextValue) {
    return (
      <p class="visually-hidden" aria-live="polite">
        {ui.announcement.value}
      </p>
    );
  }
}
