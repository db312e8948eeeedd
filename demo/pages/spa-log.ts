/**
 * The SPA page's event log: the widget's six events, listened for on `document` (they
 * bubble and are composed, so they leave the shadow root), newest first, with counts; and
 * the page's own entries (method calls, failures), so an event reads against its cause.
 */

/** The events `<confab-chat>` dispatches (DESIGN.md, "The element"). */
export const CONFAB_EVENTS = ['confab-open', 'confab-close', 'confab-message', 'confab-feedback', 'confab-delete', 'confab-error'] as const;

const log = document.getElementById('event-log') as HTMLOListElement;
const countsLabel = document.getElementById('event-counts') as HTMLElement;
const counts = new Map<string, number>();

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text) element.textContent = text;
  return element;
}

/** JSON for display: errors by name/code/message, functions and nodes named, long strings cut, cycles marked. */
export function describe(value: unknown): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (item instanceof Error) {
        const code = (item as Error & { code?: unknown }).code;
        return { name: item.name, ...(code === undefined ? {} : { code }), message: item.message };
      }
      if (typeof item === 'function') return `[function ${item.name || 'anonymous'}]`;
      if (typeof item === 'string' && item.length > 240) return `${item.slice(0, 240)}… (${item.length} chars)`;
      if (item instanceof Node) return `[${item.nodeName.toLowerCase()}]`;
      if (item !== null && typeof item === 'object') {
        if (seen.has(item)) return '[circular]';
        seen.add(item);
      }
      return item;
    },
    2,
  );
  return text ?? String(value);
}

/** Adds an entry at the top: a title (styled by `kind`: '' for events, `call`, `error`) and an optional body. */
export function addEntry(title: string, kind: '' | 'call' | 'error', body?: string): void {
  const item = make('li');
  const head = make('div', 'event-head');
  head.append(make('span', `event-type ${kind}`.trim(), title), make('time', '', new Date().toLocaleTimeString()));
  item.append(head);
  if (body !== undefined) item.append(make('pre', '', body));
  log.prepend(item);
  while (log.children.length > 100) log.lastElementChild?.remove();
}

function renderCounts() {
  countsLabel.textContent =
    counts.size === 0 ? '(none yet)' : `(${[...counts].map(([type, n]) => `${type.replace('confab-', '')} ${n}`).join(', ')})`;
}

for (const type of CONFAB_EVENTS) {
  document.addEventListener(type, (event) => {
    counts.set(type, (counts.get(type) ?? 0) + 1);
    renderCounts();
    addEntry(type, type === 'confab-error' ? 'error' : '', describe((event as CustomEvent<unknown>).detail));
  });
}
renderCounts();

(document.getElementById('clear-log') as HTMLButtonElement).addEventListener('click', () => {
  log.replaceChildren();
  counts.clear();
  renderCounts();
});
