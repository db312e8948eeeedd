import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { createPulseServer } from '../../../../demo/server/pulse/create-pulse-server';
import { api, chatBody, expectError, startChat, startPulse, usePulse } from './harness';
import { blockReader } from './sse';

const server = usePulse();
const base = () => server().base;
const UNKNOWN_URL = 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';

describe('app metadata (§15)', () => {
  it('1. GET /parameters: the demo defaults with every documented key', async () => {
    const reply = await api(base(), 'GET', '/parameters');
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json).sort()).toEqual([
      'annotation_reply', 'file_upload', 'more_like_this', 'opening_statement', 'retriever_resource', 'sensitive_word_avoidance',
      'speech_to_text', 'suggested_questions', 'suggested_questions_after_answer', 'system_parameters', 'text_to_speech', 'user_input_form',
    ]);
    expect(reply.json).toMatchObject({
      opening_statement: "Hi! I'm the PulseAI reference server. Ask me anything about confab.",
      suggested_questions: ['How do I embed confab?', 'Which chat backends does confab support?', 'Where are conversations stored?'],
      suggested_questions_after_answer: { enabled: true },
      text_to_speech: { enabled: false, voice: 'alloy', language: 'en-US', autoPlay: 'disabled' },
      user_input_form: [],
    });
  });

  it('2. the parameters and info options override single keys; the opening statement becomes the introduction', async () => {
    const custom = await startPulse({
      parameters: { opening_statement: 'Welcome!', suggested_questions: ['A?'], user_input_form: [{ 'text-input': { label: 'Name', variable: 'name', required: false } }] },
      info: { name: 'Support bot', mode: 'advanced-chat' },
    });
    try {
      const params = (await api(custom.base, 'GET', '/parameters')).json;
      expect(params).toMatchObject({ opening_statement: 'Welcome!', suggested_questions: ['A?'], retriever_resource: { enabled: true } });
      expect(params.user_input_form).toEqual([{ 'text-input': { label: 'Name', variable: 'name', required: false } }]);
      expect((await api(custom.base, 'GET', '/info')).json).toEqual({
        name: 'Support bot',
        description: 'A deterministic PulseAI/Dify chat app for the confab demo and tests.',
        tags: ['demo'],
        mode: 'advanced-chat',
        author_name: 'confab',
      });
      const turn = (await api(custom.base, 'POST', '/chat-messages', { body: { query: 'q', inputs: {}, user: 'u' } })).json;
      expect(turn.mode).toBe('advanced-chat');
      expect((await api(custom.base, 'GET', '/conversations?user=u')).json.data[0].introduction).toBe('Welcome!');
    } finally {
      await custom.close();
    }
  });

  it('3. GET /info and GET /meta', async () => {
    expect((await api(base(), 'GET', '/info')).json).toMatchObject({ name: 'confab demo (PulseAI reference)', mode: 'chat', tags: ['demo'] });
    expect((await api(base(), 'GET', '/meta')).json).toEqual({
      tool_icons: { web_search: { background: '#252525', content: '🔎' }, image_gen: 'https://files.example/icons/image_gen.svg' },
    });
  });
});

describe('routing', () => {
  it('4. an unknown route is a 404 not_found, before auth', async () => {
    expectError(await api(base(), 'GET', '/files/upload', { key: null }), 404, 'not_found', UNKNOWN_URL);
    expectError(await api(base(), 'GET', '', { key: null }), 404, 'not_found', UNKNOWN_URL);
  });

  it('5. a known path with the wrong method is a 405 with an Allow header', async () => {
    const reply = await api(base(), 'GET', '/chat-messages');
    expectError(reply, 405, 'method_not_allowed', 'The method is not allowed for the requested URL.');
    expect(reply.headers.get('allow')).toBe('POST');
    expect((await api(base(), 'PUT', '/conversations/9002b8e1-3d36-4989-89f0-853d298d8687')).headers.get('allow')).toBe('DELETE');
  });

  it('6. CORS: preflights get a 204 that allows the signing headers; answers carry Allow-Origin', async () => {
    const preflight = await fetch(`${base()}/chat-messages`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, X-Timestamp, X-Signature');
    expect((await api(base(), 'GET', '/info')).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('7. paths outside basePath go to next(); without next they get a 404', async () => {
    const pulse = createPulseServer({ basePath: '/pulse/' });
    expect(pulse.basePath).toBe('/pulse');
    const http = createServer((req, res) => {
      void pulse.handle(req, res, req.url === '/other' ? () => res.end('next called') : undefined);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${origin}/other`)).text()).toBe('next called');
      expectError(await api(origin, 'GET', '/pulsefoo'), 404, 'not_found', UNKNOWN_URL);
      expect((await api(origin, 'GET', '/pulse/info', { key: 'app-confab-demo' })).status).toBe(200);
    } finally {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });

  it('8. bad delays are refused when the server is created', () => {
    expect(() => createPulseServer({ pingAfterMs: 0 })).toThrow(RangeError);
    expect(() => createPulseServer({ tokenDelayMs: -1 })).toThrow(RangeError);
  });

  it('9. a body over 2 MB is a 413 in the §3 error shape', async () => {
    const reply = await api(base(), 'POST', '/chat-messages', { raw: 'x'.repeat(2 * 1024 * 1024 + 1) });
    expectError(reply, 413, 'payload_too_large', 'The request body is 2097153 bytes; the maximum is 2097152 bytes (2 MB).');
  });

  it('10. close() cuts the streams in progress, and the turn is still saved', async () => {
    const own = await startPulse();
    try {
      own.pulse.script('ping-only');
      const reader = blockReader(await startChat(own.base, chatBody()));
      expect(await reader.next()).toEqual({ kind: 'ping' });
      await own.pulse.close();
      await expect(reader.next()).rejects.toThrow();
      const [conversation] = own.pulse.state.conversations.values();
      await vi.waitFor(() => expect(own.pulse.state.tasks.size).toBe(0));
      expect(conversation?.messages[0]?.usage).not.toBeNull();
    } finally {
      await own.close();
    }
  });
});
