/**
 * Stored conversations and messages of the PulseAI reference server, and their wire
 * shapes: the conversation object (§11, §13) and the history item of `GET /messages` (§10).
 */
import type { Usage } from './usage';

/** A rating given through `POST /messages/{id}/feedbacks`. */
export interface FeedbackRecord {
  rating: 'like' | 'dislike';
  content: string | null;
  updated_at: number;
}

/** A citation (§4.5), in the Service API's full form. */
export interface RetrieverResource {
  position: number;
  dataset_id: string;
  dataset_name: string;
  document_id: string;
  document_name: string;
  segment_id: string;
  score: number;
  content: string;
}

/** An agent step as `GET /messages` shows it (§10 `agent_thoughts[]`). */
export interface AgentThoughtRecord {
  id: string;
  chain_id: null;
  message_id: string;
  position: number;
  thought: string;
  tool: string;
  tool_labels: Record<string, unknown>;
  tool_input: string;
  observation: string;
  files: string[];
  created_at: number;
}

/** A file attached to an answer (§10 `message_files[]`). */
export interface MessageFileRecord {
  id: string;
  filename: string;
  type: string;
  url: string;
  mime_type: string;
  size: number;
  transfer_method: 'tool_file';
  belongs_to: 'assistant';
  upload_file_id: null;
}

/** One turn: the user's query and the assistant's answer. */
export interface MessageRecord {
  id: string;
  conversation_id: string;
  parent_message_id: string | null;
  task_id: string;
  inputs: Record<string, unknown>;
  query: string;
  answer: string;
  status: 'normal' | 'error';
  error: string | null;
  message_files: MessageFileRecord[];
  agent_thoughts: AgentThoughtRecord[];
  retriever_resources: RetrieverResource[];
  feedback: FeedbackRecord | null;
  /** Usage of the turn (kept for `__state`; `GET /messages` does not show it). */
  usage: Usage | null;
  created_at: number;
}

/** A conversation of one end user. */
export interface ConversationRecord {
  id: string;
  /** The end user owning it: every lookup is scoped by it (§1). */
  user: string;
  name: string;
  inputs: Record<string, unknown>;
  status: 'normal';
  created_at: number;
  updated_at: number;
  /** Creation order, to break ties between equal (whole-second) `created_at` values. */
  created_seq: number;
  /** Update order, to break ties between equal `updated_at` values. */
  updated_seq: number;
  /** Oldest first. */
  messages: MessageRecord[];
}

/** The conversation object of §11/§13; `introduction` is the app's opening statement. */
export function toConversationObject(conversation: ConversationRecord, introduction: string) {
  const { id, name, inputs, status, created_at, updated_at } = conversation;
  return { id, name, inputs, status, introduction, created_at, updated_at };
}

/** A `GET /messages` item (§10). Feedback shows its rating only, as Dify's does. */
export function toMessageObject(message: MessageRecord) {
  return {
    id: message.id,
    conversation_id: message.conversation_id,
    parent_message_id: message.parent_message_id,
    inputs: message.inputs,
    query: message.query,
    answer: message.answer,
    status: message.status,
    error: message.error,
    message_files: message.message_files,
    feedback: message.feedback ? { rating: message.feedback.rating } : null,
    retriever_resources: message.retriever_resources,
    agent_thoughts: message.agent_thoughts,
    created_at: message.created_at,
    extra_contents: [],
  };
}
