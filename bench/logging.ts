/**
 * Logging cost.
 * - A 50-turn conversation through the widget (answers from the docs answerer, unpaced):
 *   every request the page sent to the analytics API with its bytes on the wire (request line
 *   and headers, and body, as Chromium reports them), and the server's count of conversation
 *   logs. The reader asks the next question once the last answer was logged, so no two
 *   logs can merge in the outbox and the count is the number of logs made.
 * - Draining 1,000 queued operations: `createAnalytics` (from `dist/sdk.js`, bundled by
 *   sdk-app.ts) queues 1,000 conversation logs while the browser is offline; the time from
 *   going online and calling `flush()` until the analytics server holds all 1,000. The
 *   baseline, in the same page: the same 1,000 requests sent with plain `fetch`, one after
 *   another, until the server holds them.
 */
import type { Request } from 'playwright-core';
import type { CreateConversation } from '../src/sdk/index';
import type { Bench } from './support/harness';
import { SDK_APP_URL, type SdkApp } from './support/sdk-app';
import { medianOf, repeat } from './support/stats';
import { ask, openPanel } from '../test/acceptance/support/widget-page';

export const TURNS = 50;
export const QUEUED_OPERATIONS = 1_000;

const QUESTIONS = [
  'How do I embed confab?',
  'What happens when the analytics API is down?',
  'How do I change the theme?',
  'Which attributes does the script tag read?',
  'How does the outbox retry?',
];

export interface ConversationLogging {
  turns: number;
  /** Requests the page sent to the analytics API, by `METHOD /path`. */
  requestsByRoute: Record<string, number>;
  requests: number;
  /** Bodies only, and bodies with request lines and headers. */
  bodyBytes: number;
  wireBytes: number;
  /** The body of the last log (the whole conversation). */
  lastLogBytes: number;
  /** Conversation logs the server accepted. */
  serverLogs: number;
}

export interface DrainRun {
  drainMs: number;
  plainFetchMs: number;
}

export interface DrainFigures {
  runs: DrainRun[];
  drainMs: number;
  plainFetchMs: number;
}

export async function benchConversationLogging(bench: Bench): Promise<ConversationLogging> {
  const { server } = bench;
  const run = await bench.freshPage();
  try {
    const { page } = run;
    const sent: Request[] = [];
    const failed: Request[] = [];
    const toAnalytics = (request: Request) => new URL(request.url()).pathname.startsWith('/api/analytics/');
    page.on('requestfinished', (request) => toAnalytics(request) && sent.push(request));
    page.on('requestfailed', (request) => toAnalytics(request) && failed.push(request));
    await run.open('widget.html');
    await openPanel(run.reader);
    server.reset();
    server.servers.chat.configure({ tokenDelayMs: 0 });
    const loggedMessages = () => [...server.servers.analytics.state.conversations.values()][0]?.messages.length ?? 0;
    for (let turn = 1; turn <= TURNS; turn++) {
      await ask(run.reader, QUESTIONS[(turn - 1) % QUESTIONS.length] ?? '');
      for (const started = Date.now(); loggedMessages() < turn * 2; ) {
        if (Date.now() - started > 15_000) throw new Error(`Turn ${turn} was never logged.`);
        await page.waitForTimeout(20);
      }
    }
    // Anything more would be sent within the outbox's flush delay (500 ms): wait a second
    // without a new request, and until the browser has seen every request the server counted.
    const serverRequests = () => server.servers.analytics.stats.snapshot().requests;
    for (let seen = -1; seen !== serverRequests() || sent.length + failed.length < seen; ) {
      seen = serverRequests();
      await page.waitForTimeout(1_000);
    }
    if (failed.length > 0) throw new Error(`${failed.length} requests to the analytics API failed: ${failed.map((request) => request.failure()?.errorText).join(', ')}`);
    const requestsByRoute: Record<string, number> = {};
    let bodyBytes = 0;
    let wireBytes = 0;
    let lastLogBytes = 0;
    for (const request of sent) {
      const route = `${request.method()} ${new URL(request.url()).pathname.replace(/^\/api\/analytics/, '')}`;
      requestsByRoute[route] = (requestsByRoute[route] ?? 0) + 1;
      const sizes = await request.sizes();
      bodyBytes += sizes.requestBodySize;
      wireBytes += sizes.requestBodySize + sizes.requestHeadersSize;
      if (route === 'POST /conversations') lastLogBytes = sizes.requestBodySize;
    }
    run.assertNoErrors('the 50-turn conversation');
    return {
      turns: TURNS,
      requestsByRoute,
      requests: sent.length,
      bodyBytes,
      wireBytes,
      lastLogBytes,
      serverLogs: server.servers.analytics.stats.snapshot().byRoute['POST /conversations'] ?? 0,
    };
  } finally {
    await run.close();
  }
}

