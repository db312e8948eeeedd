// Issue 11, items 9 and 12, and issue 13, item 2: the built script-tag widget in each engine, its
// chat backend failing in each way through the reference server's faults. The visitor reads
// one plain sentence per kind of failure, with Retry, and no empty bubble; the server's own
// words (markup, internal addresses) reach confab-error and the console only.
import type { Page } from '../browser/engines/page';
import { describe, expect, it } from 'vitest';
import { ask, inWidget, openPanel, useAcceptanceSuite, waitForAnswers } from './support/browser';

const suite = useAcceptanceSuite();
const chat = () => suite.server.servers.chat;

const PAGE = `<!doctype html><html><head><title>500</title><script>alert(1)</script></head><body><h1>Internal Server Error</h1><p>upstream http://10.0.0.7:11499/v1 refused</p></body></html>`;

const rows: Array<[n: number, what: string, fault: () => unknown, sentence: string]> = [
  [1, 'a 500 with an HTML page', () => chat().faults.failNext(1, { status: 500, body: PAGE }), 'The service is unavailable.'],
  [2, 'a 502 naming an internal address', () => chat().faults.failNext(1, { status: 502, body: { error: { message: 'The upstream server http://127.0.0.1:11499/v1 could not be reached', type: 'server_error', code: 'upstream_unreachable' } } }), 'The service is unavailable.'],
  [3, 'no response at all: the browser is offline', () => suite.server.setOffline(true), 'Could not connect. Check your connection.'],
  [4, 'a 429 with Retry-After', () => chat().script('rate-limit'), 'Too many requests. Retry in 1 s.'],
  [5, 'a 200 that is a web page, not a stream (a wrong chat-url)', () => chat().faults.failNext(1, { status: 200, body: PAGE }), 'The request was refused.'],
  [6, 'a 200 JSON error body instead of a stream', () => chat().faults.failNext(1, { status: 200, body: { error: { message: 'Model not loaded' } } }), 'The request was refused.'],
  [7, 'a stream that breaks off after a few words', () => chat().script({ mode: 'abrupt-close', afterChunks: 3 }), 'This answer was interrupted.'],
  [8, 'an error event in the middle of the stream', () => chat().script('error-mid-stream'), 'The service is unavailable.'],
];

/** Collects every confab-error's message in the page, and the console's warnings. */
async function watchConfabErrors(page: Page): Promise<{ confabErrors: () => Promise<string[]>; warnings: () => Promise<string[]> }> {
  await page.evaluate(() => {
    const seen: string[] = [];
    const warned: string[] = [];
    Object.assign(window, { __confabErrors: seen, __warnings: warned });
    document.querySelector('confab-chat')!.addEventListener('confab-error', (event) => seen.push((event as CustomEvent<{ message: string }>).detail.message));
    const warn = console.warn.bind(console);
    console.warn = (...args: unknown[]) => {
      warned.push(args.map((arg) => String(arg)).join(' '));
      warn(...args);
    };
  });
  type Watched = Window & { __confabErrors?: string[]; __warnings?: string[] };
  return {
    confabErrors: () => page.evaluate(() => (window as Watched).__confabErrors ?? []),
    warnings: () => page.evaluate(() => (window as Watched).__warnings ?? []),
  };
}

describe('what a visitor reads when the chat backend fails', () => {
  it.each(rows)('%i. %s: the sentence, Retry, no raw error, no empty bubble', async (_n, _what, fault, sentence) => {
    const context = await suite.newContext();
    const page = await suite.openPage(context, '/script-tag.html');
    await openPanel(page);
    const { confabErrors, warnings } = await watchConfabErrors(page);
    await fault();
    await ask(page, 'How do I embed confab?');
    const problem = inWidget(page, 'li.message.assistant [role=alert]');
    await problem.waitFor();
    expect((await problem.innerText()).trim()).toMatch(new RegExp(`^${sentence.replace(/[.?()]/g, '\\$&')}\\s*Retry$`));
    const panel = await inWidget(page, '[part~=messages]').innerText();
    expect(panel).not.toMatch(/<|127\.0\.0\.1|10\.0\.0\.7|Failed to fetch|fetch failed/);
    const bubbles = await inWidget(page, 'li.message.assistant .bubble').allInnerTexts();
    for (const text of bubbles) expect(text.trim(), 'no empty bubble').not.toBe('');
    // The detail went to confab-error and the console, without markup.
    await expect.poll(confabErrors).toHaveLength(1);
    expect((await confabErrors())[0]).not.toMatch(/<[a-z!]/i);
    expect((await warnings()).some((text) => text.startsWith('[confab]'))).toBe(true);

    // Retry, with the backend well again, answers in place.
    suite.server.setOffline(false);
    await inWidget(page, 'li.message.assistant [role=alert] button').click();
    await waitForAnswers(page, 1);
    expect(await inWidget(page, 'li.message.assistant [role=alert]').count()).toBe(0);
    expect(await inWidget(page, 'li.message.assistant .bubble').first().innerText()).toContain('confab');
  });
});
