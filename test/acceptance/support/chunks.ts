// What the acceptance cases of issue 14 look at when a chunk is loaded or fails to load: the
// script files a page fetched, the confab-error events it saw, and the browser's own console
// report of a missing file (the only console error such a page may show).
import type { Page } from '../../browser/engines/page';

/** A confab-error as a page saw it. */
export interface SeenError {
  code: string;
  message: string;
}

/** The script files the page fetched, by name (no path, no query). */
export const scriptsLoaded = (page: Page): Promise<string[]> =>
  page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name.replace(/^.*\//, '').replace(/\?.*$/, '')).filter((name) => name.endsWith('.js')));

/** An init script: records every confab-error's code and message from before the page's first script (the events bubble to the document). */
export function recordConfabErrors(): void {
  const seen: SeenError[] = [];
  Object.assign(window, { __confabErrors: seen });
  document.addEventListener('confab-error', (event) => {
    const { code, message } = (event as CustomEvent<SeenError>).detail;
    seen.push({ code, message });
  });
}

/** What {@link recordConfabErrors} recorded so far. */
export const confabErrors = (page: Page): Promise<SeenError[]> => page.evaluate(() => (window as Window & { __confabErrors?: SeenError[] }).__confabErrors ?? []);

/** Not the browser's console report of a file that is not there (each engine words it its own way). */
export const notAMissingFile = (error: string): boolean =>
  !/404|Not Found|Failed to (fetch|load)|dynamically imported|Importing a module script failed|error loading dynamically|disallowed MIME type/i.test(error);
