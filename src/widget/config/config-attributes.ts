/**
 * The attributes `<confab-chat>` reads, for `observedAttributes`; the script tag accepts the
 * same names as `data-*`. Each is also a `config` property, camelCased (`chat-url` → `chatUrl`).
 */
export const CONFIG_ATTRIBUTES = [
  'provider',
  'chat-url',
  'chat-key',
  'model',
  'user-id',
  'analytics-url',
  'analytics-key',
  'mode',
  'open',
  'title',
  'welcome',
  'placeholder',
  'suggestions',
  'theme',
  'lang',
  'store-name',
  'allow-images',
  'position',
  'tags',
] as const;

/** One of {@link CONFIG_ATTRIBUTES}. */
export type ConfigAttribute = (typeof CONFIG_ATTRIBUTES)[number];
