/**
 * The `chatflow` script mode (advanced-chat apps, contract §5.3–§5.4, example §5.6 c):
 * workflow and node events around the `message` deltas, in source-code order
 * (`workflow_finished` before `message_end`). A stop ends the run as `stopped`.
 */
import { nameUuid } from './ids';
import { promptText } from './turn';
import type { TurnStream } from './turn-stream';
import { buildUsage, seconds } from './usage';

/** Streams one chatflow turn. */
export async function chatflowMode(stream: TurnStream): Promise<void> {
  const { app, turn } = stream;
  const { message, conversation } = turn;
  const runId = app.newId();
  const workflowId = nameUuid('workflow:confab-demo');
  const startedAt = app.nowSeconds();
  const startedMs = performance.now();
  // Workflow events carry the run id at top level and their payload in `data` (§5.3).
  const run = (event: string, data: Record<string, unknown>) => stream.send(event, { workflow_run_id: runId, data });

  run('workflow_started', {
    id: runId,
    workflow_id: workflowId,
    inputs: { ...conversation.inputs, 'sys.query': message.query, 'sys.user_id': conversation.user, 'sys.conversation_id': conversation.id },
    created_at: startedAt,
    reason: 'initial',
  });
  const node = {
    id: app.newId(),
    node_id: 'llm',
    node_type: 'llm',
    title: 'LLM',
    index: 2,
    predecessor_node_id: 'start',
    inputs: null,
    created_at: startedAt,
    extras: {},
    iteration_id: null,
    loop_id: null,
  };
  let complete = await stream.pause(app.settings.tokenDelayMs);
  if (complete) {
    run('node_started', node);
    complete = await stream.streamAnswer({ fields: { from_variable_selector: ['llm', 'text'] } });
  }
  const usage = buildUsage(promptText(turn), stream.sent, { latencyMs: performance.now() - startedMs });
  const elapsed = seconds(performance.now() - startedMs);
  if (complete) {
    run('node_finished', {
      ...node,
      process_data: null,
      outputs: { text: stream.sent },
      status: 'succeeded',
      error: null,
      elapsed_time: elapsed,
      execution_metadata: { total_tokens: usage.total_tokens, total_price: usage.total_price, currency: usage.currency },
      finished_at: app.nowSeconds(),
      files: [],
    });
  }
  const stopped = stream.stopRequested();
  run('workflow_finished', {
    id: runId,
    workflow_id: workflowId,
    status: stopped ? 'stopped' : 'succeeded',
    outputs: { answer: stream.sent },
    error: stopped ? 'Stopped by user.' : null,
    elapsed_time: elapsed,
    total_tokens: usage.total_tokens,
    total_steps: complete ? 3 : 2,
    created_at: startedAt,
    finished_at: app.nowSeconds(),
    exceptions_count: 0,
    files: [],
  });
  stream.end({ fields: { files: [] } });
}
