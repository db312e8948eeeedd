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
}
