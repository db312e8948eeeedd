/**
 * MDX → Markdown for indexing: MDX is Markdown plus ESM lines and JSX components. The ESM
 * lines (`import`, `export`) are code the reader never sees, and a line that is only a
 * component tag (`<Tabs>`, `</Tabs>`, `<Callout type="warn" />`) wraps text without being
 * text; both go, and the Markdown between the tags stays. Fenced code is left as it is.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A line holding only JSX tags of components (capitalised names) or fragments. */
const TAG_LINE = /^\s*(?:<\/?(?:[A-Z][\w.]*(?:\s[^<>]*)?)?\/?>\s*)+$/;
const ESM_LINE = /^(?:import|export)\s/;
/** `{/* a comment *\/}`, MDX's comment syntax. */
const COMMENT = /\{\/\*[\s\S]*?\*\/\}/g;

/** The Markdown of an MDX document. */
export function mdxToMarkdown(mdx: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  let inEsm = false;
  for (const line of mdx.replace(/\r\n?/g, '\n').replace(COMMENT, '').split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      out.push(line);
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      out.push(line);
      continue;
    }
    // A multi-line `export const meta = {` runs until a blank line, as MDX's own parser reads it.
    if (inEsm) {
      inEsm = line.trim() !== '';
      continue;
    }
    if (ESM_LINE.test(line)) {
      inEsm = true;
      continue;
    }
    if (TAG_LINE.test(line)) continue;
    out.push(line);
  }
  return out.join('\n');
}
