/**
 * The attributes `<confab-chat>` reads (DESIGN.md "The element"); the script tag accepts the
 * same names as `data-*`.
 */
export const CONFAB_ATTRIBUTES = [
  'provider',
  'chat-url',
  'chat-key',
  'model',
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
] as const;

// Server-side rendering imports this module where `HTMLElement` does not exist; the class
// must still be definable there so that importing `confab` never throws.
const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

/**
 * `<confab-chat>`: the element shell. It owns an open shadow root that the chat UI renders
 * into; the UI itself lands with the widget (see the README's roadmap).
 */
export class ConfabChatElement extends ElementBase {
  static readonly observedAttributes = CONFAB_ATTRIBUTES;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }
}
