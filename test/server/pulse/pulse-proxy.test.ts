// The PulseAI proxy (issue 15, "PulseAI"): the server holds the app key, signs requests and
// maps the visitor to PulseAI's `user`. The client is the SDK's own pulse provider, as the
// widget runs it; the API is the reference PulseAI server.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPulseServer, type PulseServer } from '../../../demo/server/pulse/create-pulse-server';
import { signUserId } from '../../../src/server';
import { createPulseClient } from '../../../src/sdk/providers/pulse/pulse-client';
import { pulseProviderOn } from '../../../src/sdk/providers/pulse/pulse-provider';
import type { ReplyEvent } from '../../../src/sdk/providers/chat-provider';
import { SITE, startConfab, type ConfabServer } from '../support/confab-server';

const SIGNING = 'pulse-signing-secret';
const IDENTITY = 'identity-secret-of-the-site-0123456789';
const VISITOR_A = 'visitor-00000000-0000-4000-8000-00000000000a';
const VISITOR_B = 'visitor-00000000-0000-4000-8000-00000000000b';
/** A visitor of its own for each test: the rate limit (3 questions a minute) counts per visitor. */
const visitor = (n: number) => `visitor-00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;

/**
 * The real clock, moved forward to the start of a minute: the limits count in fixed
 * minute windows, and a test that straddled a window's end would see its count reset.
 */
function clockAtMinuteStart(): () => number {
  const shift = 60_000 - (Date.now() % 60_000);
  return () => Date.now() + shift;
}

let pulse: PulseServer;
let server: Server;
let confab: ConfabServer;
beforeAll(async () => {
  pulse = createPulseServer({ basePath: '/v1', tokenDelayMs: 5 });
  server = createServer((req, res) => void pulse.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  confab = await startConfab({
    pulse: { baseUrl, apiKey: 'app-confab-demo', signingSecret: SIGNING },
    identity: { secret: IDENTITY },
    rateLimit: { visitor: { requestsPerMinute: 3 }, ip: { requestsPerMinute: false } },
    now: clockAtMinuteStart(),
  });
});
afterAll(async () => {
  await confab?.close();
  await pulse?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});
beforeEach(() => pulse.reset());

/** The widget's pulse provider pointed at the proxy, with `token` as its credential and `user` as the id it claims. */
function providerFor(token: string, user = 'claimed-user') {
  const pageFetch: typeof fetch = (input, init = {}) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), Origin: SITE } });
  return pulseProviderOn(createPulseClient({ baseUrl: `${confab.base}/pulse`, getToken: () => token, user, fetch: pageFetch }));
}

async function ask(provider: ReturnType<typeof providerFor>, question: string): Promise<ReplyEvent[]> {
  const events: ReplyEvent[] = [];
  for await (const event of provider.stream({ messages: [{ role: 'user', content: question }], signal: new AbortController().signal })) events.push(event);
  return events;
}

const usersOf = () => [...pulse.state.conversations.values()].map((conversation) => (conversation as unknown as { user: string }).user);

describe('the PulseAI proxy', () => {
  it('1. a question streams through; PulseAI gets the app key, a valid signature, and the visitor id as `user` (not what the client claimed)', async () => {
    const events = await ask(providerFor(VISITOR_A), 'How do I embed it?');
    expect(events.filter((event) => event.type === 'text').length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(usersOf()).toEqual([VISITOR_A]);
    const signed = pulse.state.lastSignature!;
    const path = signed.url.slice('/v1'.length);
    expect(signed.signature).toBe(createHmac('sha256', SIGNING).update(`${signed.timestamp}\nPOST\n${path}\n${signed.body}`).digest('hex'));
    expect(JSON.parse(signed.body).user).toBe(VISITOR_A);
  });

  it('2. visitors are kept apart: B, claiming A\'s user id, sees none of A\'s conversations', async () => {
    await ask(providerFor(VISITOR_A), 'How do I embed it?');
    const mine = await providerFor(VISITOR_A).conversations!.list();
    expect(mine.conversations).toHaveLength(1);
    const theirs = await providerFor(VISITOR_B, VISITOR_A).conversations!.list();
    expect(theirs.conversations).toHaveLength(0);
    await expect(providerFor(VISITOR_B, VISITOR_A).conversations!.delete(mine.conversations[0]!.id)).rejects.toMatchObject({ status: 404 });
  });

  it('3. a signed-in user is `user-{id}` at PulseAI, whatever id a visitor claims', async () => {
    await ask(providerFor(await signUserId(IDENTITY, 'ada')), 'How do I embed it?');
    await ask(providerFor(VISITOR_B, 'user-ada'), 'How do I embed it?');
    expect(usersOf().sort()).toEqual(['user-ada', VISITOR_B]);
  });

  it('4. stop, feedback, suggestions, history, rename and delete go through for the owner', async () => {
    const provider = providerFor(visitor(4));
    const full = (await ask(provider, 'How do I embed it?')).filter((event) => event.type === 'text').length;
    const controller = new AbortController();
    let taskId: string | undefined;
    const text: string[] = [];
    for await (const event of provider.stream({ messages: [{ role: 'user', content: 'How do I embed it?' }], signal: controller.signal })) {
      if (event.type === 'meta' && event.taskId) taskId = event.taskId;
      if (event.type === 'text') {
        text.push(event.delta);
        if (text.length === 1 && taskId) await provider.stop!(taskId);
      }
    }
    await vi.waitFor(() => expect(pulse.state.tasks.size).toBe(0));
    expect(text.length, 'the stop reached PulseAI for this visitor').toBeLessThan(full);
    const conversations = (await provider.conversations!.list()).conversations;
    const conversation = conversations[0];
    const history = await provider.conversations!.history(conversation!.id);
    const messageId = history.at(-1)!.providerMessageId!;
    await provider.feedback!(messageId, 'positive');
    expect((await provider.suggestions!(messageId)).length).toBeGreaterThan(0);
    await provider.conversations!.rename(conversation!.id, 'Embedding');
    expect((await provider.conversations!.list()).conversations[0]?.name).toBe('Embedding');
    await provider.conversations!.delete(conversation!.id);
    expect((await provider.conversations!.list()).conversations).toHaveLength(conversations.length - 1);
  });

  it('5. only the widget\'s endpoints are proxied: uploads, audio and workflows are 404s, in PulseAI\'s error shape', async () => {
    for (const path of ['/files/upload', '/audio-to-text', '/workflows/run']) {
      const response = await confab.call(`/pulse${path}`, { body: { user: 'x' }, headers: { Authorization: `Bearer ${VISITOR_A}` } });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'not_found', status: 404 });
    }
  });

  it('6. questions count against the rate limits (429 in PulseAI\'s shape); reading history does not', async () => {
    const provider = providerFor(visitor(6));
    for (let i = 0; i < 3; i++) await ask(provider, 'How do I embed it?');
    await expect(ask(provider, 'One more?')).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
    expect((await provider.conversations!.list()).conversations.length).toBeGreaterThan(0);
  });

  it('7. at shutdown, a PulseAI stream still running ends with PulseAI\'s own error event, then closes', async () => {
    const own = await startConfab({ pulse: { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, apiKey: 'app-confab-demo' } });
    pulse.script('ping-only');
    const response = await own.call('/pulse/chat-messages', { body: { query: 'hi', inputs: {}, response_mode: 'streaming' }, headers: { Authorization: `Bearer ${visitor(7)}` } });
    expect(response.status).toBe(200);
    const closing = own.running.close({ graceMs: 100 });
    const text = await response.text();
    await closing;
    expect(text.trim().split('\n\n').at(-1)).toBe('data: {"event":"error","status":503,"code":"server_restarting","message":"The server is restarting; ask again in a moment."}');
  });
});
