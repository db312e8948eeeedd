/**
 * bench/RESULTS.md from the figures of one run. Everything above "## Reading" is generated;
 * the reading, written by a person for the figures of a given day, is carried over from the
 * previous file as it is, under its own date.
 */
import { budgets, judgeSizes, type Size } from './budgets';
import { chaosTable, injectedLine, invariantFailures, replayCommand } from './support/chaos/chaos-table';
import type { APP_SETTINGS, ChaosResult } from './support/chaos/run-chaos';
import { QUEUED_OPERATIONS, TURNS, type ConversationLogging, type DrainFigures } from './logging';
import { longAnswerSection, type LongAnswerFigures } from './long-answer';
import { HISTORY_MESSAGES, type OpeningFigures } from './opening';
import type { ProxyFigures } from './proxy';
import { sseParseSection, type SseParseFigures } from './sse-parse';
import type { PageLoad, StartupFigures } from './startup';
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

/** The chaos run: its own date and commit, since `bench/chaos.ts --write` can refresh it alone. */
export interface ChaosFigures {
  measured: string;
  commit: string;
  ops: number;
  faultRate: number;
  settings: typeof APP_SETTINGS;
  runs: ChaosResult[];
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
  proxy: ProxyFigures;
  chaos: ChaosFigures;
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
  const { plain, bare, widget } = startup;
  const row = (name: string, pick: (load: PageLoad) => number) =>
    `| ${name} | ${ms(pick(plain))} | ${ms(pick(bare))} | ${ms(pick(widget))} | ${ratio(pick(widget), pick(plain))} | ${ratio(pick(bare), pick(plain))} | ${ratio(pick(widget), pick(bare))} |`;
  return `## Startup

A cold load of the same page (\`bench/pages/\`) without a script, with a bare launcher script, and with confab's script tag (\`/dist/confab.js\`, configured by \`data-*\` attributes), in turns. The bare launcher (\`bench/pages/bare-launcher.js\`, the control) is the least any launcher script does: a classic script from the same server that defines \`confab-chat\` with a shadow root holding one inline-styled button, and adds it to the page; no settings, texts or stylesheet. What it costs over the page without a script is the price of a launcher script as such on this machine (one more request, a compile, a custom element, a box); what confab costs over it is its loader's own. **Painted** means: the page checks a condition in every animation-frame callback; the first frame in which it holds is the one that renders the change, and a message posted from that callback runs right after that frame's main-thread work (style, layout, paint, commit), so its time is the paint time (the compositor's raster and display come after and are not visible to the page). Times are from the start of navigation. With a launcher the condition is "\`confab-chat\`'s launcher has a box"; without it (the baseline) "the page's heading has a box". First Contentful Paint (its presentation time, as Chromium reports it) and the end of the load event are shown beside them.

| median of ${startup.runs.length} | without a script (baseline) | bare launcher (control) | with confab | confab ÷ baseline | control ÷ baseline | confab ÷ control |
|---|---:|---:|---:|---:|---:|---:|
${row('painted (baseline: heading; others: launcher)', (load) => load.paintedMs)}
${row('First Contentful Paint', (load) => load.firstContentfulPaintMs)}
${row('load event end', (load) => load.loadEventMs)}

Target: confab's launcher painted ≤ 1.15× the baseline's heading: ${widget.paintedMs <= 1.15 * plain.paintedMs ? 'met' : 'not met'} (${ratio(widget.paintedMs, plain.paintedMs)}; the control alone: ${ratio(bare.paintedMs, plain.paintedMs)}).

confab's launcher is painted ${ms(Math.abs(widget.paintedMs - plain.paintedMs))} ${widget.paintedMs >= plain.paintedMs ? 'after' : 'before'} the page without a script paints its heading, and ${ms(Math.abs(widget.paintedMs - bare.paintedMs))} ${widget.paintedMs >= bare.paintedMs ? 'after' : 'before'} the bare launcher (medians). In the same load, it is painted ${ms(startup.launcherAfterHeadingMs)} after the page with the widget paints its own heading (the median of each load's difference), a figure the differences between loads do not move as they move the ratio; it is 0 in a load where the script ran before the page's first frame, whose paint the script then delays (the ratios and First Contentful Paint show that). Paints come in frames (about 16.7 ms apart at 60 Hz), so a median moves by whole frames as the machine's load changes: read the ratios with the control's beside them. The pages come from a server in a process of its own, as a site's server would serve them, not from the process that drives the browser.`;
}

