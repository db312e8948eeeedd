/**
 * Anchors for headings, spelled the way GitHub (and most static-site generators) spell
 * them, so a source URL such as `/docs/README.md#the-logging-sdk` also works on a
 * rendered copy of the file.
 */
import { plainText } from './plain-text';

/** The anchor of one heading: lowercase, punctuation removed, spaces → `-`. */
export function headingSlug(heading: string): string {
  return plainText(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/**
 * Returns a slugger for one document: a repeated heading gets `-1`, `-2`, … as GitHub
 * does, so every section of a file has its own anchor.
 */
export function createSlugger(): (heading: string) => string {
  const used = new Map<string, number>();
  return (heading) => {
    const base = headingSlug(heading);
    const count = used.get(base) ?? 0;
    used.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  };
}
