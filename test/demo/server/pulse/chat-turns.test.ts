import { describe, expect, it, vi } from 'vitest';
import { NOW_SECONDS, USER, api, chatBody, startChat, usePulse, type Json } from './harness';
import { readSse } from './sse';

const SOURCES = [
  { title: 'embedding.md', content: 'Add one script tag.', score: 0.91 },
  { title: 'install.md', content: 'npm install confab', score: 0.42 },
];
const ANSWER = 'Add the **script tag** to your page.\n\n- then set `data-provider`\n- and reload the page';
const answer = vi.fn(async () => ({ text: ANSWER, sources: SOURCES }));
const server = usePulse({ answer });
const base = () => server().base;

describe('conversations made by POST /chat-messages (§4)', () => {
  it('1. the first turn creates the conversation, saves the message and names it after the query', async () => {
    const read = await readSse(await startChat(base(), chatBody({ query: '  How   do I embed confab in a React app?', inputs: { locale: 'en' } })));
    const id = read.events[0].conversation_id;
    const list = await api(base(), 'GET', `/conversations?user=${USER}`);
    expect(list.json.data).toEqual([
      expect.objectContaining({ id, name: 'How do I embed confa', inputs: { locale: 'en' }, status: 'normal', created_at: NOW_SECONDS }),
    ]);
    const history = await api(base(), 'GET', `/messages?user=${USER}&conversation_id=${id}`);
    expect(history.json.data).toEqual([
      expect.objectContaining({ id: read.events[0].message_id, answer: ANSWER, status: 'normal', parent_message_id: null }),
    ]);
  });

  it('2. a later turn continues the conversation: stored inputs, history for the answerer, parent message', async () => {
    const first = await readSse(await startChat(base(), chatBody({ query: 'first question', inputs: { plan: 'Pro' } })));
    const conversationId = first.events[0].conversation_id;
    answer.mockClear();
    const second = await readSse(await startChat(base(), chatBody({ query: 'second', conversation_id: conversationId, inputs: { plan: 'Free' } })));
    expect(second.events[0].conversation_id).toBe(conversationId);
    expect(answer).toHaveBeenCalledWith('second', [{ query: 'first question', answer: ANSWER }]);
    const history = await api(base(), 'GET', `/messages?user=${USER}&conversation_id=${conversationId}`);
    expect(history.json.data.map((m: Json) => [m.query, m.inputs, m.parent_message_id])).toEqual([
      ['first question', { plan: 'Pro' }, null],
      ['second', { plan: 'Pro' }, first.events[0].message_id],
    ]);
    expect(server().pulse.state.conversations.get(conversationId)?.name).toBe('first question');
  });

  it('3. auto_generate_name: false leaves the default name', async () => {
    const read = await readSse(await startChat(base(), chatBody({ auto_generate_name: false })));
    const list = await api(base(), 'GET', `/conversations?user=${USER}`);
    expect(list.json.data[0]).toMatchObject({ id: read.events[0].conversation_id, name: 'New conversation' });
  });
});

describe('POST /chat-messages, blocking (§4.2)', () => {
  it('4. returns the whole answer as one JSON object, with or without response_mode', async () => {
    for (const mode of [{ response_mode: 'blocking' }, { response_mode: undefined }]) {
      const reply = await api(base(), 'POST', '/chat-messages', { body: chatBody(mode) });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = reply.json;
      expect(Object.keys(body)).toEqual(['event', 'task_id', 'id', 'message_id', 'conversation_id', 'mode', 'answer', 'metadata', 'created_at']);
      expect(body).toMatchObject({ event: 'message', mode: 'chat', answer: ANSWER, created_at: NOW_SECONDS });
      expect(body.id).toBe(body.message_id);
      expect(body.metadata.retriever_resources.map((r: Json) => r.document_name)).toEqual(['embedding.md', 'install.md']);
      expect(body.metadata.usage.total_price).toMatch(/^\d+\.\d{7}$/);
      expect(body.metadata.usage).not.toHaveProperty('time_to_first_token');
      const saved = server().pulse.state.conversation(USER, body.conversation_id);
      expect(saved?.messages.map((m) => [m.id, m.answer])).toEqual([[body.message_id, ANSWER]]);
    }
  });
});
