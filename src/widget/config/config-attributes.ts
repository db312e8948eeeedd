import { CONFIG_OPTIONS } from './config-options';

/** An attribute `<confab-chat>` reads (see {@link CONFIG_ATTRIBUTES}). */
export type ConfigAttribute =
  | 'provider'
  | 'server'
  | 'chat-url'
  | 'chat-key'
  | 'model'
  | 'user-id'
  | 'analytics-url'
  | 'analytics-key'
  | 'mode'
  | 'open'
  | 'title'
  | 'welcome'
  | 'placeholder'
  | 'avatar'
  | 'suggestions'
  | 'theme'
  | 'lang'
  | 'store-name'
  | 'allow-images'
  | 'position'
  | 'tags'
  | 'logging'
  | 'page-url'
  | 'handoff';

/** A `config` key's attribute name: its kebab-case (`chatUrl` → `chat-url`). */
export const kebab = (key: string): string => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The attributes `<confab-chat>` reads, for `observedAttributes`; the script tag accepts the
 * same names as `data-*`. One per setting an attribute can carry, in the order of
 * CONFIG_OPTIONS: the kebab-case of its `config` key.
 */
export const CONFIG_ATTRIBUTES = Object.entries(CONFIG_OPTIONS)
  .filter(([, option]) => option.fromText)
  .map(([key]) => kebab(key)) as readonly ConfigAttribute[];
