/**
 * One chaos run: the seeded program in real Chromium against the built SDK, with the analytics
 * server faulting a share of the requests; then faults stay on while the outbox drains (until
 * every write has taken effect and the outbox is empty, or a cap); then the server is made
 * healthy, a new tab flushes until the outbox is empty and no held request is left to land,
 * and the counts are taken at the server.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { MixFault } from '../../../demo/server/faults';
import type { CreateConversation, FeedbackCreate } from '../../../src/sdk/index';
import { analyticsControl } from './analytics-control';
import { openChaosBrowser, type ChaosBrowser, type ChaosWindow } from './chaos-browser';
import { countAtServer, type ChaosCounts } from './count';
import { modelOf } from './model';
import { isWrite, makeProgram, messageIdsAt, type ChaosOp } from './program';
import { settleTimes, type IssuedWrite } from './settle';

/**
 * The app's settings in the chaos page: a short timeout so late commits come quickly, a backoff
 * capped like the official SDK's (2 s), and a late-landing window of 8 s: this server holds a
 * late commit at most 4 s (timeout + 2 s) after the request arrives, where a real API needs the
 * default 2 minutes. Twice that, because the window counts from when the app sent: on a loaded
 * machine (a full test run beside other work) a request reached the server and its hold ended
 * more than 5 s after the send, and a vote landed after its conversation's confirmed delete.
 */
export const APP_SETTINGS = { timeoutMs: 2_000, flushDelayMs: 100, baseDelayMs: 200, maxDelayMs: 2_000, lateLandingMs: 8_000 };

export interface ChaosOptions {
  /** The acceptance server's origin, with the bench pages at `/bench/` and the SDK app at `/sdk-app/`. */
  url: string;
  seed: number;
  /** Operations on `createAnalytics`; the accidents come on top. */
  ops: number;
  /** Share of requests faulted. Default 0.3. */
  faultRate?: number;
  /** After the program, faults stay on until every write took effect and the outbox is empty, or this long. Default 60 s. */
  faultedTailMs?: number;
  /** Longest wait for the final drain once the server is healthy. Default 60 s. */
  drainCapMs?: number;
  progress?: (line: string) => void;
}

export interface ChaosResult {
  seed: number;
  ops: number;
  /** Operations that wrote to the outbox (logs, votes, events, deletes). */
  writes: number;
  accidents: { reloads: number; kills: number; restarts: number };
  counts: ChaosCounts;
  /** A few lines per kind of failure, to start the diagnosis. */
  examples: string[];
  programMs: number;
  /** From the end of the program until every write had taken effect at the server and the outbox was empty, faults still on (or the cap). */
  drainUnderFaultsMs: number;
  drainedUnderFaults: boolean;
  /** Then, with the server healthy: whether the outbox emptied and the server went quiet within the cap, and how long it took. */
  drained: boolean;
  drainMs: number;
  /** Left in the outbox at the very end: pending, and dead letters. */
  pendingAfterDrain: number;
  deadLetters: number;
  /** Writes that had taken effect at the server when the faults stopped. */
  settledUnderFaults: number;
  /** Writes that took effect per second while the server faulted. */
  opsPerSecond: number;
  /** Requests the fault mix saw, and the faults it injected. */
  requests: number;
  injected: Record<MixFault, number>;
  /** Operations whose call failed in the page, and uncaught page errors. */
  failedOps: string[];
  pageErrors: string[];
}

const filler = 'The outbox keeps every log until the analytics API accepts it, and retries with backoff. ';

function conversationAt(id: string, version: number, big: boolean): CreateConversation {
  const repeat = big ? 70 : 2;
  return {
    id,
    type: 'openai',
    properties: { version },
    messages: messageIdsAt(id, version).map((messageId, index) => ({
      id: messageId,
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: `${index % 2 === 0 ? 'Question' : 'Answer'} ${index >> 1} of ${id}. ${filler.repeat(repeat)}`,
    })),
  };
}

async function perform(browser: ChaosBrowser, op: ChaosOp): Promise<void> {
  switch (op.kind) {
    case 'log':
    case 'kill':
      await browser.tab(op.tab).evaluate((conversation) => (window as ChaosWindow).analytics.logConversation(conversation), conversationAt(op.conversationId, op.version, op.big));
      if (op.kind === 'kill') await browser.killHidden(op.tab, op.hideAfterMs, op.killAfterMs);
      return;
    case 'vote': {
      const feedback: FeedbackCreate = { type: op.type, messageId: op.messageId, properties: { version: op.version } };
      if (op.type === 'negative') Object.assign(feedback, { reasons: [{ label: 'inaccurate_statement', details: 'It was wrong.' }], details: `Vote ${op.version}.` });
      await browser.tab(op.tab).evaluate(
        ([body, conversationId]) => {
          // The second argument lets a delete drop the conversation's pending votes; an SDK
          // without it ignores it.
          const logFeedback = (window as ChaosWindow).analytics.logFeedback as (feedback: FeedbackCreate, options: { conversationId: string }) => Promise<unknown>;
          return logFeedback(body, { conversationId });
        },
        [feedback, op.conversationId] as const,
      );
      return;
    }
    case 'event':
      await browser
        .tab(op.tab)
        .evaluate(
          ([id, conversationId]) => (window as ChaosWindow).analytics.logEvent({ id, type: 'chaos_event', entityType: 'conversation', conversationId }),
          [op.eventId, op.conversationId] as const,
        );
      return;
    case 'delete':
      await browser.tab(op.tab).evaluate((id) => (window as ChaosWindow).analytics.deleteConversation(id), op.conversationId);
      return;
    case 'flush':
      return browser.startFlush(op.tab);
    case 'reload':
      return browser.reloadMidFlush(op.tab, op.afterMs);
    case 'restart':
      return browser.restartMidFlush(op.afterMs);
    case 'pause':
      await sleep(op.ms);
      return;
  }
}

