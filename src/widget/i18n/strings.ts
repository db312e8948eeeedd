/** The four standard reasons of a thumbs-down, as the analytics API labels them; in display order. */
export const FEEDBACK_REASONS = [
  'unrelated_response',
  'inaccurate_statement',
  'inaccurate_code_snippet',
  'irrelevant_citations',
] as const;

/** One of {@link FEEDBACK_REASONS}. */
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

/**
 * Every text the widget shows or announces. Built in for English, German and Arabic; any of
 * them can be replaced through `config.strings`. Texts with `{name}` placeholders are filled
 * with {@link format}.
 */
export interface Strings {
  launcherOpen: string;
  launcherClose: string;
  /** The launcher's unread dot, for screen readers. */
  unread: string;
  title: string;
  close: string;
  newConversation: string;
  conversations: string;
  backToChat: string;
  searchConversations: string;
  noConversations: string;
  noMatches: string;
  /** A conversation with no title yet. */
  untitled: string;
  rename: string;
  renameLabel: string;
  save: string;
  cancel: string;
  delete: string;
  deleteConfirm: string;
  welcome: string;
  placeholder: string;
  send: string;
  stop: string;
  retry: string;
  regenerate: string;
  copyAnswer: string;
  copied: string;
  /** The clipboard refused (permissions, insecure context). */
  copyFailed: string;
  copyCode: string;
  sources: string;
  /** Appended to the accessible name of links that open a new tab (WCAG G201). */
  opensInNewTab: string;
  helpful: string;
  notHelpful: string;
  feedbackThanks: string;
  feedbackReasonsTitle: string;
  feedbackDetails: string;
  submitFeedback: string;
  reasons: Record<FeedbackReason, string>;
  suggestions: string;
  stopped: string;
  interrupted: string;
  answerFailed: string;
  /** A rename, delete or vote that did not go through. */
  actionFailed: string;
  offline: string;
  /** IndexedDB is unavailable: conversations live only as long as the page. */
  storageUnavailable: string;
  thinking: string;
  /** Announced through the aria-live region when an answer is complete. */
  answerReceived: string;
  /** The button that scrolls back down when the reader has scrolled up during an answer. */
  scrollToLatest: string;
  you: string;
  assistant: string;
  messages: string;
  loading: string;
  image: string;
  /** `{url}`: the image's address. */
  imageBlocked: string;
  /** `{problem}`: a configuration problem's message. */
  configProblem: string;
}

/** `T` with every property optional, recursively: the shape of `config.strings`. */
export type DeepPartial<T> = {
  [K in keyof T]?: (T[K] extends string ? T[K] : DeepPartial<T[K]>) | undefined;
};
