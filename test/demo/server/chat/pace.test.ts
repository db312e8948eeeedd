import { describe, expect, it } from 'vitest';
import { createChatServer } from '../../../../demo/server/chat/create-chat-server';
import { corpusKnowledgeBase } from '../../../server/knowledge/corpus-fixture';
import { completionRequest, listen, parseSse, postCompletion, readFrames, readSse, useChat } from './chat-fixtures';

const knowledge = corpusKnowledgeBase();
const harness = useChat({ knowledge });

// Timer checks poll until the count is back to its level before the stream: a stream that
// kept scheduling its next chunk would hold it above that for the whole poll.
const config = (body: unknown) =>
  fetch(`${harness().base}/__config`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** Timers alive in this process: the server's must be gone once a stream is over. */
const timers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;

/** Streams a `long` answer of `tokens` words and returns its frames and the time it took. */
async function timedLong(tokens: number) {
  harness().chat.script({ mode: 'long', tokens });
  const started = performance.now();
  const sse = await readSse(await postCompletion(harness().base, completionRequest({ stream: true })));
  return { sse, ms: performance.now() - started };
}

describe('stream pace (tokenDelayMs)', () => {
  it('1. chunks are tokenDelayMs apart: 53 frames at 20 ms take about a second; at 0 ms, far less', async () => {
    expect(await (await config({ tokenDelayMs: 20 })).json()).toEqual({ tokenDelayMs: 20 });
    const slow = await timedLong(50);
    expect(slow.sse.frames).toHaveLength(53); // role + 50 words + finish + [DONE]
    expect(slow.ms).toBeGreaterThanOrEqual(52 * 20 * 0.95);
    expect(slow.ms).toBeLessThan(52 * 20 * 3);
    await config({ tokenDelayMs: 0 });
    const fast = await timedLong(50);
    expect(fast.ms).toBeLessThan(slow.ms / 4);
  });

  it('2. the first chunk is not delayed: it arrives well before one tokenDelayMs', async () => {
    await config({ tokenDelayMs: 600 });
    harness().chat.script({ mode: 'long', tokens: 3 });
    const started = performance.now();
    const response = await postCompletion(harness().base, completionRequest({ stream: true }));
    const { reader } = await readFrames(response, 1);
    expect(performance.now() - started).toBeLessThan(300);
    await reader.cancel();
  });

  it('3. long at 1 token/ms: 1,000 words in about a second (the benchmark setting)', async () => {
    await config({ tokenDelayMs: 1 });
    const { sse, ms } = await timedLong(1000);
    expect(sse.data).toHaveLength(1003);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(3000);
  });

  it('4. __config rejects a bad delay (422), and reset() restores the configured one', async () => {
    expect((await config({ tokenDelayMs: -1 })).status).toBe(422);
    expect((await config({ tokenDelay: 5 })).status).toBe(422);
    await config({ tokenDelayMs: 77 });
    harness().chat.reset();
    expect(await (await fetch(`${harness().base}/__config`)).json()).toEqual({ tokenDelayMs: 0 });
    expect(() => harness().chat.configure({ tokenDelayMs: 1.5 })).toThrow(RangeError);
  });
});

describe('disconnects and close()', () => {
  it('5. a client that disconnects stops the writing at once: no more writes, no timer left', async () => {
    const before = timers();
    const chat = createChatServer({ knowledge, tokenDelayMs: 30 });
    let writes = 0;
    let finished = false;
    const http = await listen((req, res) => {
      const write = res.write.bind(res) as (chunk: string) => boolean;
      res.write = ((chunk: string) => {
        writes += 1;
        return write(chunk);
      }) as typeof res.write;
      // The handler's promise settles once the stream has let go of the response.
      return chat.handle(req, res).then(() => {
        finished = req.url?.endsWith('/chat/completions') === true;
      });
    });
    try {
      chat.script({ mode: 'long', tokens: 10_000 });
      const response = await postCompletion(`${http.url}${chat.basePath}`, completionRequest({ stream: true }));
      const { reader } = await readFrames(response, 3);
      await reader.cancel();
      await expect.poll(() => chat.stats.snapshot().byStatus.dropped).toBe(1);
      await expect.poll(() => finished).toBe(true);
      const after = writes;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(writes).toBe(after);
      expect(writes).toBeLessThan(20);
      await expect.poll(timers).toBeLessThanOrEqual(before);
    } finally {
      await chat.close();
      await http.close();
    }
  });

  it('6. an abort mid-stream leaves the server serving the next request normally', async () => {
    await config({ tokenDelayMs: 30 });
    const controller = new AbortController();
    const response = await postCompletion(harness().base, completionRequest({ stream: true }), { signal: controller.signal });
    await readFrames(response, 2);
    controller.abort();
    await config({ tokenDelayMs: 0 });
    const next = await readSse(await postCompletion(harness().base, completionRequest({ stream: true })));
    expect(next.data.at(-1)).toBe('[DONE]');
  });

  it('7. close() ends every stream in flight (paced and stalled) and leaves no timer behind', async () => {
    const before = timers();
    const chat = createChatServer({ knowledge, tokenDelayMs: 40 });
    const http = await listen(chat.handle);
    const base = `${http.url}${chat.basePath}`;
    try {
      chat.script({ mode: 'long', tokens: 10_000 });
      const paced = await postCompletion(base, completionRequest({ stream: true }));
      chat.script({ mode: 'stall', afterChunks: 1 });
      const stalled = await postCompletion(base, completionRequest({ stream: true }));
      const pacedRead = readFrames(paced, 10_003);
      const stalledRead = readFrames(stalled, 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await chat.close();
      const [pacedEnd, stalledEnd] = await Promise.allSettled([pacedRead, stalledRead]);
      expect(pacedEnd).toMatchObject({ status: 'rejected', reason: expect.any(TypeError) });
      expect(stalledEnd).toMatchObject({ status: 'rejected', reason: expect.any(TypeError) });
      await expect.poll(timers).toBeLessThanOrEqual(before);
    } finally {
      await http.close();
    }
  });

  it('8. a non-streaming stall holds the response until the client aborts', async () => {
    harness().chat.script('stall');
    const controller = new AbortController();
    const pending = postCompletion(harness().base, completionRequest(), { signal: controller.signal });
    const outcome = await Promise.race([pending.then(() => 'answered'), new Promise((resolve) => setTimeout(resolve, 150, 'waiting'))]);
    expect(outcome).toBe('waiting');
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => harness().chat.stats.snapshot().byStatus.dropped).toBe(1);
    expect(parseSse('').data).toEqual([]);
  });
});
