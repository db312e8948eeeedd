import { describe, expect, it } from 'vitest';
import { HttpError, StreamError, TimeoutError } from '../../../../src/sdk/http/errors';
import { createFakeClock } from '../../../support/fake-clock';
import { hang, json } from '../../../support/fake-fetch';
import { dataLines, sseResponse } from '../../../support/sse';
import { chatRequest, collect, end, envelope, META, MESSAGE_ID, pulseError, settle, setup } from './helpers';

const hello = dataLines(envelope('message', { id: MESSAGE_ID, answer: 'Hello' }));

/** Whether `promise` has settled yet, without awaiting it. */
function watch(promise: Promise<unknown>) {
  const state = { settled: false };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

describe('errors before the stream (§4.6)', () => {
  it('a JSON 404 instead of a stream is an HttpError with PulseAI code and message', async () => {
    const { provider } = setup([pulseError(404, 'not_found', 'Conversation Not Exists.')]);
    const error = await collect(provider.stream(chatRequest({ providerConversationId: 'gone' }))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', detail: 'Conversation Not Exists.', message: expect.stringContaining('Conversation Not Exists.') });
  });

  it('a 429 is an HttpError that carries Retry-After', async () => {
    const { provider } = setup([json(429, { code: 'too_many_requests', message: 'Too many requests.', status: 429 }, { 'Retry-After': '3' })]);
    await expect(collect(provider.stream(chatRequest()))).rejects.toMatchObject({ code: 'too_many_requests', status: 429, retryAfterMs: 3_000 });
  });

  it('a 200 JSON body (a blocking answer) is refused, not parsed as events', async () => {
    const { provider } = setup([json(200, { event: 'message', answer: 'Whole answer' })]);
    const error = await collect(provider.stream(chatRequest())).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ code: 'invalid_response', message: expect.stringContaining('instead of an event stream') });
  });

  it('no response within timeoutMs is a TimeoutError', async () => {
    const clock = createFakeClock();
    const { provider } = setup([hang], { clock, timeoutMs: 1_000 });
    const pending = collect(provider.stream(chatRequest()));
    const state = watch(pending);
    await settle();
    clock.advance(999);
    await settle();
    expect(state.settled).toBe(false);
    clock.advance(1);
    await expect(pending).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('during the stream', () => {
  it('a stall is a TimeoutError after stallTimeoutMs of silence', async () => {
    const clock = createFakeClock();
    const { provider } = setup([sseResponse([hello], { stallAtEnd: true })], { clock, stallTimeoutMs: 5_000 });
    const events = provider.stream(chatRequest())[Symbol.asyncIterator]();
    expect((await events.next()).value).toEqual(META);
    expect((await events.next()).value).toEqual({ type: 'text', delta: 'Hello' });
    const next = events.next();
    const state = watch(next);
    await settle();
    clock.advance(4_999);
    await settle();
    expect(state.settled).toBe(false);
    clock.advance(1);
    await expect(next).rejects.toBeInstanceOf(TimeoutError);
  });

  it('the default stall limit is 30 s', async () => {
    const clock = createFakeClock();
    const { provider } = setup([sseResponse(['event: ping\n\n'], { stallAtEnd: true })], { clock });
    const pending = collect(provider.stream(chatRequest()));
    const state = watch(pending);
    await settle();
    clock.advance(29_999);
    await settle();
    expect(state.settled).toBe(false);
    clock.advance(1);
    await expect(pending).rejects.toMatchObject({ code: 'timeout', timeoutMs: 30_000 });
  });

  it("aborting mid-stream rejects with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error('visitor left');
    const { provider } = setup([sseResponse([hello], { stallAtEnd: true })], { clock: createFakeClock() });
    const events = provider.stream(chatRequest({ signal: controller.signal }))[Symbol.asyncIterator]();
    await events.next();
    await events.next();
    const next = events.next();
    await settle();
    controller.abort(reason);
    await expect(next).rejects.toBe(reason);
  });

  it("aborting before the response rejects with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error('new question');
    const { provider } = setup([hang], { clock: createFakeClock() });
    const pending = collect(provider.stream(chatRequest({ signal: controller.signal })));
    await settle();
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    const { fake, provider } = setup([sseResponse([hello])]);
    await expect(collect(provider.stream(chatRequest({ signal: controller.signal })))).rejects.toThrow('too late');
    expect(fake.requests).toHaveLength(0);
  });

  it('a dropped connection is a StreamError after the text so far', async () => {
    const { provider } = setup([sseResponse([hello], { breakAtEnd: true })]);
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const event of provider.stream(chatRequest())) seen.push(event);
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual([META, { type: 'text', delta: 'Hello' }]);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ message: expect.stringContaining('other side closed') });
  });

  it('finishes at message_end without waiting for the server to close, and lets go of the body', async () => {
    let cancelled = false;
    const encoder = new TextEncoder();
    const chunks = [hello, dataLines(end(null))];
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        const chunk = chunks.shift();
        // After the chunks the server keeps the connection open (TTS audio still coming).
        if (chunk) controller.enqueue(encoder.encode(chunk));
        else return new Promise<void>(() => undefined);
      },
      cancel: () => {
        cancelled = true;
      },
    });
    const response = new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    const { provider } = setup([response], { clock: createFakeClock() });
    const events = await collect(provider.stream(chatRequest()));
    expect(events.at(-1)).toEqual({ type: 'done', finishReason: 'stop' });
    await settle();
    expect(cancelled).toBe(true);
  });
});
