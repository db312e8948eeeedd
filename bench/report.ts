/**
 * bench/RESULTS.md from the figures of one run. Everything above "## Reading" is generated;
 * the reading, written by a person for the figures of a given day, is carried over from the
 * previous file as it is, under its own date.
 */
import { budgets, judgeSizes, type Size } from './budgets';
import { QUEUED_OPERATIONS, TURNS, type ConversationLogging, type DrainFigures } from './logging';
import { longAnswerSection, type LongAnswerFigures } from './long-answer';
import { HISTORY_MESSAGES, type OpeningFigures } from './opening';
import { sseParseSection, type SseParseFigures } from './sse-parse';
import type { StartupFigures } from './startup';
import { LAG_CAP_MS, type StreamFigures, type StreamingResults } from './streaming';
import { fixed, kb } from './support/stats';

export const READING_HEADING = '## Reading';

/** Where and when the figures were taken. */
export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  chromium: string;
  loadAverage: { before: number; after: number };
  commit: string;
  durationS: number;
}

export interface Figures {
  machine: Machine;
  runs: number;
  sizes: Size[];
  startup: StartupFigures;
  opening: OpeningFigures;
  streaming: StreamingResults;
  logging: ConversationLogging;
  drain: DrainFigures;
  longAnswer: LongAnswerFigures;
  sseParse: SseParseFigures;
}

const ms = (value: number) => `${fixed(value, value < 100 ? 1 : 0)} ms`;
const ratio = (value: number, base: number) => `${fixed(value / base, 2)}×`;
const verdict = (met: boolean) => (met ? 'met' : '**missed**');
const bytes = (value: number) => value.toLocaleString('en-US');

function machineSection({ machine, runs, startup }: Figures): string {
  return `Measured ${machine.date} on ${machine.cpu} (${machine.cores} cores, ${fixed(machine.memoryGb, 0)} GB), ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium} (headless), at commit ${machine.commit}. The machine is shared: its load average was ${fixed(machine.loadAverage.before, 2)} when the run started and ${fixed(machine.loadAverage.after, 2)} when it ended. The run took ${fixed(machine.durationS / 60, 1)} minutes.

Every timing is the median of ${runs} runs (${startup.runs.length} for startup), each in a fresh browser context (no HTTP cache, no compiled code, empty IndexedDB), and is set against a baseline measured in the same run, since absolute times move with the machine's load. Counts and bytes are exact.

**Re-run:** \`npm run bench\` (builds, then runs everything; figures land here, the reading below is kept). The byte budgets alone, as CI enforces them: \`npm run build && npx tsx bench/budgets.ts\`.`;
}

function bytesSection({ sizes }: Figures): string {
  const { failures, gaps } = judgeSizes(sizes);
  const rows = sizes.map((size) => {
    const budget = budgets[size.name];
    const state = budget === undefined ? '' : size.gzip <= budget ? 'within' : '**over**';
    return `| ${size.name.trim()} | ${bytes(size.raw)} | ${bytes(size.gzip)} | ${bytes(size.brotli)} | ${budget === undefined ? '' : `${bytes(budget)} (${state})`} |`;
  });
  const notes = [...failures.map((failure) => `- Over budget: ${failure}.`), ...gaps.map((gap) => `- Not yet within target: ${gap}.`)];
  return `## Bytes

Raw, gzip (level 9) and brotli (quality 11) bytes of each entry of \`dist/\`, and of an app that imports only \`createAnalytics\` from \`confab-chat/sdk\`, built with Vite (production, tree-shaken, minified): its entry chunk, and with the chunk it loads on demand (the direct client). CI enforces the gzip budgets with \`bench/budgets.ts\`.

| entry | raw | gzip | brotli | gzip budget |
|---|---:|---:|---:|---:|
${rows.join('\n')}${notes.length > 0 ? `\n\n${notes.join('\n')}` : ''}`;
}

