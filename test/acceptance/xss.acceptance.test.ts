// Issue 5, case 10: hostile answers, questions and sources in the built script-tag widget, in
// each engine, live and from stored history. A breakout shows by number: a call of xssHit(N),
// a load from any other origin (the server's report-only policy reports each, and the counted
// "elsewhere" origin sees it arrive), a dialog, a popup, or an element or attribute in the
// widget that the markdown renderer never makes.
import { describe, expect, it, vi } from 'vitest';
import type { Context, Page } from '../browser/engines/page';
import { ask, inWidget, openPanel, useAcceptanceSuite, waitForAnswers } from './support/browser';
import { xssCorpus, type XssFamily, type XssPayload } from './support/xss-corpus';

const suite = useAcceptanceSuite({ watchForeignLoads: true });

/** Words per streamed chunk of the stress answers (see where they are delivered). */
const STRESS_CHUNK_WORDS = 20;
/** The acceptance server's answer pace, restored after the stress answers. */
const NORMAL_PACE_MS = 2;
/**
 * The longest the page's main thread may stall while the huge and nested answers render.
 * Generous: the three engines' files share a 2-core machine, and WebKit alone takes about a
 * second for this history on a quiet one (measured: 0.4–4.3 s as the machine's load went
 * from quiet to 16). A renderer that hangs or goes quadratic takes far longer: the 185 KB
 * answer this case once caught froze the page for 52 s.
 */
const LONGEST_STALL_MS = 8_000;

/** Payload numbers whose `xssHit(N)` ran, in any frame or popup. */
async function watchForBreakouts(context: Context): Promise<number[]> {
  const ran: number[] = [];
  await context.exposeFunction('xssHit', (id: number) => void ran.push(id));
  // The longest stall of each page load's main thread, for the "stays usable" bound: a
  // heartbeat, since only Chromium reports long tasks.
  await context.addInitScript(() => {
    const heartbeat = { longest: 0, last: performance.now() };
    Object.defineProperty(window, 'heartbeat', { value: heartbeat });
    setInterval(() => {
      const now = performance.now();
      heartbeat.longest = Math.max(heartbeat.longest, now - heartbeat.last - 50);
      heartbeat.last = now;
    }, 50);
  });
  return ran;
}

/** The dialogs the page opened (each was dismissed). */
const dialogs = async (page: Page) => (await page.errors()).filter((line) => line.startsWith('dialog:'));

/**
 * Proves each watcher sees what it is for in this page (the marker is callable from a
 * frame, a load from elsewhere is reported and arrives), then clears what the proof left,
 * so the empty lists at the end are not empty for want of watching.
 */
async function proveWatchers(page: Page, ran: number[]): Promise<void> {
  await page.evaluate((elsewhere) => {
    const frame = document.createElement('iframe');
    frame.srcdoc = '<script>parent.xssHit(0)</script>';
    document.body.append(frame);
    new Image().src = `${elsewhere}/probe.png`;
  }, suite.server.elsewhere);
  await vi.waitFor(
    async () => {
      await page.evaluate(() => undefined);
      expect(ran).toEqual([0]);
      expect(suite.server.foreignLoads).toEqual([`${suite.server.elsewhere}/probe.png`]);
      expect(suite.server.elsewhereHits).toEqual(['GET /probe.png']);
    },
    { timeout: 10_000 },
  );
  await page.evaluate(() => document.querySelector('iframe')?.remove());
  ran.length = 0;
  suite.server.foreignLoads.length = 0;
  suite.server.elsewhereHits.length = 0;
}

const longestStall = (page: Page) => page.evaluate(() => (window as unknown as { heartbeat: { longest: number } }).heartbeat.longest);

/**
 * Everything in the widget, and in the page around it, that could run script or load a
 * resource: elements the renderer never makes, `on…` attributes, script-capable URLs, links
 * outside the URL policy or without `noopener noreferrer` and `_blank`. Runs in the page, in
 * one pass, so a 200 KB answer's many nodes check quickly.
 */
