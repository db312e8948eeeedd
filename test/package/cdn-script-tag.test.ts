// Issue 13, "The package": the script tag copied from the README works when `confab.js` comes
// from an npm CDN (jsDelivr, at the version the README names), on a site whose chat backend
// is its own; and with no analytics key or URL configured it sends nothing to any third party.
// The CDN is a local server on its own origin serving the built dist/ at jsDelivr's path; the
// page is the README's tag with the two hosts it names pointed at 127.0.0.1. Every request
// the browser context makes is counted by origin, through a visit with a question, a vote, a
// reload and leaving the page (when an outbox would send its keepalive logs).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIST, startAcceptanceServer, type AcceptanceServer } from '../acceptance/support/acceptance-server';
import { askAndWait, inWidget, openPanel } from '../acceptance/support/widget-page';
import { launchChromium } from '../browser/chromium';
import { chromiumReaderPage } from '../browser/engines/chromium';
import { ROOT } from './support/packed-package';
import { startStaticServer, type StaticServer } from './support/static-server';

const JSDELIVR = 'https://cdn.jsdelivr.net';
const README_CHAT_URL = 'https://your-proxy.example.com/v1';
// Chromium only, through Playwright: counting every request a browser context makes, and
// answering a third party's requests locally, need its request events and routing.
let browser: Browser;
let server: AcceptanceServer;
const analytics = () => server.servers.analytics.state;

let manifest: { version: string; jsdelivr: string; unpkg: string };
let readmeTag = '';
let cdn: StaticServer;
let pages = '';

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startAcceptanceServer()]);
  manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as typeof manifest;
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  // The README's script tag: the first one loading confab.js from jsDelivr.
  readmeTag = readme.match(/<script\s[^>]*src="https:\/\/cdn\.jsdelivr\.net\/npm\/confab-chat@[^"]+"[^>]*><\/script>/)?.[0] ?? '';
  // jsDelivr's answer headers that matter here: any origin may load it, and it may be cached.
  cdn = await startStaticServer({ [`/npm/confab-chat@${manifest.version}/dist/`]: DIST }, { 'access-control-allow-origin': '*', 'timing-allow-origin': '*' });
  pages = await mkdtemp(join(tmpdir(), 'confab-cdn-page-'));
});

afterEach(async () => {
  await server.idle();
  server.reset();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cdn?.close();
  if (pages) await rm(pages, { recursive: true, force: true });
});

/** A site's page holding the README's tag, with `extra` attributes; served by the suite's server, whose /api/chat/v1 is the site's own backend. */
async function sitePage(name: string, extra = ''): Promise<string> {
  const tag = readmeTag.replace(JSDELIVR, cdn.url).replace(README_CHAT_URL, `${server.url}/api/chat/v1`).replace('<script', `<script ${extra}`);
  await writeFile(join(pages, `${name}.html`), `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A site</title></head>\n<body><h1>A site</h1>\n${tag}\n</body></html>\n`);
  server.mount('site', pages);
  return `${server.url}/site/${name}.html`;
}

/** Every request the context makes, as `METHOD url`. */
function recordRequests(context: BrowserContext): string[] {
  const requests: string[] = [];
  context.on('request', (request: Request) => requests.push(`${request.method()} ${request.url()}`));
  return requests;
}

const originOf = (request: string) => new URL(request.split(' ')[1]!).origin;

/** A reader's visit: open, ask, vote, reload, open again, leave. */
async function visit(context: BrowserContext, url: string): Promise<string[]> {
  const page = await context.newPage();
  const { reader, errors } = chromiumReaderPage(page);
  await page.goto(url);
  await openPanel(reader);
  await askAndWait(reader, 'How do I embed confab?');
  await inWidget(reader, '[part~=feedback-positive]').click();
  await page.reload();
  await openPanel(reader);
  await inWidget(reader, 'li.message.assistant').first().waitFor();
  await page.close({ runBeforeUnload: true });
  await server.idle();
  return errors;
}