function startupSection({ startup }: Figures): string {
  const { plain, widget } = startup;
  return `## Startup

A cold load of the same page (\`bench/pages/\`) without and with the script tag (\`/dist/confab.js\`, configured by \`data-*\` attributes). **Painted** means: the page checks a condition in every animation-frame callback; the first frame in which it holds is the one that renders the change, and a message posted from that callback runs right after that frame's main-thread work (style, layout, paint, commit), so its time is the paint time (the compositor's raster and display come after and are not visible to the page). Times are from the start of navigation. With the widget the condition is "\`confab-chat\`'s launcher has a box"; without it (the baseline) "the page's heading has a box". First Contentful Paint (its presentation time, as Chromium reports it) and the end of the load event are shown beside them.

| median of ${startup.runs.length} | without the widget (baseline) | with the widget | ratio |
|---|---:|---:|---:|
| painted (baseline: heading; widget: launcher) | ${ms(plain.paintedMs)} | ${ms(widget.paintedMs)} | ${ratio(widget.paintedMs, plain.paintedMs)} |
| First Contentful Paint | ${ms(plain.firstContentfulPaintMs)} | ${ms(widget.firstContentfulPaintMs)} | ${ratio(widget.firstContentfulPaintMs, plain.firstContentfulPaintMs)} |
| load event end | ${ms(plain.loadEventMs)} | ${ms(widget.loadEventMs)} | ${ratio(widget.loadEventMs, plain.loadEventMs)} |

The launcher is painted ${ms(Math.abs(widget.paintedMs - plain.paintedMs))} ${widget.paintedMs >= plain.paintedMs ? 'after' : 'before'} the page without the widget paints its heading (medians).`;
}

function openingSection({ opening }: Figures): string {
  const { sitePanelMs, panelMs, historyMs, emptyHeap, historyHeap } = opening;
  return `## Opening

Each run in a fresh context, one second after the page loaded (a reader does not click sooner). Times are from the click (as the page sees it, window capture phase) to the painted frame (as defined under Startup) showing the result. The baseline is a panel of the page's own in the same page: a button whose plain DOM handler shows a box and focuses its input.

| median of ${opening.runs.length} | time | baseline (page's own panel) | ratio | target |
|---|---:|---:|---:|---|
| the panel: launcher click until the composer holds the focus | ${ms(panelMs)} | ${ms(sitePanelMs)} | ${ratio(panelMs, sitePanelMs)} | |
| a stored conversation of ${bytes(HISTORY_MESSAGES)} messages: click in the conversation list until its last message is inside the list's visible box (the widget renders the newest 50, earlier ones on demand) | ${ms(historyMs)} | ${ms(sitePanelMs)} | ${ratio(historyMs, sitePanelMs)} | ≤ 150 ms: ${verdict(historyMs <= 150)} |

The conversation was written into IndexedDB beforehand through the widget's own store (\`createChatStore\` from \`dist/sdk.js\`): ${bytes(HISTORY_MESSAGES / 2)} questions and ${bytes(HISTORY_MESSAGES / 2)} markdown answers (paragraphs, lists, inline code, a code block in every fourth).

JS heap in use after a full garbage collection (CDP \`HeapProfiler.collectGarbage\`, then \`Runtime.getHeapUsage\`): ${kb(emptyHeap)} with the panel open on an empty conversation (the baseline), ${kb(historyHeap)} with the ${bytes(HISTORY_MESSAGES)}-message conversation open: ${kb(historyHeap - emptyHeap)} more.`;
}

const orDash = (value: number | undefined, show: (value: number) => string) => (value === undefined ? '–' : show(value));

function streamRow(figures: StreamFigures, shortest: StreamFigures | undefined): string {
  const cut = !figures.finished;
  const lag = cut ? `not painted after ${ms(figures.lastTokenLagMs)}` : ms(figures.lastTokenLagMs);
  const painted = cut ? ` (${figures.tokensPainted === undefined ? 'page stuck, painted tokens unknown' : `${bytes(figures.tokensPainted)} painted`} when cut off)` : '';
  const longest = `${cut ? '≥ ' : ''}${ms(figures.longestTaskMs)}`;
  const perToken = orDash(figures.perTokenUs, (value) => `${fixed(value, 0)} µs`);
  const versus = figures.perTokenUs === undefined || shortest?.perTokenUs === undefined ? '–' : ratio(figures.perTokenUs, shortest.perTokenUs);
  const client = figures.client === 'widget' ? 'widget' : 'minimal (baseline)';
  return `| ${client} | ${bytes(figures.tokens)}${painted} | ${figures.runs.length} | ${ms(figures.wallMs)} | ${fixed(figures.busyShare * 100, 0)} % | ${longest} | ${orDash(figures.longestFrameGapMs, ms)} | ${lag} | ${perToken} | ${versus} |`;
}

/** The per-token cost of a client's longest answer over its shortest's, when both are known. */
function growth(figures: readonly StreamFigures[]): { value: number; text: string } | undefined {
  const first = figures[0];
  const last = figures.at(-1);
  if (!first?.perTokenUs || !last?.perTokenUs || first === last) return undefined;
  const value = last.perTokenUs / first.perTokenUs;
  return { value, text: `${bytes(last.tokens)}/${bytes(first.tokens)}: ${fixed(value, 2)}${last.finished ? '' : ', over the tokens painted before the cut-off'}` };
}

