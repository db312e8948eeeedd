import type { Source } from '../../sdk/providers/chat-provider';
import { safeHref } from '../markdown';
import type { ProvidedContext } from '../widget-context';

/**
 * The sources of an answer: title, link (by the URL policy) and breadcrumbs. Under a
 * heading, not a <nav>: a landmark per answer would flood a screen reader's landmark list.
 */
export function Sources({ sources }: { sources: readonly Source[] }, { widget }: ProvidedContext) {
  if (sources.length === 0) return null;
  const { strings } = widget.peek();
  return (
    <div class="sources">
      <h3 class="sources-title">{strings.sources}</h3>
      <ol>
        {sources.map((source, index) => {
          const href = source.url ? safeHref(source.url) : undefined;
          const title = source.title || source.url || `${strings.sources} ${index + 1}`;
          return (
            // dir="auto": a source keeps its own direction inside an RTL widget.
            <li key={`${source.url ?? ''}${index}`} class="source" dir="auto">
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {title}
                </a>
              ) : (
                <span>{title}</span>
              )}
              {source.breadcrumbs && source.breadcrumbs.length > 0 && <span class="breadcrumbs">{source.breadcrumbs.join(' › ')}</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