/** Waits until the analytics server holds `count` conversations; returns when, in `performance.now()` ms. */
async function untilServerHolds(bench: Bench, count: number): Promise<number> {
  const conversations = bench.server.servers.analytics.state.conversations;
  for (const started = performance.now(); conversations.size < count; ) {
    if (performance.now() - started > 60_000) throw new Error(`The analytics server holds ${conversations.size} of ${count} conversations after a minute.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now();
}

/** The operations queued: small conversations, each logged once. */
function queuedConversations(count: number): CreateConversation[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `conv_drain_${index}`,
    type: 'openai',
    messages: [
      { id: `msg_q_${index}`, role: 'user', content: `Question ${index}: how do I embed confab?` },
      { id: `msg_a_${index}`, role: 'assistant', content: 'Add the script tag and set `data-chat-url`; the launcher appears in the corner.' },
    ],
  }));
}

type PageWithAnalytics = Window & { analytics?: ReturnType<SdkApp['createAnalytics']> };

async function drainOnce(bench: Bench): Promise<DrainRun> {
  const { server } = bench;
  const conversations = queuedConversations(QUEUED_OPERATIONS);
  server.reset();
  const run = await bench.freshPage();
  try {
    const { page, context } = run;
    await run.open('plain.html');
    // Loaded while online: an app's code is on the page before its visitor goes offline.
    await page.evaluate(async (sdkUrl) => {
      const { createAnalytics } = (await import(sdkUrl)) as SdkApp;
      (window as PageWithAnalytics).analytics = createAnalytics({ apiKey: 'confab-demo-web-key', baseUrl: '/api/analytics', storeName: 'drain' });
    }, SDK_APP_URL);
    await context.setOffline(true);
    await page.evaluate(async (conversations) => {
      const { analytics } = window as PageWithAnalytics;
      await Promise.all(conversations.map((conversation) => analytics!.logConversation(conversation)));
    }, conversations);
    if (server.servers.analytics.state.conversations.size !== 0) throw new Error('A log reached the server while the browser was offline.');

    const drainStart = performance.now();
    await context.setOffline(false);
    const report = await page.evaluate(() => (window as PageWithAnalytics).analytics!.flush());
    const drainMs = (await untilServerHolds(bench, QUEUED_OPERATIONS)) - drainStart;
    if (report.deadLettered.length > 0) throw new Error(`${report.deadLettered.length} queued logs were dead-lettered.`);

    // The baseline: the same requests, sent with plain fetch one after another.
    server.reset();
    const plainStart = performance.now();
    await page.evaluate(async (conversations) => {
      for (const conversation of conversations) {
        const response = await fetch('/api/analytics/conversations', {
          method: 'POST',
          headers: { Accept: 'application/json', Authorization: 'Bearer confab-demo-web-key', 'Content-Type': 'application/json' },
          body: JSON.stringify(conversation),
        });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`The analytics server answered ${response.status}.`);
      }
    }, conversations);
    const plainFetchMs = (await untilServerHolds(bench, QUEUED_OPERATIONS)) - plainStart;
    // Offline, Chromium reports each refused request as a console error: expected here.
    const unexpected = run.errors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'));
    if (unexpected.length > 0) throw new Error(`draining the outbox: the page reported errors:\n- ${unexpected.join('\n- ')}`);
    return { drainMs, plainFetchMs };
  } finally {
    await run.close();
  }
}

export async function benchDrain(bench: Bench, runs: number): Promise<DrainFigures> {
  const all = await repeat(runs, () => drainOnce(bench));
  return { runs: all, drainMs: medianOf(all, (run) => run.drainMs), plainFetchMs: medianOf(all, (run) => run.plainFetchMs) };
}
