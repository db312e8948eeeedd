import { createRef } from 'preact';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { Icon } from './icons';
import { Panel } from './panel';

/** The widget: the panel alone inline, or a launcher button that opens it. */
export class App extends WidgetComponent {
  #launcher = createRef<HTMLButtonElement>();
  #wasOpen = this.context.ui.open.peek();

  // Focus goes back to the launcher when the panel closes with the focus in it (the composer
  // takes it on open); a close() from the page leaves the page's focus where it is.
  override componentDidUpdate(): void {
    super.componentDidUpdate();
    const open = this.context.ui.open.peek();
    const focusInside = (this.#launcher.current?.getRootNode() as ShadowRoot | undefined)?.activeElement;
    if (this.#wasOpen && !open && focusInside) this.#launcher.current?.focus();
    this.#wasOpen = open;
  }

  view(_props: object, { settings, strings, ui }: WidgetContextValue) {
    if (settings.mode === 'inline') {
      return (
        <>
          <Panel />
          <Announcer />
        </>
      );
    }
    const open = ui.open.value;
    const unread = ui.unread.value;
    const label = open ? strings.launcherClose : unread ? `${strings.launcherOpen} (${strings.unread})` : strings.launcherOpen;
    return (
      <>
        <Panel onClose={() => (ui.open.value = false)} />
        <Announcer />
        <button ref={this.#launcher} type="button" class="launcher" part="launcher" aria-expanded={open} aria-label={label} title={label} onClick={() => (ui.open.value = !open)}>
          <Icon name={open ? 'close' : 'chat'} />
          {unread && !open && <span class="unread" aria-hidden="true" />}
        </button>
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
