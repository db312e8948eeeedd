// The faults that let a request through to the server: a reset after it was applied, and a
// hold that applies it late, after its client may have given up.
import { describe, expect, it, vi } from 'vitest';
import { call, gatesWaiting, openaiConversation, post, useGatedAnalytics } from './fixtures';

const server = useGatedAnalytics();
const conversationsUrl = () => `${server().baseUrl}/conversations`;
const versioned = (id: string, version: number) => openaiConversation({ id, properties: { version } });
const stored = (id: string) => server().analytics.state.conversations.get(id);
const log = () => server().analytics.requestLog.entries();

describe('resetAfterNext', () => {
  it('1. applies the request, then destroys the socket: the client sees a network error for a write that happened', async () => {
    server().analytics.faults.resetAfterNext(1);
    await expect(post(conversationsUrl(), versioned('c1', 1))).rejects.toThrow(TypeError);
    expect(stored('c1')?.properties).toEqual({ version: 1 });
    expect(log()).toMatchObject([{ route: 'POST /conversations', id: 'c1', version: 1, fault: 'resetAfter' }]);
    await vi.waitFor(() => expect(server().analytics.stats.snapshot().byStatus).toEqual({ dropped: 1 }));
    expect(server().analytics.faults.snapshot().resetAfterNext).toBe(0);
    expect((await post(conversationsUrl(), versioned('c2', 1))).status).toBe(200);
  });

  it('2. a request the handler refuses is not applied, and its answer is swallowed all the same', async () => {
    server().analytics.faults.resetAfterNext(1);
    await expect(post(conversationsUrl(), { type: 'openai', messages: [] })).rejects.toThrow(TypeError);
    expect(server().analytics.state.conversations.size).toBe(0);
    expect(log()).toEqual([]);
  });
});

describe('holdNext', () => {
  it('3. reads the body, holds the request, and applies it after its client gave up: a late commit', async () => {
    const { analytics, gates } = server();
    analytics.faults.holdNext(1, 20_000);
    const client = new AbortController();
    const sent = post(conversationsUrl(), versioned('c1', 1), client.signal);
    await gatesWaiting(gates, 1);
    expect(gates[0]?.ms).toBe(20_000);
    expect(analytics.faults.snapshot().held).toBe(1);
    client.abort();
    await expect(sent).rejects.toThrow();
    expect(stored('c1')).toBeUndefined();

    gates[0]?.release();
    await vi.waitFor(() => expect(stored('c1')?.properties).toEqual({ version: 1 }));
    expect(log()).toMatchObject([{ id: 'c1', version: 1, fault: 'hold' }]);
    // The count drops as the held request's handler ends, a moment after it applied the write.
    await vi.waitFor(() => expect(analytics.faults.snapshot().held).toBe(0));
  });

  it('4. a late commit of an older version lands after the newer one and stays (the server is last-writer-wins); the log tells arrival from commit order', async () => {
    const { analytics, gates } = server();
    analytics.faults.holdNext(1, 20_000);
    const client = new AbortController();
    const first = post(conversationsUrl(), versioned('c1', 1), client.signal);
    await gatesWaiting(gates, 1);
    client.abort();
    await expect(first).rejects.toThrow();
    expect((await post(conversationsUrl(), versioned('c1', 2))).status).toBe(200);
    expect(stored('c1')?.properties).toEqual({ version: 2 });

    gates[0]?.release();
    await vi.waitFor(() => expect(log()).toHaveLength(2));
    expect(log().map(({ seq, received, version, fault }) => ({ seq, received, version, fault }))).toEqual([
      { seq: 1, received: 2, version: 2, fault: null },
      { seq: 2, received: 1, version: 1, fault: 'hold' },
    ]);
    const [newer, older] = log();
    expect(Date.parse(older?.receivedAt ?? '')).toBeLessThanOrEqual(Date.parse(newer?.receivedAt ?? ''));
    expect(Date.parse(older?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(newer?.at ?? ''));
    expect(stored('c1')?.properties).toEqual({ version: 1 });
  });

  it('5. a client that waits gets its answer after the hold (a slow answer)', async () => {
    const { analytics, gates } = server();
    analytics.faults.holdNext(1, 300);
    let answered = false;
    const sent = post(conversationsUrl(), versioned('c1', 1)).then((response) => {
      answered = true;
      return response;
    });
    await gatesWaiting(gates, 1);
    expect(answered).toBe(false);
    gates[0]?.release();
    const response = await sent;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'c1', properties: { version: 1 } });
  });

  it('6. reset clears the holds to come, but a request already held is still applied when its time is up', async () => {
    const { analytics, gates } = server();
    analytics.faults.holdNext(2, 20_000);
    const client = new AbortController();
    const held = post(conversationsUrl(), versioned('c1', 1), client.signal);
    await gatesWaiting(gates, 1);
    await call(server().baseUrl, 'DELETE', '/__faults', { key: null });
    expect(analytics.faults.snapshot()).toMatchObject({ holdNext: [], held: 1 });
    expect((await post(conversationsUrl(), versioned('c2', 1))).status).toBe(200);
    expect(gates).toHaveLength(1);
    client.abort();
    await expect(held).rejects.toThrow();
    gates[0]?.release();
    await vi.waitFor(() => expect(stored('c1')).toBeDefined());
    expect(log().map((write) => write.id)).toEqual(['c2', 'c1']);
  });

  it('7. over HTTP: resetAfterNext and holdNext are set and shown by __faults', async () => {
    const set = await call(server().baseUrl, 'POST', '/__faults', { key: null, body: { resetAfterNext: 2, holdNext: { count: 1, ms: 50 } } });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ resetAfterNext: 2, holdNext: [{ count: 1, ms: 50 }], held: 0 });
  });
});
