/**
 * Splits a section's markdown into blocks (paragraphs, lists, tables, fenced code), so an
 * answer can quote the paragraphs and list items that match a question instead of the
 * whole section.
 */

/** One block of a section. `items` are the top-level items of a list or the rows of a table. */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; items: string[] };

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ITEM = /^( *)(?:[-*+]|\d{1,9}[.)])[ \t]+/;

/** Blocks of `markdown` in order. Blank lines separate blocks; a list may span them. */
export function splitBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let i = 0;
  const at = (index: number): string => lines[index] ?? '';

  while (i < lines.length) {
    const line = at(i);
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      const start = i;
      i += 1;
      while (i < lines.length && !(at(i).trim().startsWith(fence) && at(i).trim().replace(/[`~]/g, '') === '')) i += 1;
      i += 1;
      blocks.push({ kind: 'code', text: lines.slice(start, i).join('\n') });
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      const rows: string[] = [];
      while (i < lines.length && at(i).trimStart().startsWith('|')) rows.push(at(i++));
      // The second row of a GitHub table is the `|---|---|` delimiter: part of the header.
      const headerRows = rows.length > 1 && /^[\s|:-]+$/.test(rows[1] ?? '') ? 2 : 1;
      blocks.push({ kind: 'table', header: rows.slice(0, headerRows), items: rows.slice(headerRows) });
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const indent = item[1]?.length ?? 0;
      const items: string[] = [];
      while (i < lines.length) {
        const current = at(i);
        const next = ITEM.exec(current);
        if (next && (next[1]?.length ?? 0) <= indent) {
          items.push(current);
        } else if (current.trim() === '') {
          // A blank line ends the list unless an indented line or another item follows.
          const after = at(i + 1);
          if (!(ITEM.test(after) || /^\s{2,}\S/.test(after))) break;
          items[items.length - 1] += '\n';
        } else if (FENCE.test(current) && !/^\s{2,}/.test(current)) {
          break;
        } else {
          items[items.length - 1] += `\n${current}`;
        }
        i += 1;
      }
      blocks.push({ kind: 'list', items });
      continue;
    }
    const start = i;
    while (i < lines.length && at(i).trim() !== '' && !FENCE.test(at(i)) && !ITEM.test(at(i)) && !at(i).trimStart().startsWith('|')) {
      i += 1;
    }
    blocks.push({ kind: 'paragraph', text: lines.slice(start, i).join('\n') });
  }
  return blocks;
}
