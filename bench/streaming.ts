/**
 * Streaming: answers of 1k, 5k and 20k tokens at 1 token per ms from the reference chat
 * server (`tokenDelayMs: 1`, script `{ mode: 'long', tokens, paragraphWords: 100 }`:
 * filler words in paragraphs of 100, as an answer is written, one word per token), each in
 * a fresh page with the panel open.
 *
 * - Main-thread busy share and longest task: from a Chromium trace (`toplevel` tasks of the
 *   page's renderer main thread, see trace.ts) between the reader's Enter and the paint of
 *   the last token. Cross-checked in the page by the longest gap between animation frames.
 * - Per-token cost: that main-thread busy time ÷ tokens.
 * - Lag: from the server writing the last token's frame to the paint of a frame whose answer
 *   holds the whole text.
 * - IndexedDB writes per answer: `put`/`add`/`delete` calls on each database, from Enter
 *   until the finished answer was logged and delivered to the analytics server.
 *
 * The baseline, in the same run: a minimal client (bench/pages/stream-client.html) reading
 * the same stream from the same server and appending each token to one text node, at the
 * shortest and the longest length: what reading the stream and showing its text costs
 * the browser, without markdown, scrolling or a store.
 *
 * A run whose last token is not painted {@link LAG_CAP_MS} after it should have been sent
 * (tokens × 1 ms after Enter) is cut off there and reported as such, with what was painted
 * by then when the page can still tell; the remaining runs of that length are skipped,
 * since they would only take as long again.
 */
import type { Page } from 'playwright-core';
import { fillerWords } from '../demo/server/chat/chat-reply';
import type { Bench } from './support/harness';
import type { Probes } from './support/probes';
import { median, medianOf } from './support/stats';
import { epochNow, watchStreamWrites, type StreamWrites } from './support/stream-writes';
import { END_MARK, START_MARK, traceMainThread, type MainThreadWork } from './support/trace';
import { inWidget, openPanel } from '../test/acceptance/support/widget-page';

export const STREAM_LENGTHS = [1_000, 5_000, 20_000] as const;
/** The lengths the minimal client streams, as the baseline: the two ends of the per-token ratio. */
export const BASELINE_LENGTHS: readonly number[] = [1_000, 20_000];
/** Words per paragraph of the streamed answers. */
export const PARAGRAPH_WORDS = 100;
/** How long after the last token was sent a run waits for its paint. */
export const LAG_CAP_MS = 20_000;

type Client = 'widget' | 'minimal';

/** One streamed answer. */
export interface StreamRun extends MainThreadWork {
  tokens: number;
  /** False when the run was cut off {@link LAG_CAP_MS} after the last token was sent. */
  finished: boolean;
  /** Tokens on screen when the run ended: all of them, unless it was cut off (`undefined`: the page was stuck and could not tell). */
  tokensPainted: number | undefined;
  /** Main-thread busy time per painted token, µs (`undefined` when the tokens painted are unknown). */
  perTokenUs: number | undefined;
  busyShare: number;
  /** The last token's arrival to its paint; for a cut-off run, the time waited. */
  lastTokenLagMs: number;
  /** The longest gap between animation frames, as the page saw it (`undefined` for a cut-off run). */
  longestFrameGapMs: number | undefined;
  /** Writes per IndexedDB database (widget runs that finished). */
  chatStoreWrites: number | undefined;
  outboxWrites: number | undefined;
}

/** The medians of the runs at one length. */
export interface StreamFigures extends Omit<StreamRun, 'finished'> {
  client: Client;
  runs: StreamRun[];
  /** Every run finished (none was cut off). */
  finished: boolean;
}

const medianOrUndefined = (runs: StreamRun[], field: (run: StreamRun) => number | undefined) => {
  const values = runs.map(field).filter((value): value is number => value !== undefined);
  return values.length > 0 ? median(values) : undefined;
};

function summarize(client: Client, tokens: number, runs: StreamRun[]): StreamFigures {
  return {
    client,
    tokens,
    runs,
    finished: runs.every((run) => run.finished),
    tokensPainted: medianOrUndefined(runs, (run) => run.tokensPainted),
    wallMs: medianOf(runs, (run) => run.wallMs),
    busyMs: medianOf(runs, (run) => run.busyMs),
    busyShare: medianOf(runs, (run) => run.busyShare),
    longestTaskMs: medianOf(runs, (run) => run.longestTaskMs),
    longestTaskCpuMs: medianOf(runs, (run) => run.longestTaskCpuMs),
    longTasks: medianOf(runs, (run) => run.longTasks),
    longestFrameGapMs: medianOrUndefined(runs, (run) => run.longestFrameGapMs),
    perTokenUs: medianOrUndefined(runs, (run) => run.perTokenUs),
    lastTokenLagMs: medianOf(runs, (run) => run.lastTokenLagMs),
    chatStoreWrites: medianOrUndefined(runs, (run) => run.chatStoreWrites),
    outboxWrites: medianOrUndefined(runs, (run) => run.outboxWrites),
  };
}

/** `runs` runs per length, stopping a length at its first cut-off run. */
async function streamRuns(bench: Bench, writes: StreamWrites, client: Client, tokens: number, runs: number): Promise<StreamFigures> {
  const done: StreamRun[] = [];
  while (done.length < runs) {
    const run = await streamOnce(bench, writes, client, tokens);
    done.push(run);
    if (!run.finished) break;
  }
  return summarize(client, tokens, done);
}

export interface StreamingResults {
  widget: StreamFigures[];
  baseline: StreamFigures[];
}

