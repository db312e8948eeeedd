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
  /** In the list view while its file loads (shown only if that takes a moment). */
  listLoading: string;
  /** In the list view when its file could not be loaded (offline, blocked), above Retry. */
  listLoadFailed: string;
  rename: string;
  renameLabel: string;
  save: string;
  cancel: string;
  delete: string;
  /** `{title}`: the conversation's title. */
  deleteConfirm: string;
  welcome: string;
  placeholder: string;
  send: string;
  stop: string;
  retry: string;
  regenerate: string;
  copyAnswer: string;
  copied: string;
  copyCode: string;
  sources: string;
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
  /** The failures of an answer, one sentence per kind (`FailureKind`); `answerFailed` for any other. */
  offline: string;
  unavailable: string;
  busy: string;
  /** After `busy` when the server said how long to wait; `{seconds}`. */
  retryIn: string;
  slow: string;
  refused: string;
  answerFailed: string;
  /** Under an answer cut at the longest length shown. */
  tooLong: string;
  thinking: string;
  /** Announced through the aria-live region when an answer is complete. */
  answerReceived: string;
  you: string;
  assistant: string;
  messages: string;
  /** Above the newest messages of a long conversation: shows the ones before them. */
  earlierMessages: string;
  /** `{problem}`: a configuration problem's message. */
  configProblem: string;
  /** What a storage problem means for the reader, shown in the panel (see `StorageProblem`). */
  storage: {
    unavailable: string;
    full: string;
    unreadable: string;
    newer: string;
  };
  /** In place of the panel when its file could not be loaded (offline, blocked), above Retry. */
  loadFailed: string;
  /** Human handoff: talking to a person at the site's helpdesk. `{name}`: the person's name. */
  handoff: {
    /** The offer (header button, under an answer). */
    talkToPerson: string;
    /** The line in the conversation when the visitor asked. */
    requested: string;
    /** The waiting state: an honest expectation. */
    waiting: string;
    joined: string;
    /** `joined` when the helpdesk gives no name. */
    someoneJoined: string;
    /** Who wrote an agent's message, for screen readers and as its label; `{name}`. */
    agent: string;
    /** An agent's message whose text the helpdesk did not give. */
    agentReplied: string;
    closed: string;
    returned: string;
    endChat: string;
    backToAssistant: string;
    /** The message box's placeholder while what the visitor types goes to the person. */
    placeholder: string;
    /** A visitor message kept for the person, not taken by the helpdesk yet. */
    queued: string;
    sending: string;
    notDelivered: string;
    /** The helpdesk is down or slow: what was written is kept. */
    unavailable: string;
    /** The helpdesk refused the site's settings: the site was told. */
    configError: string;
    /** The confab server cannot be reached: the request is kept and sent again. */
    offline: string;
    /** The handoff could not be made or is gone: offer another. */
    failed: string;
    /** The handoff's chunk could not be loaded while the open conversation is with a person. */
    loadFailed: string;
    /** The CSAT: `{score}` of 5. */
    rateTitle: string;
    rateScore: string;
    rateComment: string;
    rateSend: string;
    rateThanks: string;
  };
  /** Shown in the panel while the browser is offline. */
  offlineNotice: string;
  /** In place of `offline` under a question asked while offline: it is sent when the connection is back. */
  queued: string;
  /** Day headings of the conversation list (earlier days show their date). */
  today: string;
  yesterday: string;
  /** The header's button that makes the floating panel larger, and back. */
  expand: string;
  collapse: string;
}

/** `T` with every property optional, recursively: the shape of `config.strings`. */
export type DeepPartial<T> = {
  [K in keyof T]?: (T[K] extends string ? T[K] : DeepPartial<T[K]>) | undefined;
};
