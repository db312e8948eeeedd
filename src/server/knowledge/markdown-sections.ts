/**
 * Splits one markdown file into sections, one per ATX heading (`#` … `######`), so the
 * search ranks and cites a section rather than a whole file. `#` lines inside fenced code
 * are code, not headings. A heading may end in an explicit anchor, `## Install {#setup}`,
 * as Docusaurus, MkDocs and Hugo write it (and HTML headings' ids arrive): that anchor is
 * the section's, since it is the one the published page has.
 */
import { createSlugger } from './heading-slug';
import { plainText } from './plain-text';

/** One heading of a file and the markdown under it, up to the next heading. */
export interface Section {
  /** Path relative to the docs root with `/` separators, e.g. `guide/install.md`. */
  file: string;
  /** The file's first `#` heading, else its name without its extension. */
  fileTitle: string;
  /** This section's heading as plain text (the file title for text above any sub-heading). */
  heading: string;
  /** Headings from level 2 down to this one; empty for the file's top section. */
  headingPath: string[];
  /** GitHub-style anchor; empty for a file without headings. */
  slug: string;
  /** The markdown between this heading and the next, trimmed. */
  body: string;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CUSTOM_ID = /\s*\{#([\w-]+)\}$/;

/** Whether `line` closes the fence opened by `open` (same character, at least as long). */
function closesFence(line: string, open: string): boolean {
  const match = FENCE.exec(line);
  const marker = match?.[1];
  return marker !== undefined && marker[0] === open[0] && marker.length >= open.length && line.trim() === marker;
}

/**
 * Sections of `text` in document order. Sections whose body is empty (a heading directly
 * followed by a sub-heading) are left out: there is nothing in them to answer with.
 */
export function splitSections(file: string, text: string): Section[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const slug = createSlugger();
  const name = file.split('/').pop() ?? file;
  let fileTitle = name.replace(/\.[a-z]+$/i, '');
  const titleLine = lines.find((line) => /^# /.test(line));
  if (titleLine !== undefined) fileTitle = plainText(titleLine.slice(2).replace(CUSTOM_ID, ''));

  const sections: Section[] = [];
  const stack: Array<{ depth: number; heading: string }> = [];
  let current: Omit<Section, 'body'> = { file, fileTitle, heading: fileTitle, headingPath: [], slug: '' };
  let body: string[] = [];
  let fence: string | undefined;

  const flush = (): void => {
    const trimmed = body.join('\n').trim();
    if (trimmed !== '') sections.push({ ...current, body: trimmed });
    body = [];
  };

  for (const line of lines) {
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
      body.push(line);
      continue;
    }
    const open = FENCE.exec(line)?.[1];
    if (open !== undefined) {
      fence = open;
      body.push(line);
      continue;
    }
    const heading = HEADING.exec(line);
    if (!heading) {
      body.push(line);
      continue;
    }
    flush();
    const depth = heading[1]?.length ?? 1;
    const raw = heading[2] ?? '';
    const customId = CUSTOM_ID.exec(raw)?.[1];
    const text = customId === undefined ? raw : raw.replace(CUSTOM_ID, '');
    const title = plainText(text);
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= depth) stack.pop();
    if (depth > 1) stack.push({ depth, heading: title });
    current = {
      file,
      fileTitle,
      heading: depth === 1 ? fileTitle : title,
      headingPath: stack.map((entry) => entry.heading),
      slug: customId ?? slug(text),
    };
  }
  flush();
  return sections;
}
