/**
 * One chat turn's records: the conversation it belongs to (created on the first turn),
 * its message (stored as soon as the turn starts, like Dify's message row) and how it is
 * saved when the turn ends.
 */
import type { HistoryTurn } from './default-answer';
import type { AgentThoughtRecord, ConversationRecord, MessageFileRecord, MessageRecord, RetrieverResource } from './records';
import type { PulseApp } from './route-types';
import type { Usage } from './usage';

/** A turn in progress. */
export interface Turn {
  conversation: ConversationRecord;
  message: MessageRecord;
  /** Earlier turns, oldest first, for the answerer and the prompt size. */
  history: HistoryTurn[];
  /** Name the conversation when this first turn ends (`auto_generate_name` ≠ false). */
  nameIt: boolean;
  /** `performance.now()` at the start, for latencies. */
  startedMs: number;
}

/** What a finished turn saves. */
export interface TurnOutcome {
  answer: string;
  status: 'normal' | 'error';
  error: string | null;
  usage: Usage;
  resources: RetrieverResource[];
  thoughts: AgentThoughtRecord[];
  files: MessageFileRecord[];
}

/** Dify's name for a conversation that is not named yet. */
export const UNNAMED = 'New conversation';

/** An automatic name: the first 20 characters of the query, whitespace collapsed. */
export function generateName(query: string): string {
  return Array.from(query.replace(/\s+/g, ' ').trim()).slice(0, 20).join('').trim();
}

/** What starts a turn. */
export interface TurnInput {
  user: string;
  query: string;
  inputs: Record<string, unknown>;
  /** The conversation to continue; absent → a new one. */
  conversation: ConversationRecord | undefined;
  autoName: boolean;
}

/** Creates the conversation (when new) and the turn's message, both visible at once. */
export function startTurn(app: PulseApp, input: TurnInput): Turn {
  const now = app.nowSeconds();
  let conversation = input.conversation;
  if (!conversation) {
    const seq = app.state.nextSeq();
    conversation = {
      id: app.newId(),
      user: input.user,
      name: UNNAMED,
      // Inputs are honoured only when the conversation is created (§4.1).
      inputs: input.inputs,
      status: 'normal',
      created_at: now,
      updated_at: now,
      created_seq: seq,
      updated_seq: seq,
      messages: [],
    };
    app.state.conversations.set(conversation.id, conversation);
  }
  const previous = conversation.messages.at(-1);
  const message: MessageRecord = {
    id: app.newId(),
    conversation_id: conversation.id,
    parent_message_id: previous?.id ?? null,
    task_id: app.newId(),
    inputs: conversation.inputs,
    query: input.query,
    answer: '',
    status: 'normal',
    error: null,
    message_files: [],
    agent_thoughts: [],
    retriever_resources: [],
    feedback: null,
    usage: null,
    created_at: now,
  };
  const history = conversation.messages.map((m) => ({ query: m.query, answer: m.answer }));
  conversation.messages.push(message);
  return { conversation, message, history, nameIt: !previous && input.autoName, startedMs: performance.now() };
}

/** The text the model would see: earlier turns and the query, for prompt usage. */
export function promptText(turn: Turn): string {
  return [...turn.history.flatMap((t) => [t.query, t.answer]), turn.message.query].join('\n');
}

/** Saves the outcome on the message, names a new conversation and marks it updated. */
export function finishTurn(app: PulseApp, turn: Turn, outcome: TurnOutcome): void {
  const { message, conversation } = turn;
  message.answer = outcome.answer;
  message.status = outcome.status;
  message.error = outcome.error;
  message.usage = outcome.usage;
  message.retriever_resources = outcome.resources;
  message.agent_thoughts = outcome.thoughts;
  message.message_files = outcome.files;
  // Dify names asynchronously after the first answer; doing it here keeps tests deterministic.
  if (turn.nameIt) conversation.name = generateName(message.query);
  app.state.touch(conversation, app.nowSeconds());
}
