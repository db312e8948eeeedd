/**
 * The confab server's overhead (issue 15, "Measures"): the same upstream (the reference
 * OpenAI-compatible server, unpaced) asked directly and through the confab server (built,
 * in its own process, grounding every question in the docs), from this process:
 *
 * - time to first token: request sent → first answer word read, one request at a time;
 * - per-token cost: a long answer's wall time per token, and the confab server's own CPU
 *   time per token (from /proc: what relaying costs it);
 * - throughput with 200 concurrent streams: tokens read per second, and the first-token
 *   and whole-answer times (p50, p95) under that load.
 *
 * Run alone it measures and puts its section into bench/RESULTS.md (`npx tsx bench/proxy.ts`,
 * after `npm run build`); `npm run bench` runs it with the others.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { median, repeat } from './support/stats';
import { startChild, type Child } from './support/proxy-processes';

const QUESTION = 'What happens when the analytics API is down?';
const SHORT_TOKENS = 50;
const LONG_TOKENS = 20_000;
const CONCURRENT = 200;
const CONCURRENT_TOKENS = 1_000;
const FIRST_TOKEN_RUNS = 30;
const LONG_RUNS = 5;
const CONCURRENT_RUNS = 3;

/** One way of asking: `direct` to the upstream, or `proxy` through the confab server. */
type Path = 'direct' | 'proxy';

/** What one streamed answer took. */
interface Timing {
  firstTokenMs: number;
  totalMs: number;
}

export interface PathFigures {
  firstTokenMs: number;
  longPerTokenUs: number;
  concurrent: { tokensPerSecond: number; firstTokenP50Ms: number; firstTokenP95Ms: number; totalP50Ms: number; totalP95Ms: number };
}

export interface ProxyFigures {
  /** Answer lengths and the concurrency measured. */
  settings: { shortTokens: number; longTokens: number; concurrent: number; concurrentTokens: number };
  direct: PathFigures;
  proxy: PathFigures;
  /** The confab server's CPU time per relayed token in the long answers. */
  proxyCpuPerTokenUs: number;
  runs: { firstToken: Record<Path, number[]>; long: Record<Path, number[]>; concurrent: Record<Path, number[]> };
}

/** CPU time (user + system) of process `pid` so far, in ms, from /proc (clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** Queues `count` answers of `tokens` words at the upstream (its `long` script), one per request to come. */
async function queue(upstream: Child, count: number, tokens: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${upstream.url}/__script`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode: 'long', tokens }) });
    if (!response.ok) throw new Error(`queueing a script failed: ${response.status}`);
  }
}

/** Asks once along `path` and reads the stream to its end; throws unless it held `tokens` words and ended with [DONE]. */
async function ask(path: Path, upstream: Child, confab: Child, tokens: number): Promise<Timing> {
  const started = performance.now();
  const response = await fetch(`${path === 'direct' ? upstream.url : confab.url}/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://bench.local' },
    body: JSON.stringify({ model: 'confab-docs', stream: true, messages: [{ role: 'user', content: QUESTION }] }),
  });
  if (!response.ok || !response.body) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let firstTokenMs: number | undefined;
  let words = 0;
  let done = false;
  let buffer = '';
  for (;;) {
    const part = await reader.read();
    if (part.done) break;
    // Both paths pay this reading alike; it checks that each answer came whole. Whole events only.
    buffer += decoder.decode(part.value, { stream: true });
    const cut = buffer.lastIndexOf('\n\n');
    if (cut < 0) continue;
    const events = buffer.slice(0, cut);
    buffer = buffer.slice(cut + 2);
    const found = events.match(/"content":"[^"]/g)?.length ?? 0;
    // The first chunk carrying answer text (the role chunk's content is empty).
    if (firstTokenMs === undefined && found > 0) firstTokenMs = performance.now() - started;
    words += found;
    if (events.includes('data: [DONE]')) done = true;
  }
  const totalMs = performance.now() - started;
  if (words < tokens || !done) throw new Error(`${path}: the answer had ${words} of ${tokens} words${done ? '' : ' and no [DONE]'}`);
  return { firstTokenMs: firstTokenMs ?? Number.NaN, totalMs };
}

