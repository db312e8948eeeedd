import type { Failure } from '../http/failure';
import type { AgentThought, ReplyFile, Source, ToolCallRecord, Usage } from '../providers/chat-provider';

/** Where a message is in its life. `interrupted`: the page closed while it streamed. */
export type MessageStatus = 'pending' | 'streaming' | 'done' | 'error' | 'stopped' | 'interrupted';

/** A reader's vote on an answer. */
export interface MessageFeedback {
  rating: 'positive' | 'negative';
  /** Reason labels for a negative vote, e.g. `inaccurate_statement`. */
  reasons?: string[] | undefined;
  /** Free text. */
  details?: string | undefined;
  /** Epoch milliseconds. */
  at: number;
}

/** A message as confab keeps it. */
export interface ChatMessage {
  id: string;
  conversationId: string;
  /** Position in the conversation, from 0: the store's sort key. */
  index: number;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  sources?: Source[] | undefined;
  toolCalls?: ToolCallRecord[] | undefined;
  thoughts?: AgentThought[] | undefined;
  files?: ReplyFile[] | undefined;
  usage?: Usage | undefined;
  finishReason?: string | undefined;
  feedback?: MessageFeedback | undefined;
  /** Follow-up questions offered after this answer. */
  suggestions?: string[] | undefined;
  /** Why the answer failed, and what kind of failure that was. */
  error?: Failure | undefined;
  /** The backend's ids (PulseAI): for feedback, suggestions and stop. */
  providerMessageId?: string | undefined;
  taskId?: string | undefined;
  /**
   * Written by a person at a helpdesk (a human handoff), not the model: `name` when the
   * helpdesk says it; `markdown` when the text is Markdown (else plain text, shown as is).
   */
  agent?: { name?: string | undefined; markdown?: boolean | undefined } | undefined;
  /**
   * Not a message but a line about the handoff in the conversation (empty `content`, never
   * logged, never sent to the model): asked for a person, one joined (`agent`), the chat
   * ended, back to the assistant.
   */
  line?: 'requested' | 'joined' | 'closed' | 'returned' | undefined;
  /** A visitor's message to the person (not the model): where its delivery is. */
  delivery?: 'sending' | 'queued' | 'delivered' | 'failed' | undefined;
}

/** What a conversation keeps of its handoff to a person (the handoff itself lives on the confab server). */
export interface ConversationHandoff {
  /** Epoch milliseconds. */
  requestedAt: number;
  /** The server has the request (it answered); until then the widget sends it again. */
  sent: boolean;
  /** The visitor went back to the assistant: what they type goes to the model again. */
  returned: boolean;
  /** The visitor rated the person (CSAT), so the rating is not offered again. */
  rated: boolean;
  /** A rating the helpdesk has not taken yet (the server out of reach): sent again, after a reload too, until it is. */
  unsentRating?: { score: number; comment: string } | undefined;
}

/** A conversation as confab keeps it (its messages are stored apart). */
export interface StoredConversation {
  id: string;
  title: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  /** The backend's id of this conversation (PulseAI), once known. */
  providerConversationId?: string | undefined;
  /** How its last turn ended: `streaming` while an answer arrives. */
  status: 'idle' | 'streaming' | 'error';
  messageCount: number;
  /** The start of the last message, for the conversation list. */
  preview?: string | undefined;
  /** Handed over to a person: see {@link ConversationHandoff}. */
  handoff?: ConversationHandoff | undefined;
  /** The helpdesk's id of the handoff's ticket, logged as the conversation's `supportTicketConversationId`. */
  supportTicketConversationId?: string | undefined;
  /** Ids of the messages added from outside (an agent's), so none is added twice by two tabs or a reload. */
  outsideIds?: string[] | undefined;
}
