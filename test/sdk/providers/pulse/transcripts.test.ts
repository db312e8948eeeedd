import { describe, expect, it } from 'vitest';
import { StreamError } from '../../../../src/sdk/http/errors';
import type { ReplyEvent } from '../../../../src/sdk/providers/chat-provider';
import { json } from '../../../support/fake-fetch';
import { splitsAtEveryByte, sseResponse } from '../../../support/sse';
import { chatRequest, collect, setup, streamOf, transcript } from './helpers';

const done = (finishReason = 'stop'): ReplyEvent => ({ type: 'done', finishReason });
const meta = (providerConversationId: string, providerMessageId: string, taskId: string): ReplyEvent => ({ type: 'meta', providerConversationId, providerMessageId, taskId });
const text = (delta: string): ReplyEvent => ({ type: 'text', delta });

const expectedA = (answers: string[], description: string): ReplyEvent[] => [
  meta('9002b8e1-3d36-4989-89f0-853d298d8687', 'ef41e268-7cb0-49e0-9164-84d8c24d9759', '9714535b-615e-4ed4-bb63-888e3eda439d'),
  ...answers.map(text),
  { type: 'usage', usage: { promptTokens: 212, completionTokens: 9, totalTokens: 221, latency: 1.42 } },
  { type: 'sources', sources: [{ title: 'account-security.md', description, type: 'document' }] },
  done(),
];
const A = expectedA(['Open', ' Settings,', ' then Security.'], 'To reset a password, go to Settings > Security...');
const A_MULTIBYTE = expectedA(['Öffne', ' Einstellungen → 設定,', ' dann Sicherheit 🔐 é.'], 'Passwort zurücksetzen: Einstellungen › Sicherheit…');

const bicycleThought = (observation: string): ReplyEvent => ({
  type: 'thought',
  thought: { id: '175368f0-9a17-4f32-bd3f-8f980e0129ed', position: 1, thought: 'I should draw this.', tool: 'image_gen', toolInput: '{"image_gen": {"prompt": "a red bicycle"}}', observation },
});

/** Events until the stream fails, and the failure. */
async function untilError(body: string) {
  const { provider } = setup([sseResponse([body])]);
  const events: ReplyEvent[] = [];
  try {
    for await (const event of provider.stream(chatRequest())) events.push(event);
  } catch (error) {
    return { events, error };
  }
  throw new Error('the stream did not fail');
}

describe('the transcripts of contracts/pulse.md §5.6', () => {
  it('(a) a new conversation with a keep-alive first', async () => {
    expect(await streamOf(transcript('a-new-conversation'))).toEqual(A);
  });

  it('(b) an agent with a tool call that makes an image', async () => {
    expect(await streamOf(transcript('b-agent-tool-image'))).toEqual([
      meta('252f9afa-6965-441f-952e-8c310a21dded', '59b52d85-b2e9-4096-9733-f4523c48a94a', 'f533c3ba-61d4-4e12-995a-036e74991189'),
      bicycleThought(''),
      { type: 'file', file: { id: 'ca50bec5-19af-4d48-a530-dd2c27e1287f', type: 'image', url: 'https://files.example/tool/ca50bec5.png?sign=abc' } },
      bicycleThought('image generated'),
      text('Here is your bicycle.'),
      { type: 'usage', usage: { promptTokens: 640, completionTokens: 40, totalTokens: 680, latency: 6.3 } },
      done(),
    ]);
  });

  it('(c) a chatflow: workflow events ignored, ids taken from workflow_started', async () => {
    const events = await streamOf(transcript('c-chatflow'));
    expect(events).toEqual([
      meta('74d7a141-7da0-44d9-8014-30e746d2a9f8', 'fcc9d32f-521b-41f1-bf3c-26408d7dc70c', '9002b8e1-3d36-4989-89f0-853d298d8687'),
      text('Hi there!'),
      { type: 'usage', usage: { totalTokens: 31, latency: 1.1 } },
      done(),
    ]);
  });

  it('(d) a failure mid-stream: the text so far, then the error event as a StreamError', async () => {
    const { events, error } = await untilError(transcript('d-error-mid-stream'));
    expect(events).toEqual([meta('9002b8e1-3d36-4989-89f0-853d298d8687', '66639ac5-c315-4a81-ad33-8a6056ca9d4d', 'afb11b8e-cea1-449c-a5fd-7309ecc20b1f'), text('Let me')]);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ code: 'completion_request_error', message: '[openai] Rate limit reached for requests' });
  });

  it('(e) output moderation replaces the answer; TTS is ignored', async () => {
    expect(await streamOf(transcript('e-moderation-tts'))).toEqual([
      meta('3d6f1c2a-8b4e-4f0a-9c7d-2e5b8a1f6c90', 'b7e2d4f1-5a3c-4e8b-9f1d-6c2a7e9b3d15', 'c4a9e7b2-1d5f-4b3e-8a6c-9f2e5d1b7a40'),
      text('Here is how to pick a lock'),
      { type: 'replace', text: "Sorry, I can't help with that." },
      { type: 'usage', usage: { promptTokens: 18, completionTokens: 7, totalTokens: 25, latency: 0.64 } },
      done(),
    ]);
  });

  describe('(f) stopped after the second chunk', () => {
    const F_TASK = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
    const partial: ReplyEvent[] = [
      meta('8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', F_TASK),
      text('The first'),
      text(' three steps'),
      { type: 'usage', usage: { promptTokens: 40, completionTokens: 3, totalTokens: 43, latency: 0.3 } },
    ];

    it('after stop(task_id) the partial answer is done as stopped', async () => {
      const { fake, provider } = setup([sseResponse([transcript('f-stopped')]), json(200, { result: 'success' })]);
      const events: ReplyEvent[] = [];
      for await (const event of provider.stream(chatRequest())) {
        events.push(event);
        if (event.type === 'meta' && event.taskId) await provider.stop?.(event.taskId);
      }
      expect(events).toEqual([...partial, done('stopped')]);
      expect(fake.requests[1]).toMatchObject({ method: 'POST', path: `/v1/chat-messages/${F_TASK}/stop` });
    });

    it('without a stop it is an ordinary end', async () => {
      expect(await streamOf(transcript('f-stopped'))).toEqual([...partial, done()]);
    });
  });
});

describe('network chunking', () => {
  it.each([
    ['(a) verbatim', 'a-new-conversation', A],
    ['(a) with 2-, 3- and 4-byte characters', 'a-new-conversation-multibyte', A_MULTIBYTE],
  ])('%s split in two at every byte boundary gives the same events', async (_name, file, expected) => {
    const splits = splitsAtEveryByte(transcript(file));
    expect(splits.length).toBeGreaterThan(1800);
    for (const [index, [head, tail]] of splits.entries()) {
      expect(await streamOf([head, tail]), `split after byte ${index + 1}`).toEqual(expected);
    }
  });

  it('(a) with multi-byte characters, one byte per read', async () => {
    const bytes = new TextEncoder().encode(transcript('a-new-conversation-multibyte'));
    expect(await streamOf(Array.from(bytes, (byte) => Uint8Array.of(byte)))).toEqual(A_MULTIBYTE);
  });

  it('the successful transcripts back to back through one provider', async () => {
    const names = ['a-new-conversation', 'b-agent-tool-image', 'c-chatflow', 'e-moderation-tts', 'f-stopped'];
    const { provider } = setup(names.map((name) => sseResponse([transcript(name)])));
    for (const _name of names) {
      const events = await collect(provider.stream(chatRequest()));
      expect(events.at(-1)).toEqual(done());
    }
  });
});