function findHazards(): string[] {
  const root = document.querySelector('confab-chat')!.shadowRoot!;
  const found: string[] = [];
  const show = (element: Element) => element.outerHTML.slice(0, 160);
  // Nowhere in the widget (its icons are inline SVG paths; its styles are adopted sheets).
  const never = 'script, iframe, frame, object, embed, base, meta, link, style, img, picture, source, video, audio, math, template, noscript, foreignObject, image, use, animate, set';
  const urlAttributes = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'srcset', 'poster', 'background']);
  for (const element of root.querySelectorAll(never)) found.push(`element: ${show(element)}`);
  for (const element of root.querySelectorAll('*')) {
    for (const { name, value } of element.attributes) {
      if (name.startsWith('on')) found.push(`handler: ${show(element)}`);
      if (urlAttributes.has(name) && /^[\s\0]*(javascript|data|vbscript)/i.test(value.replace(/[\t\n\r]/g, ''))) found.push(`url: ${show(element)}`);
    }
  }
  // What answers, sources, questions and conversation titles render: only the renderer's own
  // output, and the list's own time of each conversation (`<time datetime>`).
  const contentElements = new Set('P H3 H4 H5 H6 EM STRONG DEL CODE PRE BR A UL OL LI INPUT BLOCKQUOTE TABLE THEAD TBODY TR TH TD DIV HR BUTTON SPAN TIME'.split(' '));
  const contentAttributes = new Set('href title target rel alt class start type disabled checked part aria-label style tabindex dir datetime'.split(' '));
  const styles = new Set(['text-align: left;', 'text-align: center;', 'text-align: right;', 'overflow-x: auto;']);
  for (const content of root.querySelectorAll('.bubble, .sources, .open-conversation')) {
    for (const element of content.querySelectorAll('*')) {
      if (!contentElements.has(element.tagName)) found.push(`content element: ${show(element)}`);
      for (const { name, value } of element.attributes) {
        if (!contentAttributes.has(name)) found.push(`content attribute ${name}: ${show(element)}`);
        if (name === 'style' && !styles.has(value)) found.push(`style: ${show(element)}`);
      }
    }
    for (const link of content.querySelectorAll('a')) {
      const protocol = new URL(link.getAttribute('href') ?? '', location.href).protocol;
      if (!['http:', 'https:', 'mailto:'].includes(protocol)) found.push(`link scheme: ${show(link)}`);
      if (link.target !== '_blank' || !link.relList.contains('noopener') || !link.relList.contains('noreferrer')) found.push(`link target: ${show(link)}`);
    }
    for (const input of content.querySelectorAll('input')) {
      if (input.type !== 'checkbox' || !input.disabled) found.push(`input: ${show(input)}`);
    }
  }
  // The page itself: still its one script, nothing added.
  if (document.scripts.length !== 1) found.push(`${document.scripts.length} scripts in the page`);
  for (const element of document.querySelectorAll('iframe, object, embed, base, meta[http-equiv], img, link[rel=stylesheet], style')) found.push(`page element: ${show(element)}`);
  return found;
}

/** The payloads whose fingerprint the widget does not show (as text, or in a link's href or title). */
async function missingFingerprints(page: Page, payloads: XssPayload[]): Promise<number[]> {
  return page.evaluate((expected) => {
    const root = document.querySelector('confab-chat')!.shadowRoot!;
    const shown = [...root.querySelectorAll('.bubble, .sources')]
      .flatMap((content) => [content.textContent ?? '', ...[...content.querySelectorAll('a')].flatMap((link) => [link.getAttribute('href') ?? '', link.title])])
      .join('\n');
    return expected.filter(([, fingerprint]) => !shown.includes(fingerprint)).map(([id]) => id);
  }, payloads.map((payload) => [payload.id, payload.fingerprint] as const));
}

