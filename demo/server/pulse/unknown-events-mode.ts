/**
 * The `unknown-events` script mode: a normal answer with everything a client must skip
 * mixed in (§5.3 "unknown event names must be ignored"): newer workflow events, a
 * `text_chunk` whose text must NOT join the answer, a ping sent as a data event (some
 * docs describe it so, §5.1) and an SSE comment line.
 */
import type { TurnStream } from './turn-stream';

/** Text of the `text_chunk` event; a client that shows it has a bug. */
export const IGNORED_TEXT = 'IGNORE-ME';

/** Streams one turn with ignorable events around and between the deltas. */
export async function unknownEventsMode(stream: TurnStream): Promise<void> {
  const { app } = stream;
  const runId = app.newId();
  stream.send('reasoning_chunk', { workflow_run_id: runId, data: { reasoning: 'Thinking it over.', is_final: false } });
  stream.sse.comment('a comment line, which clients skip');
  stream.send('ping');
  stream.send('node_retry', {
    workflow_run_id: runId,
    data: { id: app.newId(), node_id: 'llm', node_type: 'llm', title: 'LLM', index: 2, retry_index: 1, error: 'Upstream timed out.' },
  });
  await stream.streamAnswer({
    after: (index) => {
      if (index !== 0) return;
      stream.send('iteration_started', { workflow_run_id: runId, data: { id: app.newId(), node_id: 'loop', title: 'Loop' } });
      stream.send('agent_log', { data: { node_execution_id: app.newId(), label: 'step', status: 'success', data: {} } });
      stream.send('text_chunk', { workflow_run_id: runId, data: { text: IGNORED_TEXT, from_variable_selector: ['llm', 'text'] } });
    },
  });
  stream.send('reasoning_chunk', { workflow_run_id: runId, data: { reasoning: '', is_final: true } });
  stream.end();
}
