import { describe, expect, it } from 'vitest';
import { USER, api, chatBody, expectError, usePulse } from './harness';

const server = usePulse();
const base = () => server().base;

/** One row per invalid body: what is sent, which field `params` names, the message. */
const INVALID: Array<[string, Record<string, unknown>, string, string]> = [
  ['missing query', chatBody({ query: undefined }), 'query', 'query is required'],
  ['blank query', chatBody({ query: '   ' }), 'query', 'query: must not be blank'],
  ['query not a string', chatBody({ query: 42 }), 'query', 'query: Invalid input: expected string, received number'],
  ['missing inputs', chatBody({ inputs: undefined }), 'inputs', 'inputs is required'],
  ['inputs an array', chatBody({ inputs: [] }), 'inputs', 'inputs: Invalid input: expected record, received array'],
  ['bad response_mode', chatBody({ response_mode: 'sse' }), 'response_mode', 'response_mode: Invalid option: expected one of "streaming"|"blocking"'],
  ['missing user', chatBody({ user: undefined }), 'user', 'user is required'],
  ['empty user', chatBody({ user: '' }), 'user', 'user: Too small: expected string to have >=1 characters'],
  ['files not an array', chatBody({ files: 'a.png' }), 'files', 'files: Invalid input: expected array, received string'],
  ['auto_generate_name not a boolean', chatBody({ auto_generate_name: 'no' }), 'auto_generate_name', 'auto_generate_name: Invalid input: expected boolean, received string'],
  ['conversation_id not a UUID', chatBody({ conversation_id: 'abc' }), 'conversation_id', 'conversation_id must be a UUID'],
];

describe('POST /chat-messages validation (§3, §4.1, §4.6)', () => {
  for (const [i, [what, body, params, message]] of INVALID.entries()) {
    it(`${i + 1}. ${what} → 400 invalid_param naming ${params}, as JSON even for a streaming request`, async () => {
      const reply = await api(base(), 'POST', '/chat-messages', { body });
      expectError(reply, 400, 'invalid_param', message, params);
      expect(server().pulse.state.conversations.size).toBe(0);
    });
  }

  it('12. a body that is not JSON, or not an object, is a 400 bad_request', async () => {
    const notJson = await api(base(), 'POST', '/chat-messages', { raw: '{"query":', headers: { 'Content-Type': 'application/json' } });
    expectError(notJson, 400, 'bad_request', 'The browser (or proxy) sent a request that this server could not understand.');
    const array = await api(base(), 'POST', '/chat-messages', { body: [chatBody()] });
    expectError(array, 400, 'bad_request', 'The request body must be a JSON object.');
  });

  it('13. an empty body reports the first missing field', async () => {
    expectError(await api(base(), 'POST', '/chat-messages', { raw: '' }), 400, 'invalid_param', 'query is required', 'query');
  });

  it('14. an unknown conversation_id is a 404 before any stream; so is another user\'s conversation', async () => {
    const unknown = await api(base(), 'POST', '/chat-messages', { body: chatBody({ conversation_id: '9002b8e1-3d36-4989-89f0-853d298d8687' }) });
    expectError(unknown, 404, 'not_found', 'Conversation Not Exists.');
    const mine = await api(base(), 'POST', '/chat-messages', { body: chatBody({ response_mode: 'blocking' }) });
    const theirs = await api(base(), 'POST', '/chat-messages', { body: chatBody({ user: 'someone-else', conversation_id: mine.json.conversation_id }) });
    expectError(theirs, 404, 'not_found', 'Conversation Not Exists.');
    expect(server().pulse.state.conversation(USER, mine.json.conversation_id)?.messages).toHaveLength(1);
  });

  it('15. an empty conversation_id starts a new conversation; unknown fields are ignored (§1)', async () => {
    const reply = await api(base(), 'POST', '/chat-messages', {
      body: chatBody({ response_mode: 'blocking', conversation_id: '', workflow_id: 'x', retriever_from: 'dev', extra: { a: 1 } }),
    });
    expect(reply.status).toBe(200);
    expect(server().pulse.state.conversations.size).toBe(1);
  });

  it('16. an upper-case conversation_id finds the conversation (UUIDs compare case-insensitively)', async () => {
    const first = await api(base(), 'POST', '/chat-messages', { body: chatBody({ response_mode: 'blocking' }) });
    const next = await api(base(), 'POST', '/chat-messages', {
      body: chatBody({ response_mode: 'blocking', conversation_id: first.json.conversation_id.toUpperCase() }),
    });
    expect(next.json.conversation_id).toBe(first.json.conversation_id);
  });

  // Issue 11 (fidelity): dify-client sends `files: null` on every call, and Dify takes null for an optional field.
  it('17. null for an optional field means absent: files, conversation_id, auto_generate_name, response_mode', async () => {
    const first = await api(base(), 'POST', '/chat-messages', {
      body: chatBody({ response_mode: 'blocking', files: null, conversation_id: null, auto_generate_name: null }),
    });
    expect(first.status).toBe(200);
    const conversation = server().pulse.state.conversation(USER, first.json.conversation_id);
    expect(conversation?.name, 'auto_generate_name null: named as by default').not.toBe('New conversation');
    const next = await api(base(), 'POST', '/chat-messages', { body: chatBody({ response_mode: null, files: null, conversation_id: first.json.conversation_id }) });
    expect(next.status, 'response_mode null: blocking, as when absent').toBe(200);
    expect(next.json).toMatchObject({ event: 'message', conversation_id: first.json.conversation_id });
  });
});
