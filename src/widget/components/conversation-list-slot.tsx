import { signal } from '@preact/signals-core';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import type * as ConversationListModule from './conversation-list';
import { Icon } from './icons';

/** What the conversation list's chunk exports. */
export type ConversationListChunk = typeof ConversationListModule;

/**
 * The list view under the panel's header: the conversation list, a chunk of its own
 * (./conversation-list.tsx), once it is there. Until then the same box, saying quietly that it
 * loads (the header is the panel's, shown at once, and the focus stays where the reader was);
 * where it could not be loaded, a sentence and Retry. The chat is never held up by it.
 */
export class ConversationListSlot extends WidgetComponent {
  /** This view asked for the chunk and waits for it (a failure of an earlier try is not shown meanwhile). */
  #waiting = signal(false);
  /** The reader pressed Retry: the focus follows the view that replaces the button (else it would fall to the page). */
  #retried = false;

  override componentDidMount(): void {
    this.#load();
  }

  override componentDidUpdate(): void {
    super.componentDidUpdate();
    const base = this.base as HTMLElement | undefined;
    if (!this.#retried || !base) return;
    // Only a focus that fell to the page's body with the control it was on is moved; one the reader moved elsewhere (in the panel, on the page) stays.
    if (document.activeElement === document.body) base.querySelector<HTMLElement>('.search, .retry, .list-status')?.focus();
    if (this.widget.conversationList.module.peek()) this.#retried = false;
  }

  #load() {
    const chunk = this.widget.conversationList;
    if (chunk.module.peek()) return;
    this.#waiting.value = true;
    void chunk.load().then(() => (this.#waiting.value = false));
  }

  view(_props: object, { conversationList, strings }: WidgetContextValue) {
    const loaded = conversationList.module.value;
    if (loaded) return <loaded.ConversationList />;
    if (this.#waiting.value || !conversationList.failed.value) {
      return (
        <div class="conversations" part="conversations" aria-busy="true">
          {/* Keyed: a new node for each state, so a focus on the old one is seen to have gone. */}
          <p key="loading" class="list-status" tabIndex={-1}>
            {strings.listLoading}
          </p>
        </div>
      );
    }
    return (
      <div class="conversations" part="conversations" role="status">
        <p key="failed" class="list-failed">
          {strings.listLoadFailed}
        </p>
        <button
          type="button"
          class="text-button primary retry"
          onClick={() => {
            this.#retried = true;
            this.#load();
          }}
        >
          <Icon name="retry" />
          {strings.retry}
        </button>
      </div>
    );
  }
}