function openingSection({ opening }: Figures): string {
  const { sitePanelMs, panelMs, coldPanelMs, pendingLogMs, historyMs, emptyHeap, historyHeap } = opening;
  return `## Opening

Each run in a fresh context, one second after the page loaded (a reader does not click sooner), the cold opening too, but there the panel's chunk (\`confab-panel-<hash>.js\`), asked for at idle, is held back until the click, so the click waits for the panel's whole delivery: its entry, its core and, on this site that logs, the logging chunk (no HTTP cache), served by a server in a process of its own, as a site's server would serve them. Times are from the click (as the page sees it, window capture phase) to the painted frame (as defined under Startup) showing the result. The baseline is a panel of the page's own in the same page: a button whose plain DOM handler shows a box and focuses its input.

| median of ${opening.runs.length} | time | baseline (page's own panel) | ratio | target |
|---|---:|---:|---:|---|
| the panel, warm (its chunk loaded at idle): launcher click until the composer holds the focus | ${ms(panelMs)} | ${ms(sitePanelMs)} | ${ratio(panelMs, sitePanelMs)} | |
| the panel, cold (its chunk loaded by the click) | ${ms(coldPanelMs)} | ${ms(sitePanelMs)} | ${ratio(coldPanelMs, sitePanelMs)} | ≤ 100 ms: ${verdict(coldPanelMs <= 100)} |
| a stored conversation of ${bytes(HISTORY_MESSAGES)} messages: click in the conversation list until its last message is inside the list's visible box (the widget renders the newest 50, earlier ones on demand) | ${ms(historyMs)} | ${ms(sitePanelMs)} | ${ratio(historyMs, sitePanelMs)} | ≤ 150 ms: ${verdict(historyMs <= 150)} |

The conversation was written into IndexedDB beforehand through the widget's own store (\`createChatStore\` from \`dist/sdk.js\`): ${bytes(HISTORY_MESSAGES / 2)} questions and ${bytes(HISTORY_MESSAGES / 2)} markdown answers (paragraphs, lists, inline code, a code block in every fourth).

**Logs an earlier visit left waiting** (its last log refused with 503 until the page closed): the next visit only loads the page, never opens the panel, and the analytics server holds the log ${ms(pendingLogMs)} after that visit's navigation started (median): the loader loads the panel's chunk, with the outbox, once the page is idle.

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

export const PROXY_HEADING = '## Proxy overhead (confab-chat/server)';

/**
 * The proxy's section. Re-measured alone (`npx tsx bench/proxy.ts`), it says when (`measured`)
 * and takes the previous one's place ({@link replaceSection}); in a full run the machine
 * section above says it.
 */
export function proxySection(figures: ProxyFigures, measured?: { date: string; durationS: number }): string {
  const { direct, proxy } = figures;
  const { shortTokens, longTokens, concurrent, concurrentTokens } = figures.settings;
  const row = (label: string, a: number, b: number, show: (value: number) => string) => `| ${label} | ${show(a)} | ${show(b)} | ${show(b - a)} | ${ratio(b, a)} |`;
  const us = (value: number) => `${fixed(value, 1)} µs`;
  const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
  const list = (values: number[]) => values.map((value) => fixed(value, 1)).join(', ');
  return `${PROXY_HEADING}

${measured ? `Measured alone ${measured.date} (${fixed(measured.durationS / 60, 1)} minutes), on the machine described above. ` : ''}The same upstream, the reference OpenAI-compatible server in its own process streaming unpaced (\`tokenDelayMs: 0\`, script \`long\`: one token a word), asked directly and through the confab server: the built \`dist/server\` in its own process, as \`confab-chat serve\` runs it, grounding every question in confab's docs (a search, excerpts in the system message, the \`provideLinks\` call added to the stream), access log on, rate limits off (one client IP sends everything). The client is the bench process (Node's fetch); the two paths alternate run by run, so the machine's load hits both alike. Differences and ratios are what the proxy adds.

| | direct | through confab | added | ratio |
|---|---:|---:|---:|---:|
${row(`time to first token, ${shortTokens}-token answer (median of ${figures.runs.firstToken.direct.length})`, direct.firstTokenMs, proxy.firstTokenMs, ms)}
${row(`per token, ${longTokens.toLocaleString('en-US')}-token answer, wall time (median of ${figures.runs.long.direct.length})`, direct.longPerTokenUs, proxy.longPerTokenUs, us)}
${row(`${concurrent} concurrent streams of ${concurrentTokens.toLocaleString('en-US')} tokens: tokens read per second (median of ${figures.runs.concurrent.direct.length})`, direct.concurrent.tokensPerSecond, proxy.concurrent.tokensPerSecond, perSecond)}
${row(`… time to first token, p50`, direct.concurrent.firstTokenP50Ms, proxy.concurrent.firstTokenP50Ms, ms)}
${row(`… time to first token, p95`, direct.concurrent.firstTokenP95Ms, proxy.concurrent.firstTokenP95Ms, ms)}
${row(`… whole answer, p50`, direct.concurrent.totalP50Ms, proxy.concurrent.totalP50Ms, ms)}
${row(`… whole answer, p95`, direct.concurrent.totalP95Ms, proxy.concurrent.totalP95Ms, ms)}

The confab server's own CPU time (user + system, from \`/proc\`) while relaying the long answers: ${us(figures.proxyCpuPerTokenUs)} per token.

Every run: first token (ms) direct ${list(figures.runs.firstToken.direct)}; through confab ${list(figures.runs.firstToken.proxy)}. Per token (µs) direct ${list(figures.runs.long.direct)}; through confab ${list(figures.runs.long.proxy)}. Concurrent (tokens/s) direct ${list(figures.runs.concurrent.direct)}; through confab ${list(figures.runs.concurrent.proxy)}.

**Re-run this section alone:** \`npm run build && npx tsx bench/proxy.ts\`.`;
}

/** \`results\` with its proxy section replaced by \`section\` (or added before "## Every run" when it has none). */
export function replaceSection(results: string, section: string): string {
  const start = results.indexOf(PROXY_HEADING);
  if (start >= 0) {
    const next = results.indexOf('\n## ', start + PROXY_HEADING.length);
    return `${results.slice(0, start)}${section}${next < 0 ? '\n' : `\n${results.slice(next)}`}`;
  }
  const at = results.indexOf('## Every run');
  return at < 0 ? `${results.trimEnd()}\n\n${section}\n` : `${results.slice(0, at)}${section}\n\n${results.slice(at)}`;
}

function runsSection({ startup, opening, streaming, drain }: Figures): string {
  const list = (values: number[]) => values.map((value) => fixed(value, 0)).join(', ');
  const lines = [
    `- Startup, confab's launcher painted (ms): ${list(startup.runs.map((run) => run.widget.paintedMs))}; bare launcher painted: ${list(startup.runs.map((run) => run.bare.paintedMs))}; baseline heading painted: ${list(startup.runs.map((run) => run.plain.paintedMs))}`,
    `- Opening the panel (ms), warm: ${list(opening.runs.map((run) => run.panelMs))}; cold: ${list(opening.runs.map((run) => run.coldPanelMs))}; page's own panel: ${list(opening.runs.map((run) => run.sitePanelMs))}`,
    `- Logs of an earlier visit delivered, from navigation (ms): ${list(opening.runs.map((run) => run.pendingLogMs))}`,
    `- Opening ${bytes(HISTORY_MESSAGES)} messages (ms): ${list(opening.runs.map((run) => run.historyMs))}`,
    ...[...streaming.baseline, ...streaming.widget].map(
      (figures) =>
        `- Streaming ${bytes(figures.tokens)} tokens, ${figures.client === 'widget' ? 'widget' : 'minimal client'}: busy (ms) ${list(figures.runs.map((run) => run.busyMs))}; longest task (ms) ${list(figures.runs.map((run) => run.longestTaskMs))}; lag (ms) ${list(figures.runs.map((run) => run.lastTokenLagMs))}${figures.finished ? '' : ' (cut off)'}`,
    ),
    `- Drain (ms): ${list(drain.runs.map((run) => run.drainMs))}; plain fetch: ${list(drain.runs.map((run) => run.plainFetchMs))}`,
  ];
  return `## Every run\n\nThe runs behind the medians, in order, to judge the noise.\n\n${lines.join('\n')}`;
}

const CHAOS_HEADING = '## Chaos';

/** The chaos run's section of RESULTS.md. */
export function chaosSection(chaos: ChaosFigures): string {
  const { runs, settings } = chaos;
  const percent = `${Math.round(chaos.faultRate * 100)} %`;
  const targets = [
    ['0 final states lost', runs.every((run) => run.counts.lost === 0)],
    ['0 older after newer', runs.every((run) => run.counts.olderAfterNewer === 0)],
    ['0 records outliving a delete', runs.every((run) => run.counts.outlivingDelete === 0)],
    ['nothing left in the outbox', runs.every((run) => run.drained && run.pendingAfterDrain + run.deadLetters === 0)],
  ] as const;
  const failures = runs.flatMap((run) => {
    const broken = invariantFailures(run);
    if (broken.length === 0) return [];
    return [`- **Seed ${run.seed}** (\`${replayCommand(run)}\`): ${broken.join('; ')}.`, ...run.examples.map((line) => `  - ${line}`)];
  });
  return `${CHAOS_HEADING}

Measured ${chaos.measured} at commit ${chaos.commit} (\`npx tsx bench/chaos.ts --write\` refreshes this section alone; \`npm run bench\` with the rest).

The chaos run of issue 10 (\`bench/chaos.ts\`, \`bench/support/chaos/\`), in headless Chromium against the built SDK (\`createAnalytics\` from \`dist/sdk.js\`, bundled as an app would), one seed after another: a seeded program of ${chaos.ops.toLocaleString('en-US')} operations, conversation logs of growing histories (each with its version in \`properties.version\`; one conversation in ten has answers of about 6 KB, so its logs outgrow the 60 KB keepalive budget), votes (with \`{ conversationId }\` as a second argument), events, deletes (mostly of conversations voted on in the last dozen operations, so their votes are still pending) and flushes, spread over three tabs of one app on one outbox, with accidents among them: a reload in the middle of a flush (3 % of the operations), a tab hidden and then killed (a renderer crash: no \`pagehide\`; 0.8 %), the browser closed mid-flush and reopened on the same profile (\`launchPersistentContext\` on one user-data-dir; 0.4 %), pauses (3 %). The reference analytics server faults ${percent} of the requests with its seeded mix (\`mix\` in \`__faults\`, seeded with the run's seed), in equal parts: 5xx, 429 with \`Retry-After: 1\`, a reset before applying, a reset after applying, a slow answer (50–800 ms), a late commit (held ${((settings.timeoutMs + 500) / 1000).toFixed(1)}–${((settings.timeoutMs + 2_000) / 1000).toFixed(1)} s, past the app's timeout, then applied). The app's settings: \`timeoutMs: ${settings.timeoutMs}\`, \`flushDelayMs: ${settings.flushDelayMs}\`, backoff from ${settings.baseDelayMs} ms doubling to ${settings.maxDelayMs / 1000} s (the official SDK's cap). After the program the faults stay on while the outbox drains, until every write has taken effect at the server and the outbox is empty (at most 60 s); then the server is made healthy, a new tab flushes until its outbox is empty, no held request is left to land and the server's log has been still for half a second. Everything is counted at the server, from its request log (\`__log\`: applied writes, with the order in which their requests arrived and the order in which they took effect) and its final state (\`__state\`).

- **Lost**: a kept conversation the server lacks or holds at another version than the newest written, a deleted one it still holds, a vote on a kept conversation that is not the newest, an event of a kept conversation that is missing.
- **Older after newer**: upserts of a conversation that reached the server after a newer version of it had (in the order requests arrived): an older version sent after a newer one.
- **Outliving a delete**: the conversation, or feedback on its messages, that reached the server after its first applied \`DELETE\`, or feedback left on its messages at the end; beside it, the conversations deleted.
- **Applied late**: requests that reached the server before a newer version (or before the conversation's \`DELETE\`) but were applied after it, because the server held them (a late commit, or a slow answer whose page was reloaded or closed meanwhile): the server's doing, shown for the record. The app cannot stop them; it can only deliver the newest version (or the delete) again after them, or the final state counts as lost (and feedback left on a deleted conversation as outliving it).
- **Duplicates**: applied writes beyond one per version (conversation or vote), event and delete: at-least-once delivery at work, not a failure.
- **Drain under faults**: from the end of the program until every write has taken effect at the server (itself, a newer version of its record, or the delete of its conversation) and the outbox is empty, faults still on ("> 60 s": cut off there). **Left in the outbox at the end**: pending operations and dead letters after the final, healthy drain. **Operations/s under faults**: writes that took effect at the server while it faulted, over the time from the first operation to the last of them.

${chaosTable(runs)}

Faults injected: ${injectedLine(runs)}.

Targets: ${targets.map(([name, met]) => `${name}: ${verdict(met)}`).join('; ')}.${failures.length > 0 ? `\n\nWhat broke, and a few examples of each (\`#n\` is the commit order at the server):\n\n${failures.join('\n')}` : ''}`;
}

/** `results` with its chaos section replaced by `section` (or added before "Every run"), the rest untouched. */
export function withChaosSection(results: string, section: string): string {
  const start = results.indexOf(`\n${CHAOS_HEADING}\n`);
  if (start >= 0) {
    const next = results.indexOf('\n## ', start + 1);
    return `${results.slice(0, start + 1)}${section}\n${next < 0 ? '' : `\n${results.slice(next + 1)}`}`;
  }
  const before = results.indexOf('\n## Every run');
  const at = before < 0 ? results.length : before + 1;
  return `${results.slice(0, at)}${section}\n\n${results.slice(at)}`;
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
    proxySection(figures.proxy),
    chaosSection(figures.chaos),
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
