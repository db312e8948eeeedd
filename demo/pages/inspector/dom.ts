/**
 * DOM helpers of the inspector. Server data only ever becomes text (`textContent`) or a
 * checked `href`; nothing here parses HTML.
 */

/** Creates an element with a class and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  ...children: Array<Node | string | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** A `<time>` showing a local time, with the ISO value in `datetime` and the title. */
export function time(iso: string | null | undefined): HTMLTimeElement | string {
  if (!iso) return '';
  const date = new Date(iso);
  const element = h('time', '', Number.isNaN(date.getTime()) ? iso : date.toLocaleString());
  element.dateTime = iso;
  element.title = iso;
  return element;
}

/** Pretty JSON of a value, in a `<pre>`. */
export function json(value: unknown): HTMLPreElement {
  return h('pre', '', JSON.stringify(value, null, 2));
}

/** A link to `url` when it is http(s) or relative (never `javascript:` or `data:`), else the URL as text. */
export function safeLink(url: string, text: string): HTMLElement {
  let safe = false;
  try {
    const parsed = new URL(url, location.href);
    safe = parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    safe = false;
  }
  if (!safe) return h('span', '', text);
  const link = h('a', '', text);
  link.href = url;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  return link;
}

/** A definition list of the given pairs; entries whose value is undefined are left out. */
export function keyValues(pairs: Array<[string, Node | string | undefined]>): HTMLDListElement {
  const list = h('dl', 'kv');
  for (const [key, value] of pairs) if (value !== undefined) list.append(h('dt', '', key), h('dd', '', value));
  return list;
}

const signatures = new WeakMap<Element, string>();

/**
 * Keyed update of `container`'s children to `items`, in order: a node whose item did not
 * change (same `signature`) is kept as is, so an open `<details>`, the focus and the scroll
 * position survive a poll; a changed one is passed to `render` with its old node, which
 * may update it in place or return a new one.
 */
export function reconcile<T>(
  container: Element,
  items: readonly T[],
  key: (item: T) => string,
  signature: (item: T) => string,
  render: (item: T, old: HTMLElement | undefined) => HTMLElement,
): void {
  const existing = new Map<string, HTMLElement>();
  for (const child of container.children) if (child instanceof HTMLElement && child.dataset['key'] !== undefined) existing.set(child.dataset['key'], child);
  items.forEach((item, index) => {
    const id = key(item);
    const sig = signature(item);
    let node = existing.get(id);
    existing.delete(id);
    if (!node || signatures.get(node) !== sig) {
      const next = render(item, node);
      if (node && next !== node) node.replaceWith(next);
      node = next;
      node.dataset['key'] = id;
      signatures.set(node, sig);
    }
    const at = container.children[index];
    if (at !== node) container.insertBefore(node, at ?? null);
  });
  for (const stale of existing.values()) stale.remove();
}

/** A collapsed `<details>` holding pretty JSON; the summary names the label and the top-level keys. */
export function jsonDetails(label: string, value: Record<string, unknown>): HTMLDetailsElement {
  const keys = Object.keys(value);
  return h('details', 'json', h('summary', '', `${label} `, h('span', 'muted', keys.length ? `(${keys.join(', ')})` : '(empty)')), json(value));
}
