import { pageConnection } from '../../sdk/chat/connection';
import type { Chat } from '../../sdk/chat/create-chat';
import { sendWhenOnline } from '../../sdk/chat/send-when-online';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';

/**
 * Says so in the panel while the browser is offline, and sends the questions asked meanwhile
 * once it is back (for as long as the panel is on the page, open or not).
 */
export class OfflineNotice extends WidgetComponent {
  #chat: Chat | undefined;
  #stop: (() => void) | undefined;

  override componentDidMount(): void {
    this.componentDidUpdate();
  }

  override componentDidUpdate(): void {
    super.componentDidUpdate();
    const { chat, connection = pageConnection() } = this.widget;
    if (chat === this.#chat) return;
    this.#stop?.();
    this.#chat = chat;
    this.#stop = chat && sendWhenOnline(chat, connection);
  }

  override componentWillUnmount(): void {
    this.#stop?.();
  }

  view(_props: object, { connection = pageConnection(), strings }: WidgetContextValue) {
    return (
      !connection.online.value && (
        <p class="offline-notice" part="offline-notice" role="status">
          {strings.offlineNotice}
        </p>
      )
    );
  }
}