/** Runs `measure` for both paths, alternating which goes first, so drift in the machine's load hits both alike. */
async function both<T>(runs: number, measure: (path: Path) => Promise<T>): Promise<Record<Path, T[]>> {
  const out: Record<Path, T[]> = { direct: [], proxy: [] };
  await repeat(runs, async (run) => {
    for (const path of run % 2 === 0 ? (['direct', 'proxy'] as const) : (['proxy', 'direct'] as const)) out[path].push(await measure(path));
  });
  return out;
}

/** Measures everything; the children are started and stopped here. */
export async function benchProxy(): Promise<ProxyFigures> {
  const upstream = await startChild('upstream');
  const confab = await startChild('confab', upstream.url);
  try {
    // Warm both paths (JIT, connections) before anything is timed.
    await queue(upstream, 10, SHORT_TOKENS);
    for (let i = 0; i < 10; i++) await ask(i % 2 === 0 ? 'direct' : 'proxy', upstream, confab, SHORT_TOKENS);

    const firstToken = await both(FIRST_TOKEN_RUNS, async (path) => {
      await queue(upstream, 1, SHORT_TOKENS);
      return (await ask(path, upstream, confab, SHORT_TOKENS)).firstTokenMs;
    });

    let proxyCpu = 0;
    const long = await both(LONG_RUNS, async (path) => {
      await queue(upstream, 1, LONG_TOKENS);
      const before = await cpuMs(confab.pid);
      const { totalMs } = await ask(path, upstream, confab, LONG_TOKENS);
      if (path === 'proxy') proxyCpu += (await cpuMs(confab.pid)) - before;
      return (totalMs * 1000) / LONG_TOKENS;
    });

    const concurrentRuns: Record<Path, Timing[][]> = { direct: [], proxy: [] };
    const concurrent = await both(CONCURRENT_RUNS, async (path) => {
      await queue(upstream, CONCURRENT, CONCURRENT_TOKENS);
      const started = performance.now();
      const timings = await Promise.all(Array.from({ length: CONCURRENT }, () => ask(path, upstream, confab, CONCURRENT_TOKENS)));
      concurrentRuns[path].push(timings);
      return (CONCURRENT * CONCURRENT_TOKENS) / ((performance.now() - started) / 1000);
    });

    const figures = (path: Path): PathFigures => {
      const all = concurrentRuns[path].flat();
      return {
        firstTokenMs: median(firstToken[path]),
        longPerTokenUs: median(long[path]),
        concurrent: {
          tokensPerSecond: median(concurrent[path]),
          firstTokenP50Ms: percentile(all.map((timing) => timing.firstTokenMs), 50),
          firstTokenP95Ms: percentile(all.map((timing) => timing.firstTokenMs), 95),
          totalP50Ms: percentile(all.map((timing) => timing.totalMs), 50),
          totalP95Ms: percentile(all.map((timing) => timing.totalMs), 95),
        },
      };
    };
    return {
      settings: { shortTokens: SHORT_TOKENS, longTokens: LONG_TOKENS, concurrent: CONCURRENT, concurrentTokens: CONCURRENT_TOKENS },
      direct: figures('direct'),
      proxy: figures('proxy'),
      proxyCpuPerTokenUs: (proxyCpu * 1000) / (LONG_RUNS * LONG_TOKENS),
      runs: { firstToken, long, concurrent },
    };
  } finally {
    await Promise.all([confab.stop(), upstream.stop()]);
  }
}

/** Runs alone: measures, then replaces (or adds) the proxy section of RESULTS.md. */
async function main(): Promise<void> {
  const { proxySection, replaceSection } = await import('./report');
  const started = performance.now();
  const figures = await benchProxy();
  const path = join(import.meta.dirname, 'RESULTS.md');
  const section = proxySection(figures, { date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, durationS: (performance.now() - started) / 1000 });
  await writeFile(path, replaceSection(await readFile(path, 'utf8'), section));
  console.log(section);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
