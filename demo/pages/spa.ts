/**
 * The SPA page's widget, used the way an npm user does: `import 'confab-chat/element'`, create
 * `<confab-chat>` in code, give it `config` (a signed-in user and a `redact` that masks
 * e-mail addresses), call its methods and change its attributes live. Its events are
 * logged by spa-log.ts; the app shell is spa-shell.ts.
 */
import 'confab-chat/element';
import { addEntry, describe } from './spa-log';
import { setupThemeSelect } from './theme';

const EMAIL = /[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Replaces every e-mail address in every string of a (JSON-like) value. */
function maskEmails<T>(value: T): T {
  if (typeof value === 'string') return value.replace(EMAIL, '[email removed]') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskEmails(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskEmails(item)])) as T;
  }
  return value;
}

// ---------- The widget ----------

// Typed by the package's `HTMLElementTagNameMap` entry: `chat.config`, `chat.open()`, …
const chat = document.createElement('confab-chat');
chat.config = {
  server: '/api/confab',
  title: 'Console help',
  welcome: 'Hi Ada! Ask me anything about confab.',
  placeholder: 'Ask about confab…',
  suggestions: ['How do I install confab?', 'Which events does the widget send?'],
  storeName: 'confab-spa',
  user: { id: 'demo-user-1', name: 'Ada' },
  // Runs on every conversation before it is queued for the analytics API.
  redact: (conversation) => maskEmails(conversation),
};
setupThemeSelect(byId<HTMLSelectElement>('theme'), () => chat);
chat.setAttribute('theme', byId<HTMLSelectElement>('theme').value);
chat.setAttribute('lang', 'en');
document.body.append(chat);

// ---------- Methods ----------

type Method = 'open' | 'close' | 'send' | 'newConversation';

/** Calls a method and logs the call, so an event can be read against what caused it. */
async function call(method: Method, text?: string) {
  const label = method === 'send' ? `${method}(${JSON.stringify(text)})` : `${method}()`;
  try {
    addEntry(`→ ${label}`, 'call');
    if (method === 'send') await chat.send(text ?? '');
    else chat[method]();
  } catch (error) {
    addEntry(`✗ ${label}`, 'error', describe(error));
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-call]')) {
  button.addEventListener('click', () => void call(button.dataset['call'] as Method, button.dataset['text']));
}

// ---------- Attributes ----------

const tag = byId('element-tag');
const showTag = () => {
  const attributes = ['theme', 'lang', 'position'].flatMap((name) => {
    const value = chat.getAttribute(name);
    return value === null ? [] : [`${name}="${value}"`];
  });
  tag.textContent = `<confab-chat ${attributes.join(' ')}>`;
};
for (const name of ['theme', 'lang', 'position'] as const) {
  byId<HTMLSelectElement>(name).addEventListener('change', (event) => {
    // An empty choice removes the attribute: the widget's default (position: the inline end, so left in RTL).
    const value = (event.target as HTMLSelectElement).value;
    if (value) chat.setAttribute(name, value);
    else chat.removeAttribute(name);
    showTag();
  });
}
showTag();

