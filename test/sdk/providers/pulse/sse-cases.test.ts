import { describe, expect, it } from 'vitest';
import { StreamError } from '../../../../src/sdk/http/errors';
import type { ReplyEvent } from '../../../../src/sdk/providers/chat-provider';
import { dataLines } from '../../../support/sse';
import { CONVERSATION_ID, end, envelope, META, MESSAGE_ID, streamOf, TASK_ID } from './helpers';

const DONE: ReplyEvent = { type: 'done', finishReason: 'stop' };
const message = (answer: string) => envelope('message', { id: MESSAGE_ID, answer });
const thought = (observation: string, files: string[]) =>
  envelope('agent_thought', {
    id: 'th-1',
    position: 1,
    thought: 'Search the docs.',
    observation,
    tool: 'web_search',
    tool_labels: { web_search: { en_US: 'Web search' } },
    tool_input: '{"web_search": {"q": "reset password"}}',
    message_files: files,
  });
const workflow = (event: string, data: Record<string, unknown>) => envelope(event, { workflow_run_id: 'run-1', data });
const resource = { position: 1, dataset_id: 'ds', dataset_name: 'Help', document_id: 'doc', document_name: 'security.md', segment_id: 'seg', score: 0.9, content: 'Go to Settings.' };

type Row = [name: string, body: string, expected: ReplyEvent[] | { code: string; message: RegExp }];