describe('hostile content in the script-tag widget', () => {
  it('10. an XSS corpus as answers, sources, questions and stored history: no script runs, nothing remote is fetched, the page stays usable', async () => {
    const corpus = xssCorpus(suite.server.elsewhere);
    expect(corpus.all.length).toBeGreaterThanOrEqual(40);
    const chat = suite.server.servers.chat;
    const context = await suite.newContext();
    const ran = await watchForBreakouts(context);
    const page = await suite.openPage(context, '/script-tag.html');
    const pageUrl = await page.url();
    await proveWatchers(page, ran);
    await openPanel(page);

    // One answer per family; the first questions are payloads themselves.
    let answers = 0;
    const deliver = async (question: string, family: XssFamily, chunkWords = 1) => {
      chat.script({ mode: 'reply', text: family.answer, chunkWords, ...(family.sources ? { sources: family.sources } : {}) });
      await ask(page, question);
      // A stress answer is shown a step per frame after it arrived; a loaded machine's WebKit
      // under Xvfb draws few frames a second.
      await waitForAnswers(page, ++answers, { timeout: chunkWords > 1 ? 45_000 : 20_000 });
    };
    for (const [index, family] of corpus.families.entries()) {
      await deliver(corpus.questions[index]?.text ?? `Show me ${family.name}`, family);
    }

    // The stress answers stream as fast as the socket takes them: at the normal pace their
    // thousands of words would take minutes, and the renderer's load is the point. In
    // chunks of 20 words: WebKitGTK alone, with no script at work, stalls the page for
    // seconds taking in 25,000 one-word chunks at socket speed, a load of its network layer
    // (a model's answer arrives over minutes), not of the renderer.
    chat.configure({ tokenDelayMs: 0 });
    await deliver('Show me something huge', corpus.huge, STRESS_CHUNK_WORDS);
    await deliver('Show me something deep', corpus.nested, STRESS_CHUNK_WORDS);
    chat.configure({ tokenDelayMs: NORMAL_PACE_MS });
    expect(await longestStall(page), 'nothing blocked the page for seconds').toBeLessThan(LONGEST_STALL_MS);

    // Still usable: the composer takes a question and a normal answer arrives, as markdown.
    await ask(page, 'How do I embed confab?');
    await waitForAnswers(page, ++answers);
    const last = inWidget(page, 'li.message.assistant .bubble').last();
    expect(await last.locator(':is(p, ul, ol, pre)').count()).toBeGreaterThan(1);

    expect(await page.evaluate(findHazards), 'live').toEqual([]);
    expect(await missingFingerprints(page, corpus.all), 'every payload arrived and shows as text').toEqual([]);

    // Stored history: reload (IndexedDB persists in the context), see the list, reopen it.
    await page.reload();
    await openPanel(page);
    await inWidget(page, 'button[aria-label="Conversations"]').click();
    await inWidget(page, '[part~=conversation]').first().waitFor();
    expect(await inWidget(page, '[part~=conversation]').count()).toBe(1);
    expect(await page.evaluate(findHazards), 'conversation list').toEqual([]);
    await inWidget(page, '[part~=conversation]').click();
    await waitForAnswers(page, answers);
    expect(await page.evaluate(findHazards), 'history').toEqual([]);
    expect(await missingFingerprints(page, corpus.all), 'every payload shows from history').toEqual([]);
    expect(await longestStall(page), 'history renders without blocking the page for seconds').toBeLessThan(LONGEST_STALL_MS);

    // The composer still works after the history render.
    await ask(page, 'What happens when the analytics API is down?');
    await waitForAnswers(page, answers + 1);

    await suite.server.idle();
    expect(await dialogs(page)).toEqual([]);
    expect(ran, 'xssHit(N) calls').toEqual([]);
    expect(suite.server.foreignLoads, 'loads tried from other origins').toEqual([]);
    expect(suite.server.elsewhereHits).toEqual([]);
    expect(await context.pageCount(), 'no popup opened').toBe(1);
    expect(await page.url(), 'the page never navigated').toBe(pageUrl);
    expect(await page.errors()).toEqual([]);
  }, 120_000);
});
