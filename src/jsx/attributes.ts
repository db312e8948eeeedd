import type { ConfabConfigInput, LauncherPosition, Theme, WidgetMode } from '../widget/config/config-types';
import type { ConfabEventDetails } from '../widget/events';

/** `<confab-chat>`'s attributes as a framework's template sees them (values are strings, as in HTML). */
export interface ConfabChatAttributes {
  provider?: 'openai' | 'pulse';
  /** Your confab server (`confab-chat/server`), e.g. `/api/confab`: chat and logging in one setting. */
  server?: string;
  'chat-url'?: string;
  'chat-key'?: string;
  model?: string;
  'user-id'?: string;
  'analytics-url'?: string;
  'analytics-key'?: string;
  mode?: WidgetMode;
  open?: boolean | '' | 'true' | 'false';
  title?: string;
  welcome?: string;
  placeholder?: string;
  /** A JSON array of strings. */
  suggestions?: string;
  theme?: Theme;
  lang?: string;
  'store-name'?: string;
  position?: LauncherPosition;
  'allow-images'?: boolean | '' | 'true' | 'false';
  /** A JSON array of strings. */
  tags?: string;
  /** `off`: nothing more is logged, and what waits to be sent is dropped (the visitor's consent). */
  logging?: 'on' | 'off';
  /** How much of the page's address is logged. */
  'page-url'?: 'path' | 'full' | 'none';
  /** The `config` property (frameworks that set properties, such as React 19 and Vue, pass it through). */
  config?: ConfabConfigInput;
}

/** The `confab-*` events, as `CustomEvent`s with their details. */
export type ConfabChatEvents = { [K in keyof ConfabEventDetails]: CustomEvent<ConfabEventDetails[K]> };