function streamingSection({ streaming }: Figures): string {
  const { widget, baseline } = streaming;
  const first = widget[0];
  if (!first) return '## Streaming\n\nNot measured.';
  const rows = widget.flatMap((figures) => [...baseline.filter((base) => base.tokens === figures.tokens), figures]);
  const longest = Math.max(...widget.map((figures) => figures.longestTaskMs));
  const cut = widget.filter((figures) => !figures.finished);
  const widgetGrowth = growth(widget);
  const baselineGrowth = growth(baseline);
  const own = baseline
    .map((base) => {
      const same = widget.find((figures) => figures.tokens === base.tokens);
      if (same?.perTokenUs === undefined || base.perTokenUs === undefined) return undefined;
      return `${fixed(same.perTokenUs - base.perTokenUs, 0)} µs at ${bytes(base.tokens)} tokens (${ratio(same.perTokenUs, base.perTokenUs)} the minimal client's)`;
    })
    .filter((text) => text !== undefined);
  const flatLine = widgetGrowth
    ? `Per-token cost flat, ${widgetGrowth.text} ≤ 1.5: ${verdict(widgetGrowth.value <= 1.5)}.`
    : `Per-token cost flat, ratio ≤ 1.5: **missed** (the ${bytes(widget.at(-1)?.tokens ?? 0)}-token cost could not be measured).`;
  const baselineLine = baselineGrowth
    ? ` The minimal client's per-token cost grows too, ${baselineGrowth.text}${widgetGrowth ? `, so the widget's growth beyond the browser's own is ${fixed(widgetGrowth.value / baselineGrowth.value, 2)}×` : ''}.`
    : '';
  return `## Streaming

Answers of filler words in paragraphs of 100, as an answer is written, from the reference chat server, one token (a word) per millisecond (\`tokenDelayMs: 1\`, script \`{ mode: 'long', tokens, paragraphWords: 100 }\`), asked through the widget with its panel open, each run in a fresh page.

- **Wall time**: from the reader's Enter to the paint of the frame whose answer holds the whole text (painted as defined under Startup).
- **Busy share**: the page's renderer main thread's busy time over that wall time, from a Chromium trace (category \`toplevel\`: every task the scheduler runs, a task's microtask checkpoint merged into it).
- **Longest task**: the longest of those tasks (with its microtasks), from the same trace; PerformanceObserver's \`longtask\` only reports tasks of 50 ms and more. Beside it, as a cross-check from inside the page, the longest gap between two animation frames.
- **Lag**: from the server writing the last token's frame (noted in the bench process as the response writes it) to the paint of the frame that shows it.
- **Per-token cost**: main-thread busy time ÷ tokens; its ratio to the same client's cost at the shortest length shows whether per-token work grows with the answer.
- **Baseline**: a minimal client in the same run (\`bench/pages/stream-client.html\`): the same stream at ${baseline.map((base) => bytes(base.tokens)).join(' and ')} tokens, read with \`fetch\` and appended to one text node; no markdown, no scrolling, no store: what reading the stream and showing its text costs the browser.
- **Cut-off**: a run whose last token is not painted ${LAG_CAP_MS / 1000} s after it should have been sent is stopped there, and the length's remaining runs are skipped (they would take as long again). Its figures run to the cut-off; a task still running then counts as long as it had run (hence "≥"); its per-token cost is over the tokens painted by then, unknown when the page was stuck in a task and could not tell.

| client | tokens | runs | wall time | busy share | longest task | longest frame gap | lag, last token to paint | per-token cost | per-token vs the client's shortest |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.map((figures) => streamRow(figures, figures.client === 'widget' ? first : baseline[0])).join('\n')}

Targets: longest task < 50 ms: ${verdict(longest < 50)} (longest median ${cut.length > 0 ? '≥ ' : ''}${ms(longest)}). ${flatLine}${baselineLine}${own.length > 0 ? ` The widget's own per-token cost (widget − minimal client): ${own.join('; ')}.` : ''}${cut.length > 0 ? `\n\nCut off: ${cut.map((figures) => `${bytes(figures.tokens)} tokens (after ${figures.runs.length} run${figures.runs.length > 1 ? 's' : ''})`).join(', ')}.` : ''}`;
}