/** Runs one seed; the browser and its profile are gone when it resolves. */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const { url, seed, ops, faultRate = 0.3, faultedTailMs = 60_000, drainCapMs = 60_000, progress = () => undefined } = options;
  const control = analyticsControl(`${url}/api/analytics`);
  const program = makeProgram(seed, ops);
  await control.reset();
  await control.mix({
    rate: faultRate,
    seed,
    retryAfter: 1,
    slowMs: { min: 50, max: 800 },
    lateMs: { min: APP_SETTINGS.timeoutMs + 500, max: APP_SETTINGS.timeoutMs + 2_000 },
  });
  const query = new URLSearchParams({ store: `chaos-${seed}`, ...Object.fromEntries(Object.entries(APP_SETTINGS).map(([key, value]) => [key, String(value)])) });
  const browser = await openChaosBrowser(`${url}/bench/chaos.html?${query}`);
  try {
    const started = Date.now();
    const ran: ChaosOp[] = [];
    const issued: IssuedWrite[] = [];
    const failedOps: string[] = [];
    for (const [index, op] of program.entries()) {
      try {
        await perform(browser, op);
        ran.push(op);
        if (isWrite(op)) issued.push({ op, issuedAt: Date.now() });
      } catch (error) {
        failedOps.push(`#${index} ${JSON.stringify(op)}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
      if (index % 100 === 99) progress(`seed ${seed}: ${index + 1}/${program.length} steps`);
    }
    const programMs = Date.now() - started;

    // The drain under faults: until everything written has taken effect at the server and the
    // outbox is empty (or the cap).
    const pending = () => browser.tab(0).evaluate(() => (window as ChaosWindow).analytics.pending());
    let settled = settleTimes(issued, await control.writes());
    let drainedUnderFaults = false;
    for (;;) {
      if (settled.every((time) => time !== undefined) && (await pending()) === 0) {
        drainedUnderFaults = true;
        break;
      }
      if (Date.now() - started - programMs >= faultedTailMs) break;
      await sleep(250);
      settled = settleTimes(issued, await control.writes());
    }
    const faultsEnded = Date.now();
    const faulted = await control.faults();
    await control.heal();
    const inTime = settled.filter((time): time is number => time !== undefined && time <= faultsEnded);
    const lastSettled = inTime.length === issued.length ? Math.max(started, ...inTime) : faultsEnded;
    progress(`seed ${seed}: program ${programMs} ms, ${inTime.length}/${issued.length} writes at the server under faults; healing and draining`);

    const drain = await drainOutbox(browser, control, drainCapMs);
    const model = modelOf(ran);
    const { counts, examples } = countAtServer(model, await control.writes(), await control.state());
    const accidents = { reloads: 0, kills: 0, restarts: 0 };
    for (const op of ran) {
      if (op.kind === 'reload') accidents.reloads += 1;
      if (op.kind === 'kill') accidents.kills += 1;
      if (op.kind === 'restart') accidents.restarts += 1;
    }
    return {
      seed,
      ops,
      writes: issued.length,
      accidents,
      counts,
      examples,
      ...drain,
      programMs,
      drainUnderFaultsMs: faultsEnded - started - programMs,
      drainedUnderFaults,
      settledUnderFaults: inTime.length,
      opsPerSecond: inTime.length / (Math.max(1, lastSettled - started) / 1000),
      requests: faulted.mix?.requests ?? 0,
      injected: faulted.mix?.injected ?? { serverError: 0, rateLimited: 0, resetBefore: 0, resetAfter: 0, slow: 0, late: 0 },
      failedOps,
      pageErrors: [...browser.errors],
    };
  } finally {
    await browser.close();
  }
}

/**
 * With the server healthy: a new tab flushes until its outbox is empty, no held request is
 * left to land at the server, and the server's log has stayed still for a moment (a late
 * commit may make a correct SDK send again).
 */
async function drainOutbox(browser: ChaosBrowser, control: ReturnType<typeof analyticsControl>, capMs: number) {
  const healed = Date.now();
  const page = await browser.openTab();
  const app = {
    flush: () => page.evaluate(async () => (await (window as ChaosWindow).analytics.flush()).pending.length),
    pending: () => page.evaluate(() => (window as ChaosWindow).analytics.pending()),
    deadLetters: () => page.evaluate(async () => (await (window as ChaosWindow).analytics.deadLetters()).length),
  };
  const lastSeq = async () => (await control.writes()).at(-1)?.seq ?? 0;
  let drained = false;
  let drainedAt = healed;
  while (Date.now() - healed < capMs) {
    const left = await Promise.race([app.flush(), sleep(10_000, Number.POSITIVE_INFINITY)]);
    const { held } = await control.faults();
    if (left === 0 && held === 0) {
      const seq = await lastSeq();
      drainedAt = Date.now();
      await sleep(500);
      if ((await lastSeq()) === seq && (await app.pending()) === 0) {
        drained = true;
        break;
      }
    }
    await sleep(100);
  }
  return { drained, drainMs: (drained ? drainedAt : Date.now()) - healed, pendingAfterDrain: await app.pending(), deadLetters: await app.deadLetters() };
}