describe('the README script tag from a CDN', () => {
  it('1. package.json names confab.js for jsDelivr and unpkg, and the README loads it from jsDelivr at this version', () => {
    expect(manifest.jsdelivr).toBe('./dist/confab.js');
    expect(manifest.unpkg).toBe('./dist/confab.js');
    expect(readmeTag).toContain(`src="${JSDELIVR}/npm/confab-chat@${manifest.version}/dist/confab.js"`);
    expect(readmeTag).toContain(`data-chat-url="${README_CHAT_URL}"`);
    expect(readmeTag).not.toMatch(/data-(analytics|server)/);
  });

  it('1b. confab.js opens with V8\'s compile hint, so Chromium compiles the loader while it streams in (the minifier must not drop it)', async () => {
    const loader = await readFile(join(DIST, 'confab.js'), 'utf8');
    expect(loader.split('\n', 1)[0]).toBe('//# allFunctionsCalledOnLoad');
  });

  it('2. it works from the CDN origin, and with no analytics key or URL nothing goes anywhere but the site and the CDN', async () => {
    const url = await sitePage('plain');
    const context = await browser.newContext();
    const requests = recordRequests(context);
    const errors = await visit(context, url);

    expect(new Set(requests.map(originOf))).toEqual(new Set([server.url, cdn.url]));
    // The loader, and (issue 14) the panel chunk of its build and the core it imports, from
    // beside it, and the conversation list's chunk if the page was idle with the panel shown;
    // not the handoff's chunk, which this page does not use.
    const files = await readdir(DIST);
    const fromCdn = (pattern: RegExp) => ['confab.js', ...files.filter((name) => pattern.test(name))].map((file) => `GET ${cdn.url}/npm/confab-chat@${manifest.version}/dist/${file}`);
    const loaded = new Set(requests.filter((request) => originOf(request) === cdn.url));
    expect(new Set([...loaded].filter((request) => !request.includes('/confab-conversation-list-')))).toEqual(new Set(fromCdn(/^confab-(panel|core)-[\w-]+\.js$/)));
    expect(fromCdn(/^confab-(panel|core|conversation-list)-[\w-]+\.js$/)).toEqual(expect.arrayContaining([...loaded]));
    expect(requests.filter((request) => originOf(request) === server.url && request.includes('/api/')).every((request) => request.includes('/api/chat/v1/'))).toBe(true);
    expect(requests.some((request) => request === `POST ${server.url}/api/chat/v1/chat/completions`), 'the answer came from the site').toBe(true);
    expect([analytics().conversations.size, analytics().feedback.size, analytics().events.size], 'nothing was logged').toEqual([0, 0, 0]);
    expect(errors).toEqual([]);
  });

  it('3. the count sees a third party: the same tag with an analytics key logs to the analytics API', async () => {
    const url = await sitePage('logging', 'data-analytics-key="YOUR_WEB_INTEGRATION_KEY"');
    const context = await browser.newContext();
    // No request leaves the machine: the analytics API's answers are made here.
    await context.route('https://api.analytics.inkeep.com/**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }));
    const requests = recordRequests(context);
    const thirdParty = () => requests.filter((request) => ![server.url, cdn.url].includes(originOf(request)));
    const page = await context.newPage();
    const { reader, errors } = chromiumReaderPage(page);
    await page.goto(url);
    await openPanel(reader);
    await askAndWait(reader, 'How do I embed confab?');
    // Sent by the page's outbox, not left to the keepalive of a page being closed: the browser
    // does not always report those requests, and a send in doubt waits out its late-landing
    // window (2 minutes) before the next page sends the log again.
    await expect.poll(thirdParty, { timeout: 10_000 }).toContain('POST https://api.analytics.inkeep.com/conversations');
    await page.close({ runBeforeUnload: true });
    expect(new Set(thirdParty().map(originOf))).toEqual(new Set(['https://api.analytics.inkeep.com']));
    expect(errors).toEqual([]);
  });
});