function loggingSection({ logging, drain, streaming }: Figures): string {
  const routes = Object.entries(logging.requestsByRoute)
    .map(([route, count]) => `${count} × \`${route}\``)
    .join(', ');
  const writes = streaming.widget
    .filter((figures) => figures.chatStoreWrites !== undefined)
    .map((figures) => `| ${bytes(figures.tokens)} | ${figures.runs.length} | ${figures.chatStoreWrites} | ${figures.outboxWrites} |`);
  return `## Logging

**A ${TURNS}-turn conversation** through the widget, answers from the docs answerer (unpaced); the reader asks the next question once the analytics server holds the last turn, so no two logs can merge in the outbox. Requests the page sent to the analytics API: ${logging.requests} (${routes}); the server accepted ${logging.serverLogs} conversation logs for ${logging.turns} completed turns: ${logging.serverLogs === logging.turns ? 'exactly one per turn' : '**not one per turn**'}. Bytes sent: ${bytes(logging.bodyBytes)} in bodies, ${bytes(logging.wireBytes)} with request lines and headers (as Chromium reports them); ${kb(logging.wireBytes / logging.turns)} per turn on average. Every log carries the whole conversation, so the bytes grow with the square of the turns: the last log's body was ${bytes(logging.lastLogBytes)} bytes. (One run: the counts are exact, the bytes vary only with ids and timestamps.)

**IndexedDB writes per streamed answer** (\`put\`, \`add\` and \`delete\` calls counted by wrapping \`IDBObjectStore.prototype\` in the page), from the reader's Enter until the answer was logged, delivered and removed from the outbox, in the streaming runs above (medians). The chat store writes the answer at most every 250 ms while it streams.

| tokens | runs | chat store (\`confab-chat-default\`) | outbox (\`confab-outbox-default\`) |
|---:|---:|---:|---:|
${writes.length > 0 ? writes.join('\n') : '| (no streamed answer finished) | | | |'}

**Draining ${bytes(QUEUED_OPERATIONS)} queued operations**: \`createAnalytics\` from \`dist/sdk.js\` (bundled as an app would) queues ${bytes(QUEUED_OPERATIONS)} conversation logs while the browser is offline; then the browser goes online, the page calls \`flush()\`, and the time runs until the analytics server holds all ${bytes(QUEUED_OPERATIONS)}. Baseline: the same ${bytes(QUEUED_OPERATIONS)} requests from the same page with plain \`fetch\`, one after another.

| median of ${drain.runs.length} | time | per operation | baseline (plain fetch) | ratio |
|---|---:|---:|---:|---:|
| drain | ${ms(drain.drainMs)} | ${ms(drain.drainMs / QUEUED_OPERATIONS)} | ${ms(drain.plainFetchMs)} | ${ratio(drain.drainMs, drain.plainFetchMs)} |`;
}

function runsSection({ startup, opening, streaming, drain }: Figures): string {
  const list = (values: number[]) => values.map((value) => fixed(value, 0)).join(', ');
  const lines = [
    `- Startup, launcher painted (ms): ${list(startup.runs.map((run) => run.widget.paintedMs))}; baseline heading painted: ${list(startup.runs.map((run) => run.plain.paintedMs))}`,
    `- Opening the panel (ms): ${list(opening.runs.map((run) => run.panelMs))}; page's own panel: ${list(opening.runs.map((run) => run.sitePanelMs))}`,
    `- Opening ${bytes(HISTORY_MESSAGES)} messages (ms): ${list(opening.runs.map((run) => run.historyMs))}`,
    ...[...streaming.baseline, ...streaming.widget].map(
      (figures) =>
        `- Streaming ${bytes(figures.tokens)} tokens, ${figures.client === 'widget' ? 'widget' : 'minimal client'}: busy (ms) ${list(figures.runs.map((run) => run.busyMs))}; longest task (ms) ${list(figures.runs.map((run) => run.longestTaskMs))}; lag (ms) ${list(figures.runs.map((run) => run.lastTokenLagMs))}${figures.finished ? '' : ' (cut off)'}`,
    ),
    `- Drain (ms): ${list(drain.runs.map((run) => run.drainMs))}; plain fetch: ${list(drain.runs.map((run) => run.plainFetchMs))}`,
  ];
  return `## Every run\n\nThe runs behind the medians, in order, to judge the noise.\n\n${lines.join('\n')}`;
}

/** RESULTS.md: the generated figures, then `reading` (the hand-written section, heading included) when there is one. */
export function resultsMarkdown(figures: Figures, reading: string | undefined): string {
  const sections = [
    '# Benchmark results',
    machineSection(figures),
    bytesSection(figures),
    startupSection(figures),
    openingSection(figures),
    streamingSection(figures),
    loggingSection(figures),
    longAnswerSection(figures.longAnswer),
    sseParseSection(figures.sseParse),
    runsSection(figures),
  ];
  return `${[...sections, ...(reading ? [reading.trim()] : [])].join('\n\n')}\n`;
}

/** The hand-written reading of an existing RESULTS.md, from its heading to the end. */
export function readingOf(results: string): string | undefined {
  const at = results.indexOf(`\n${READING_HEADING}`);
  return at < 0 ? undefined : results.slice(at + 1);
}
