/**
 * Writes one section of bench/RESULTS.md in place, for a benchmark run on its own: the
 * section under the same heading is replaced, or a new one goes before "## Every run" (the
 * generated part's end). `npm run bench` writes the whole file and these sections with it.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const RESULTS = join(import.meta.dirname, '..', 'RESULTS.md');

/** Replaces or inserts `section`, which starts with its `## ` heading. */
export async function writeResultsSection(section: string): Promise<void> {
  const heading = section.slice(0, section.indexOf('\n'));
  const results = existsSync(RESULTS) ? await readFile(RESULTS, 'utf8') : '# Benchmark results\n';
  const at = results.indexOf(`\n${heading}\n`);
  const next = at < 0 ? -1 : results.indexOf('\n## ', at + 1);
  const updated =
    at >= 0
      ? `${results.slice(0, at + 1)}${section.trim()}\n${next < 0 ? '' : `\n${results.slice(next + 1)}`}`
      : results.includes('\n## Every run\n')
        ? results.replace('\n## Every run\n', `\n${section.trim()}\n\n## Every run\n`)
        : `${results.trimEnd()}\n\n${section.trim()}\n`;
  await writeFile(RESULTS, updated);
  console.log(`Wrote "${heading}" in ${RESULTS}`);
}