export async function benchStreaming(bench: Bench, runs: number, lengths: readonly number[] = STREAM_LENGTHS): Promise<StreamingResults> {
  const writes = watchStreamWrites();
  try {
    const widget: StreamFigures[] = [];
    const baseline: StreamFigures[] = [];
    for (const tokens of lengths) {
      if (BASELINE_LENGTHS.includes(tokens)) baseline.push(await streamRuns(bench, writes, 'minimal', tokens, runs));
      widget.push(await streamRuns(bench, writes, 'widget', tokens, runs));
    }
    return { widget, baseline };
  } finally {
    writes.stop();
  }
}

async function streamOnce(bench: Bench, writes: StreamWrites, client: Client, tokens: number): Promise<StreamRun> {
  const run = await bench.freshPage();
  try {
    const { page } = run;
    const { server } = bench;
    await run.open(client === 'widget' ? 'widget.html' : 'stream-client.html');
    if (client === 'widget') {
      await openPanel(run.reader);
      await inWidget(run.reader, '[part~=input]').fill(`Stream ${tokens} tokens, please.`);
    }
    server.reset();
    server.servers.chat.configure({ tokenDelayMs: 1 });
    server.servers.chat.script({ mode: 'long', tokens, paragraphWords: PARAGRAPH_WORDS });
    await page.evaluate(() => {
      for (const database of Object.keys(window.__bench.idbWrites)) delete window.__bench.idbWrites[database];
      window.__bench.startFrames();
    });

    // Compared without whitespace: the widget shows paragraphs as elements, not blank lines.
    const fullLength = fillerWords(tokens, PARAGRAPH_WORDS).join('').replace(/\s+/g, '').length;
    const selector = client === 'widget' ? 'li.message.assistant:last-child .bubble' : '#answer p';
    let outcome: { paintedAt: number; longestGapMs: number } | 'cut off' | undefined;
    const work = await traceMainThread(bench.browser, page, async () => {
      if (client === 'widget') {
        await page.evaluate((start) => addEventListener('keydown', () => performance.mark(start), { capture: true, once: true }), START_MARK);
        await inWidget(run.reader, '[part~=input]').press('Enter');
      } else {
        await page.evaluate((start) => {
          performance.mark(start);
          void (window as Window & { streamAnswer?: (question: string) => Promise<void> }).streamAnswer?.('Stream, please.');
        }, START_MARK);
      }
      const painted = page.evaluate(
        async ({ end, length, selector }) => {
          const answer = () => ((document.querySelector('confab-chat')?.shadowRoot ?? document).querySelector(selector)?.textContent ?? '').replace(/\s+/g, '');
          const paintedAt = await window.__bench.painted(() => answer().length >= length);
          performance.mark(end);
          return { paintedAt: performance.timeOrigin + paintedAt, longestGapMs: window.__bench.stopFrames().longestGapMs };
        },
        { end: END_MARK, length: fullLength, selector },
      );
      // The cut-off is kept from here: a page stuck in one long task runs no timer of its own.
      painted.catch(() => undefined);
      outcome = await Promise.race([painted, sleep(tokens + LAG_CAP_MS).then(() => 'cut off' as const)]);
    });
    const arrivedAt = writes.lastTextWriteAt();
    if (!outcome || arrivedAt === undefined) throw new Error(`The ${tokens}-token answer was not streamed.`);
    const finished = outcome !== 'cut off';
    const tokensPainted = finished ? tokens : await tokensShown(page, selector);
    const counts = client === 'widget' && finished ? await writesOfLoggedAnswer(bench, page) : undefined;
    if (finished) run.assertNoErrors(`streaming ${tokens} tokens (${client} client)`);
    return {
      ...work,
      tokens,
      finished,
      tokensPainted,
      perTokenUs: tokensPainted === undefined ? undefined : (work.busyMs * 1000) / tokensPainted,
      busyShare: work.busyMs / work.wallMs,
      lastTokenLagMs: (outcome === 'cut off' ? epochNow() : outcome.paintedAt) - arrivedAt,
      longestFrameGapMs: outcome === 'cut off' ? undefined : outcome.longestGapMs,
      chatStoreWrites: counts && (counts['confab-chat-default'] ?? 0),
      outboxWrites: counts && (counts['confab-outbox-default'] ?? 0),
    };
  } finally {
    await run.close();
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The words on screen in a run that was cut off, or `undefined` when its page does not answer within 2 s (stuck in a task). */
async function tokensShown(page: Page, selector: string): Promise<number | undefined> {
  const shown = page.evaluate((selector) => {
    const text = (document.querySelector('confab-chat')?.shadowRoot ?? document).querySelector(selector)?.textContent ?? '';
    return text === '' ? 0 : text.split(' ').length;
  }, selector);
  shown.catch(() => undefined);
  return Promise.race([shown, sleep(2_000).then(() => undefined)]);
}

/**
 * The IndexedDB writes of the answer, once it is finished: logged (`confab-message`),
 * delivered to the analytics server, and the delivered entry removed from the outbox (the
 * counters then stop moving).
 */
async function writesOfLoggedAnswer(bench: Bench, page: Page): Promise<Probes['idbWrites']> {
  await page.waitForFunction(() => window.__bench.messageAt !== undefined);
  const logged = () => [...bench.server.servers.analytics.state.conversations.values()].some((conversation) => conversation.messages.length === 2);
  for (const started = Date.now(); !logged(); ) {
    if (Date.now() - started > 10_000) throw new Error('The streamed answer was never logged to the analytics server.');
    await page.waitForTimeout(50);
  }
  let previous = '';
  for (;;) {
    const counts = await page.evaluate(() => ({ ...window.__bench.idbWrites }));
    const now = JSON.stringify(counts);
    if (now === previous) return counts;
    previous = now;
    await page.waitForTimeout(300);
  }
}
