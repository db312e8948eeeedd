import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationSummary, SearchResult } from '../../sdk/chat/create-chat';
import { useValue } from '../use-value';
import { useWidget } from '../widget-context';
import { Icon } from './icons';

/** The conversation list: search, switch, rename inline, delete after confirming. */
export function ConversationList() {
  const { chat, strings, ui } = useWidget();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResult[] | undefined>(undefined);
  const all = useValue(chat?.conversations) ?? [];
  const openId = useValue(chat?.conversation)?.id;

  // The search reads messages, so it runs as the query settles rather than per keystroke.
  useEffect(() => {
    if (!chat || !query.trim()) return setResults(undefined);
    let current = true;
    const timer = setTimeout(() => void chat.search(query).then((found) => current && setResults(found)), 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [chat, query]);

  const shown = results ? results.flatMap((result) => all.filter((item) => item.id === result.conversationId).map((item) => ({ item, snippet: result.snippet }))) : all.map((item) => ({ item, snippet: item.preview }));

  return (
    <div class="conversations" part="conversations">
      <input type="search" class="search" value={query} placeholder={strings.searchConversations} aria-label={strings.searchConversations} onInput={(event) => setQuery(event.currentTarget.value)} />
      {shown.length === 0 ? (
        <p class="empty">{query ? strings.noMatches : strings.noConversations}</p>
      ) : (
        <ul>
          {shown.map(({ item, snippet }) => (
            <ConversationRow
              key={item.id}
              conversation={item}
              snippet={snippet}
              current={openId === item.id}
              onOpen={() => {
                ui.view.value = 'chat';
                void chat?.selectConversation(item.id);
              }}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function ConversationRow({ conversation, snippet, current, onOpen }: { conversation: ConversationSummary; snippet: string | undefined; current: boolean; onOpen: () => void }) {
  const { chat, strings } = useWidget();
  const [mode, setMode] = useState<'show' | 'rename' | 'confirm'>('show');
  const [title, setTitle] = useState(conversation.title);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (mode === 'rename') field.current?.select();
  }, [mode]);

  if (mode === 'rename') {
    return (
      <li class="conversation editing">
        <form
          class="rename-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (title.trim()) void chat?.renameConversation(conversation.id, title);
            setMode('show');
          }}
        >
          <input
            ref={field}
            value={title}
            aria-label={strings.renameLabel}
            onInput={(event) => setTitle(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                setTitle(conversation.title);
                setMode('show');
              }
            }}
          />
          <button type="submit" class="text-button primary">
            {strings.save}
          </button>
          <button type="button" class="text-button" onClick={() => setMode('show')}>
            {strings.cancel}
          </button>
        </form>
      </li>
    );
  }
  if (mode === 'confirm') {
    return (
      <li class="conversation confirming" role="alertdialog" aria-label={strings.deleteConfirm}>
        <p>{strings.deleteConfirm}</p>
        <div class="row">
          <button type="button" class="text-button danger" onClick={() => void chat?.deleteConversation(conversation.id)}>
            {strings.delete}
          </button>
          <button type="button" class="text-button" autoFocus onClick={() => setMode('show')}>
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
        {snippet && (
          <span class="snippet" dir="auto">
            {snippet}
          </span>
        )}
      </button>
      <button type="button" class="icon-button" part="rename" aria-label={`${strings.rename}: ${conversation.title}`} title={strings.rename} onClick={() => setMode('rename')}>
        <Icon name="edit" />
      </button>
      <button type="button" class="icon-button" part="delete" aria-label={`${strings.delete}: ${conversation.title}`} title={strings.delete} onClick={() => setMode('confirm')}>
        <Icon name="trash" />
      </button>
    </li>
  );
}
