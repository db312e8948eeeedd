/**
 * The `agent` script mode (contract §5.4, example §5.6 b): a tool step sent twice under
 * the same thought id (before and after the tool ran), the file the tool made, then the
 * answer as `agent_message` deltas and `message_end`.
 */
import type { AgentThoughtRecord, MessageFileRecord } from './records';
import type { TurnStream } from './turn-stream';

/** The tool the agent "calls"; `GET /meta` has its icon. */
const TOOL = 'web_search';

/** Adds or replaces a thought by id, as a client must (§5.3: "upsert by id"). */
function upsertThought(stream: TurnStream, thought: AgentThoughtRecord): void {
  const at = stream.thoughts.findIndex((t) => t.id === thought.id);
  if (at === -1) stream.thoughts.push(thought);
  else stream.thoughts[at] = thought;
}

/** Sends `thought` as an `agent_thought` event and keeps it for the history. */
function sendThought(stream: TurnStream, thought: AgentThoughtRecord): void {
  const { id, position, thought: text, observation, tool, tool_labels, tool_input, files } = thought;
  stream.send('agent_thought', { id, position, thought: text, observation, tool, tool_labels, tool_input, message_files: files });
  upsertThought(stream, thought);
}

/** Streams one agent turn. */
export async function agentMode(stream: TurnStream): Promise<void> {
  const { app, turn } = stream;
  const delay = app.settings.tokenDelayMs;
  const fileId = app.newId();
  const first: AgentThoughtRecord = {
    id: app.newId(),
    chain_id: null,
    message_id: turn.message.id,
    position: 1,
    thought: 'I should search the docs and draw a diagram.',
    tool: TOOL,
    tool_labels: { [TOOL]: { en_US: 'Web search' } },
    // A JSON *string*, as Dify sends it (§5.3).
    tool_input: JSON.stringify({ [TOOL]: { query: turn.message.query } }),
    observation: '',
    files: [],
    created_at: app.nowSeconds(),
  };
  if (!(await stream.pause(delay))) return stream.end();
  sendThought(stream, first);

  if (!(await stream.pause(delay))) return stream.end();
  const file: MessageFileRecord = {
    id: fileId,
    filename: `${fileId}.png`,
    type: 'image',
    // A reserved example domain: the file is never served, only shown as an attachment.
    url: `https://files.example/tools/${fileId}.png`,
    mime_type: 'image/png',
    size: 2048,
    transfer_method: 'tool_file',
    belongs_to: 'assistant',
    upload_file_id: null,
  };
  stream.send('message_file', { id: file.id, type: file.type, belongs_to: file.belongs_to, url: file.url });
  stream.files.push(file);

  if (!(await stream.pause(delay))) return stream.end();
  sendThought(stream, { ...first, observation: 'Found 1 page and drew a diagram.', files: [fileId] });

  await stream.streamAnswer({ event: 'agent_message' });
  stream.end();
}
