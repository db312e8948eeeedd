import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, or `CHROME_PATH`. Never a downloaded browser. */
export const CHROME_PATH = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium with the flags this workplace needs. A missing browser fails
 * the suite loudly with the fix, never skips it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROME_PATH)) {
    throw new Error(`Chromium is not at ${CHROME_PATH}. Install it (apt-get install -y chromium) or set CHROME_PATH. The browser tests never skip.`);
  }
  return chromium.launch({
    executablePath: CHROME_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