/** One row per §5.3 event and per framing rule of §5.1 / §17.2. */
const rows: Row[] = [
  ['message: a text delta', dataLines(message('Hello'), end()), [META, { type: 'text', delta: 'Hello' }, { type: 'usage', usage: { totalTokens: 1 } }, DONE]],
  ['agent_message: a text delta', dataLines(envelope('agent_message', { id: MESSAGE_ID, answer: 'Agent says' }), end()), [META, { type: 'text', delta: 'Agent says' }, { type: 'usage', usage: { totalTokens: 1 } }, DONE]],
  [
    'agent_thought: upserted by id, tool_input passed through',
    dataLines(thought('', []), thought('3 results', ['f-1']), end(null)),
    [
      META,
      { type: 'thought', thought: { id: 'th-1', position: 1, thought: 'Search the docs.', tool: 'web_search', toolInput: '{"web_search": {"q": "reset password"}}', observation: '' } },
      { type: 'thought', thought: { id: 'th-1', position: 1, thought: 'Search the docs.', tool: 'web_search', toolInput: '{"web_search": {"q": "reset password"}}', observation: '3 results' } },
      DONE,
    ],
  ],
  [
    'message_file: an attachment of the answer',
    dataLines(envelope('message_file', { id: 'f-1', type: 'image', belongs_to: 'assistant', url: 'https://files.test/f-1.png' }), end(null)),
    [META, { type: 'file', file: { id: 'f-1', type: 'image', url: 'https://files.test/f-1.png' } }, DONE],
  ],
  [
    'message_replace: the whole text replaced',
    dataLines(message('Bad'), envelope('message_replace', { answer: 'Sorry.', reason: 'output_moderation' }), end(null)),
    [META, { type: 'text', delta: 'Bad' }, { type: 'replace', text: 'Sorry.' }, DONE],
  ],
  [
    'message_end: usage and retriever_resources as document sources',
    dataLines(end({ usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, total_price: '0.1', currency: 'USD', latency: 1.5, time_to_first_token: 0.2 }, retriever_resources: [resource] })),
    [
      META,
      { type: 'usage', usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15, latency: 1.5 } },
      { type: 'sources', sources: [{ title: 'security.md', description: 'Go to Settings.', type: 'document' }] },
      DONE,
    ],
  ],
  ['message_end: no metadata at all', dataLines(message('Hi'), envelope('message_end', { id: MESSAGE_ID })), [META, { type: 'text', delta: 'Hi' }, DONE]],
  [
    'tts_message and tts_message_end: ignored',
    dataLines(message('Hi'), envelope('tts_message', { audio: 'SUQzBA==' }), end(null), envelope('tts_message_end', { audio: '' })),
    [META, { type: 'text', delta: 'Hi' }, DONE],
  ],
  ['error: a StreamError with the event code and message', dataLines(message('Let me'), { ...envelope('error', { status: 400, code: 'provider_quota_exceeded', message: 'Quota exhausted.' }), task_id: undefined }), { code: 'provider_quota_exceeded', message: /^Quota exhausted\.$/ }],
  ['error: without a code', dataLines(envelope('error', { status: 500 })), { code: 'stream_error', message: /reported an error/ }],
  ['ping: an `event: ping` block', `event: ping\n\n${dataLines(message('Hi'))}event: ping\n\n${dataLines(end(null))}`, [META, { type: 'text', delta: 'Hi' }, DONE]],
  ['ping: as a data event', dataLines({ event: 'ping' }, message('Hi'), { event: 'ping' }, end(null)), [META, { type: 'text', delta: 'Hi' }, DONE]],
  ['blocks with an empty data line: skipped', `event: ping\ndata:\n\n${dataLines(message('Hi'))}data: \n\n${dataLines(end(null))}`, [META, { type: 'text', delta: 'Hi' }, DONE]],
  [
    'workflow events: ignored, their envelope read',
    dataLines(
      workflow('workflow_started', { id: 'run-1', workflow_id: 'wf', inputs: {} }),
      workflow('node_started', { id: 'n-1', node_id: 'llm', node_type: 'llm', title: 'LLM', index: 1 }),
      message('Hi'),
      workflow('node_finished', { id: 'n-1', status: 'succeeded', outputs: { text: 'Hi' } }),
      workflow('workflow_finished', { id: 'run-1', status: 'succeeded' }),
      end(null),
    ),
    [META, { type: 'text', delta: 'Hi' }, DONE],
  ],
  [
    'workflow_finished stopped: the reply is done as stopped',
    dataLines(message('Hal'), workflow('workflow_finished', { id: 'run-1', status: 'stopped', error: 'stopped by user' }), end(null)),
    [META, { type: 'text', delta: 'Hal' }, { type: 'done', finishReason: 'stopped' }],
  ],
  [
    'unknown events: ignored, whatever their fields',
    dataLines({ event: 'reasoning_chunk', data: { reasoning: 'hm', is_final: false } }, { event: 'agent_log', conversation_id: 42 }, message('Hi'), end(null)),
    [META, { type: 'text', delta: 'Hi' }, DONE],
  ],
  ['keep-alive comments: ignored', `: keep-alive\n\n${dataLines(message('Hi'))}:\n\n${dataLines(end(null))}`, [META, { type: 'text', delta: 'Hi' }, DONE]],
  ['CRLF line endings', dataLines(message('Hi'), end(null)).replaceAll('\n', '\r\n'), [META, { type: 'text', delta: 'Hi' }, DONE]],
  ['empty answer deltas: skipped', dataLines(message(''), message('H'), message(''), message('i'), end(null)), [META, { type: 'text', delta: 'H' }, { type: 'text', delta: 'i' }, DONE]],
  ['the final block without a trailing blank line', `data: ${JSON.stringify(message('Hi'))}\n\ndata: ${JSON.stringify(end(null))}`, [META, { type: 'text', delta: 'Hi' }, DONE]],
  [
    'no terminal event: stream_incomplete',
    dataLines(message('Half an ans')),
    { code: 'stream_incomplete', message: /closed before it finished .*may still have saved the answer/ },
  ],
  ['no events at all: stream_incomplete', 'event: ping\n\n', { code: 'stream_incomplete', message: /no message_end or error event/ }],
  ['a data line that is not JSON', `${dataLines(message('Hi'))}data: {"event": "message", "answer": "cut\n\n`, { code: 'malformed_event', message: /not JSON: "\{"event": "message", "answer": "cut"/ }],
  ['a reply event missing a field confab reads', dataLines(envelope('message', { answer: 42 })), { code: 'malformed_event', message: /"message" stream event is not valid: answer: / }],
  ['an event without a name', dataLines({ answer: 'Hi' }), { code: 'malformed_event', message: /stream event is not valid: event: / }],
  ['an envelope id of the wrong type', dataLines(envelope('message', { answer: 'Hi', task_id: 7 })), { code: 'malformed_event', message: /task_id: / }],
];

describe('SSE cases (contracts/pulse.md §5)', () => {
  rows.forEach(([name, body, expected], index) => {
    it(`${index + 1}. ${name}`, async () => {
      if (Array.isArray(expected)) {
        expect(await streamOf(body)).toEqual(expected);
        return;
      }
      const error = await streamOf(body).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StreamError);
      expect(error).toMatchObject({ code: expected.code, message: expect.stringMatching(expected.message) });
    });
  });
});

describe('meta', () => {
  it('is sent again only when an id changes, and ids stay known when later events omit them', async () => {
    const first = { ...message('A'), conversation_id: '', task_id: undefined };
    const bare = { ...message('D'), conversation_id: undefined, message_id: null, task_id: '' };
    const events = await streamOf(dataLines(first, message('B'), message('C'), bare, end(null)));
    expect(events.filter((event) => event.type === 'meta')).toEqual([
      { type: 'meta', providerConversationId: undefined, providerMessageId: MESSAGE_ID, taskId: undefined },
      { type: 'meta', providerConversationId: CONVERSATION_ID, providerMessageId: MESSAGE_ID, taskId: TASK_ID },
    ]);
  });
});
