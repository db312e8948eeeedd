/**
 * Parsing server-sent events (issue 11, item 13): confab's parser (`src/sdk/http/parse-sse.ts`)
 * against eventsource-parser, the reference implementation the README compares it with, on
 * the same text in the same chunks, in Node (both are plain string code):
 * - one 2 MB `data:` line in 1 KB chunks, the case that was quadratic (1.6 s before the fix,
 *   where eventsource-parser takes about a millisecond or two);
 * - an ordinary answer: 20,000 chunks of an OpenAI-style stream, in 1 KB chunks.
 * Each timing is the median of {@link RUNS} runs after a warm-up; the ratio is what counts.
 *
 *   npx tsx bench/sse-parse.ts      (prints the figures, writes its section of RESULTS.md,
 *                                    and fails when confab is over 5× eventsource-parser)
 */
import { createParser } from 'eventsource-parser';
import { createSseParser } from '../src/sdk/http/parse-sse';
import { median } from './support/stats';
import { fixed } from './support/stats';
import { writeResultsSection } from './support/results-section';

const RUNS = 9;
/** confab may be this many times slower than eventsource-parser on any case, no more. */
export const MAX_RATIO = 5;

interface Case {
  name: string;
  chunks: string[];
  /** The messages the text holds. */
  messages: number;
}

const inChunks = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, k) => text.slice(k * size, (k + 1) * size));

function cases(): Case[] {
  const line = `data: ${'x'.repeat(2 * 1024 * 1024)}\n\n`;
  const chunk = (k: number) => `data: {"id":"chatcmpl-1","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":" word${k}"},"finish_reason":null}]}\n\n`;
  const answer = Array.from({ length: 20_000 }, (_, k) => chunk(k)).join('');
  return [
    { name: 'one 2 MB line in 1 KB chunks', chunks: inChunks(line, 1024), messages: 1 },
    { name: 'an answer of 20,000 chunks (3 MB) in 1 KB chunks', chunks: inChunks(answer, 1024), messages: 20_000 },
  ];
}

/** Milliseconds to feed every chunk; checks the messages came out. */
function timeConfab({ chunks, messages }: Case): number {
  const started = performance.now();
  const parser = createSseParser();
  let seen = 0;
  for (const chunk of chunks) seen += parser.feed(chunk).length;
  const ms = performance.now() - started;
  if (seen !== messages) throw new Error(`confab's parser found ${seen} messages, not ${messages}`);
  return ms;
}

function timeReference({ chunks, messages }: Case): number {
  const started = performance.now();
  let seen = 0;
  const parser = createParser({ onEvent: () => seen++ });
  for (const chunk of chunks) parser.feed(chunk);
  const ms = performance.now() - started;
  if (seen !== messages) throw new Error(`eventsource-parser found ${seen} messages, not ${messages}`);
  return ms;
}

export interface SseParseFigures {
  rows: Array<{ name: string; confabMs: number; referenceMs: number; ratio: number; confabRuns: number[]; referenceRuns: number[] }>;
}

/** Runs the cases, alternating the parsers so the machine's load falls on both alike. */
export function benchSseParse(): SseParseFigures {
  return {
    rows: cases().map((item) => {
      timeConfab(item);
      timeReference(item);
      const confabRuns: number[] = [];
      const referenceRuns: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        confabRuns.push(timeConfab(item));
        referenceRuns.push(timeReference(item));
      }
      const confabMs = median(confabRuns);
      const referenceMs = median(referenceRuns);
      return { name: item.name, confabMs, referenceMs, ratio: confabMs / referenceMs, confabRuns, referenceRuns };
    }),
  };
}

export function sseParseSection({ rows }: SseParseFigures): string {
  const table = rows.map((row) => `| ${row.name} | ${fixed(row.confabMs, 2)} ms | ${fixed(row.referenceMs, 2)} ms | ${fixed(row.ratio, 2)}× | ${row.ratio <= MAX_RATIO ? 'met' : '**missed**'} |`);
  const runs = rows.map((row) => `- ${row.name}: confab (ms) ${row.confabRuns.map((ms) => fixed(ms, 2)).join(', ')}; eventsource-parser ${row.referenceRuns.map((ms) => fixed(ms, 2)).join(', ')}`);
  return `## Parsing server-sent events

\`src/sdk/http/parse-sse.ts\` against eventsource-parser ${'(a devDependency, for this comparison only)'} on the same text in the same chunks, in Node (\`npx tsx bench/sse-parse.ts\`), medians of ${RUNS} runs after a warm-up. Before issue 11, one 2 MB line in 1 KB chunks took confab 1.6 s: each chunk re-split the whole unfinished line. The target is at most ${MAX_RATIO}× eventsource-parser on every case.

| case | confab | eventsource-parser | ratio | ≤ ${MAX_RATIO}× |
|---|---:|---:|---:|---|
${table.join('\n')}

${runs.join('\n')}`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const figures = benchSseParse();
  const section = sseParseSection(figures);
  console.log(section);
  await writeResultsSection(section);
  if (figures.rows.some((row) => row.ratio > MAX_RATIO)) {
    console.error(`confab's SSE parser is over ${MAX_RATIO}× eventsource-parser.`);
    process.exitCode = 1;
  }
}
