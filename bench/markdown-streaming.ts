/**
 * Markdown while streaming: how often an answer being written shows raw syntax at its end
 * (`**`, a backtick, `[text](url`, a table header row as text), before and after holding
 * back what is not settled yet. Runs in Node on the parser (no browser): each answer of
 * bench/support/markdown-answers.ts is cut at every token boundary (runs of spaces, letters,
 * digits, or one punctuation character, as a model's tokenizer roughly cuts), each prefix
 * is parsed incrementally as the widget does, and its visible text is compared with the
 * finished answer's: a step "shows raw syntax" when its text holds more of a syntax
 * character (`* _ ~ \` | # [ ] ( ) < > & ! \`) than the finished answer shows.
 *
 * "Before" parses each prefix as a finished text (what the widget did before: a prefix
 * rendered as if it were the whole answer); "after" parses it as an answer still being
 * written. Times are recorded (the parse of all steps, median of 5), not asserted on.
 *
 * Run: `npx tsx bench/markdown-streaming.ts` (writes its section of bench/RESULTS.md).
 */
import { parseIncrementally, type ParsedText } from '../src/widget/markdown/stream-blocks';
import type { Block, Inline } from '../src/widget/markdown/tokens';
import { tokens } from '../test/widget/markdown/markdown-grammar';
import { ANSWERS } from './support/markdown-answers';
import { writeResultsSection } from './support/results-section';
import { median } from './support/stats';

const MARKERS = [...'*_~`|#[]()<>&!\\'];

const inlineText = (nodes: Inline[]): string =>
  nodes.map((n) => (typeof n === 'string' ? n : n.t === 'code' ? n.v : n.t === 'br' ? '\n' : n.t === 'img' ? n.alt : inlineText(n.c))).join('');

/** What a reader sees of a block: its text (code as code, a link as its text). */
function blockText(block: Block): string {
  switch (block.t) {
    case 'p':
    case 'h':
      return inlineText(block.c);
    case 'code':
      return block.v;
    case 'quote':
      return block.c.map(blockText).join('\n');
    case 'list':
      return block.items.map((item) => item.c.map(blockText).join('\n')).join('\n');
    case 'table':
      return [block.head, ...block.rows].map((row) => row.map(inlineText).join(' ')).join('\n');
    case 'hr':
      return '';
  }
}

const count = (text: string, ch: string): number => text.split(ch).length - 1;

interface Tally {
  steps: number;
  raw: number;
  ms: number;
}

/** Streams `answer` token by token; counts the steps whose text shows raw syntax. */
function stream(answer: string, open: boolean): Tally {
  const final = parseIncrementally(undefined, answer, true).blocks.map((top) => blockText(top.block)).join('\n');
  const allowed = new Map(MARKERS.map((ch) => [ch, count(final, ch)]));
  const parts = tokens(answer);
  let parsed: ParsedText | undefined;
  let text = '';
  let raw = 0;
  const shown: string[] = [];
  const start = performance.now();
  for (const token of parts) {
    text += token;
    parsed = parseIncrementally(parsed, text, false, open);
    shown.push(parsed.blocks.map((top) => blockText(top.block)).join('\n'));
  }
  const ms = performance.now() - start;
  for (const visible of shown) if (MARKERS.some((ch) => count(visible, ch) > allowed.get(ch)!)) raw++;
  return { steps: parts.length, raw, ms };
}

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;

const rows: string[] = [];
const totals = { before: { steps: 0, raw: 0, ms: 0 }, after: { steps: 0, raw: 0, ms: 0 } };
/** The same without answers citing before their definitions (a case this does not fix, see below). */
const others = { before: { steps: 0, raw: 0 }, after: { steps: 0, raw: 0 } };
for (const [k, answer] of ANSWERS.entries()) {
  const runs = (open: boolean) => Array.from({ length: 5 }, () => stream(answer, open));
  const [before, after] = [runs(false), runs(true)].map((tallies) => ({ ...tallies[0]!, ms: median(tallies.map((t) => t.ms)) }));
  for (const [key, tally] of [['before', before!], ['after', after!]] as const) {
    totals[key].steps += tally.steps;
    totals[key].raw += tally.raw;
    totals[key].ms += tally.ms;
    if (!/^\[\d+\]:/m.test(answer)) {
      others[key].steps += tally.steps;
      others[key].raw += tally.raw;
    }
  }
  const title = answer.slice(0, answer.indexOf('\n')).replace(/[|*`#]/g, '').slice(0, 40);
  rows.push(`| ${k + 1}. ${title} | ${before!.steps} | ${before!.raw} (${percent(before!.raw, before!.steps)}) | ${after!.raw} (${percent(after!.raw, after!.steps)}) | ${before!.ms.toFixed(1)} ms | ${after!.ms.toFixed(1)} ms |`);
}
const { before, after } = totals;
const section = `## Markdown while streaming

Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npx tsx bench/markdown-streaming.ts\` (Node ${process.version}, parser only, no browser). Six realistic answers (bench/support/markdown-answers.ts: bold lead-ins, inline and fenced code, a table with \`<br>\` in cells, citations defined at the end, nested lists, links, character references), each cut at every token boundary and parsed incrementally as the widget does. A step **shows raw syntax** when its visible text holds more of one of \`* _ ~ \\\` | # [ ] ( ) < > & ! \\\\\` than the finished answer shows. **Before**: each prefix parsed as a finished text (the widget's behaviour before syntax at the end was held back). **After**: parsed as an answer still being written. Parse time of all steps, median of 5, recorded only (the machine is shared).

| answer | token steps | shows raw syntax, before | after | parse time, before | after |
|---|---:|---:|---:|---:|---:|
${rows.join('\n')}
| **all** | ${before.steps} | **${before.raw} (${percent(before.raw, before.steps)})** | **${after.raw} (${percent(after.raw, after.steps)})** | ${before.ms.toFixed(1)} ms | ${after.ms.toFixed(1)} ms |
| all but the citations (answer 4) | ${others.before.steps} | ${others.before.raw} (${percent(others.before.raw, others.before.steps)}) | ${others.after.raw} (${percent(others.after.raw, others.after.steps)}) | | |

What remains after: a citation used before its definition (answer 4) shows as \`[1]\` until the answer ends, when it becomes a link. While the answer streams nothing can tell a citation whose definition will come from brackets meant as text, and showing the text is preferred to hiding it; blocks are parsed again for definitions only once, when the answer ends.
`;
console.log(section);
await writeResultsSection(section);
