import { signal } from '@preact/signals-core';
import type { ConversationSummary, SearchResult } from '../../sdk/chat/create-chat';
import { adoptStyles } from '../adopt-styles';
import { format } from '../i18n';
import css from '../styles/conversation-list.css?inline';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { IconButton } from './icon-button';
import type { IconPath } from './icons';
import { onEscape } from './on-escape';
import { plainText } from './plain-text';
import { dayHeading, timeAgo } from './when';

type Shown = { item: ConversationSummary; snippet: string | undefined };

/** Rename (a pencil) and Delete (a bin): drawn here, only the list shows them. */
const EDIT: IconPath = { path: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4' };
const TRASH: IconPath = { path: 'M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13' };

/**
 * The conversation list: search, switch, rename inline, delete after confirming. A chunk of
 * its own in the script-tag build, loaded when wanted (see conversation-list-slot.tsx), with
 * its styles, which it adds to the widget's shadow root before it is first painted there.
 */
export class ConversationList extends WidgetComponent {
  #query = signal('');
  #results = signal<SearchResult[] | undefined>(undefined);
  /** The chat and the query the last search was for. */
  #searched: unknown[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  // The search reads messages, so it runs as the query settles rather than per keystroke
  // (and again for another chat); a result that arrives for an older query is dropped.
  override componentDidUpdate(): void {
    super.componentDidUpdate();
    const { chat } = this.widget;
    const query = this.#query.peek();
    const searched = this.#searched;
    if (searched[0] === chat && searched[1] === query) return;
    this.#searched = [chat, query];
    clearTimeout(this.#timer);
    if (!chat || !query.trim()) return void (this.#results.value = undefined);
    this.#timer = setTimeout(() => void chat.search(query).then((found) => this.#searched[0] === chat && this.#searched[1] === query && (this.#results.value = found)), 150);
  }

  override componentDidMount(): void {
    const root = this.base?.getRootNode();
    if (root instanceof ShadowRoot) adoptStyles(root, css, 'conversation-list');
  }

  override componentWillUnmount(): void {
    clearTimeout(this.#timer);
  }

  view(_props: object, { chat, strings, ui, act, lang = 'en', now = Date.now }: WidgetContextValue) {
    const query = this.#query.value;
    // The layout follows the query, not the results: they come a moment after the reader
    // typed, maybe as they click a row, and must then neither move it (a day heading going
    // away above it) nor replace it (a click between mousedown and mouseup on a row swapped
    // for a new one reaches neither). Until they come, the rows shown before stay.
    const searching = query.trim();
    const results = searching ? this.#results.value : undefined;
    const all = chat?.conversations.value ?? [];
    const openId = chat?.conversation.value?.id;
    const shown: Shown[] = results ? results.flatMap((result) => all.filter((item) => item.id === result.conversationId).map((item) => ({ item, snippet: result.snippet }))) : all.map((item) => ({ item, snippet: item.preview }));
    const at = now();
    // Newest first, under a heading per day; search results keep their order, under none.
    const groups: Array<[heading: string | undefined, rows: Shown[]]> = [];
    for (const row of shown) {
      const heading = searching ? undefined : dayHeading(row.item.updatedAt, at, lang, strings);
      const last = groups.at(-1);
      if (last && last[0] === heading) last[1].push(row);
      else groups.push([heading, [row]]);
    }
    const rows = (list: Shown[]) => (
      <ul>
        {list.map(({ item, snippet }) => (
          <ConversationRow
            key={item.id}
            conversation={item}
            snippet={snippet && plainText(snippet)}
            when={timeAgo(item.updatedAt, at, lang)}
            current={openId === item.id}
            onOpen={() => {
              ui.view.value = 'chat';
              act(chat?.selectConversation(item.id));
            }}
          />
        ))}
      </ul>
    );

    return (
      <div class="conversations" part="conversations">
        <input
          type="search"
          class="search"
          value={query}
          placeholder={strings.searchConversations}
          aria-label={strings.searchConversations}
          onInput={(event) => (this.#query.value = event.currentTarget.value)}
          // Escape clears a search first; only an empty one lets the panel close.
          onKeyDown={onEscape(() => (this.#query.value = ''), !!query)}
        />
        {shown.length === 0 ? (
          <p class="empty">{query ? strings.noMatches : strings.noConversations}</p>
        ) : (
          groups.map(([heading, list]) =>
            heading ? (
              // Keyed by the day, not its words: a change of language keeps the rows (an open form).
              <section key={new Date(list[0]!.item.updatedAt).toDateString()} class="day" aria-label={heading}>
                <h3>{heading}</h3>
                {rows(list)}
              </section>
            ) : (
              rows(list)
            ),
          )
        )}
      </div>
    );
  }
}

interface RowProps {
  conversation: ConversationSummary;
  snippet: string | undefined;
  /** When it last changed, in words ("5 minutes ago"). */
  when: string;
  current: boolean;
  onOpen: () => void;
}

class ConversationRow extends WidgetComponent<RowProps> {
  #mode = signal<'show' | 'rename' | 'confirm'>('show');
  /** The title being typed in the rename form (set from the conversation when the form opens). */
  #title = signal('');

  /** Shows `mode`, with the focus on the control the reader continues from. */
  #show(mode: 'show' | 'rename' | 'confirm', focus: string) {
    this.focusAfterRender(focus);
    this.#mode.value = mode;
  }

  #cancelRename() {
    this.#show('show', '[part=rename]');
  }

  view({ conversation, snippet, when, current, onOpen }: RowProps, { chat, strings, act }: WidgetContextValue) {
    const mode = this.#mode.value;
    const title = this.#title.value;
    if (mode === 'rename') {
      return (
        <li class="conversation editing">
          <form
            class="rename-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (title.trim()) act(chat?.renameConversation(conversation.id, title));
              this.#show('show', '[part=rename]');
            }}
            onKeyDown={onEscape(() => this.#cancelRename())}
          >
            <input value={title} aria-label={strings.renameLabel} onInput={(event) => (this.#title.value = event.currentTarget.value)} />
            <button type="submit" class="text-button primary">
              {strings.save}
            </button>
            <button type="button" class="text-button" onClick={() => this.#cancelRename()}>
              {strings.cancel}
            </button>
          </form>
        </li>
      );
    }
    if (mode === 'confirm') {
      const question = format(strings.deleteConfirm, { title: conversation.title });
      return (
        <li class="conversation confirming" onKeyDown={onEscape(() => this.#show('show', '[part=delete]'))}>
          <p dir="auto">{question}</p>
          {/* Named by the question, so a screen reader says it with the focused button (a list item cannot be a group). */}
          <div class="row" role="group" aria-label={question}>
            <button
              type="button"
              class="text-button danger"
              onClick={() => {
                // The row goes away: the focus moves to the next conversation (under any day),
                // else the one before, else to the search field.
                const list = (this.base as HTMLElement).closest('.conversations');
                const others = [...(list?.querySelectorAll<HTMLElement>('.conversation') ?? [])];
                const index = others.indexOf(this.base as HTMLElement);
                const neighbour = (others[index + 1] ?? others[index - 1])?.querySelector<HTMLElement>('.open-conversation');
                const next = neighbour ?? list?.querySelector<HTMLElement>('.search');
                act(chat?.deleteConversation(conversation.id).then(() => next?.focus()));
              }}
            >
              {strings.delete}
            </button>
            <button type="button" class="text-button cancel" onClick={() => this.#show('show', '[part=delete]')}>
              {strings.cancel}
            </button>
          </div>
        </li>
      );
    }
    return (
      <li class="conversation" aria-current={current ? 'true' : undefined}>
        <button type="button" class="open-conversation" part="conversation" onClick={onOpen}>
          <span class="title" dir="auto">
            {conversation.title}
          </span>
          <time class="when" dateTime={new Date(conversation.updatedAt).toISOString()}>
            {when}
          </time>
          {snippet && (
            <span class="snippet" dir="auto">
              {snippet}
            </span>
          )}
        </button>
        <IconButton
          icon={EDIT}
          part="rename"
          label={`${strings.rename}: ${conversation.title}`}
          title={strings.rename}
          onClick={() => {
            this.#title.value = conversation.title;
            this.#show('rename', 'input');
          }}
        />
        <IconButton icon={TRASH} part="delete" label={`${strings.delete}: ${conversation.title}`} title={strings.delete} onClick={() => this.#show('confirm', '.cancel')} />
      </li>
    );
  }
}
