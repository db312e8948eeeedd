// Issue 14: the script-tag build is a loader (dist/confab.js) and a panel chunk of its own,
// dist/confab-panel-<hash>.js, loaded from beside it at idle or when wanted. What the visitor
// and the site see: only the launcher at startup; logs of an earlier visit delivered without
// opening the panel; a chunk that cannot be loaded leaves a working launcher, a translated
// sentence with Retry, a confab-error naming the file, and loses nothing (the logging chunk
// too, where the site logs, and the conversation list's chunk, in its own view); two script tags and a loader next to a newer build's
// chunk break nothing. Pages are written per case into a
// folder of their own, with the build's files copied beside them.
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Page } from '../browser/engines/page';
import { DIST } from './support/acceptance-server';
import { confabErrors, notAMissingFile, recordConfabErrors, scriptsLoaded } from './support/chunks';
import { scanWidget } from './support/accessibility';
import { askAndWait, inWidget, openPanel, useAcceptanceSuite, waitForAnswers } from './support/browser';

const suite = useAcceptanceSuite();
const analytics = () => suite.server.servers.analytics;
const QUESTION = 'How do I embed confab?';
const SCRIPT_ATTRIBUTES = `data-chat-url="/api/chat/v1" data-model="confab-docs" data-analytics-url="/api/analytics" data-analytics-key="confab-demo-web-key" data-user-id="visitor-1"`;

const panelFile = async () => (await readdir(DIST)).find((name) => /^confab-panel-[\w-]+\.js$/.test(name))!;
/** Every chunk of the build, served beside confab.js: the panel's entry and core, and each feature's. */
const chunkFiles = async () => (await readdir(DIST)).filter((name) => /^confab-[\w-]+\.js$/.test(name));
const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

/** A site in a folder of its own under `/name/`: `index.html` in `lang` with `tags`, and the build's files it is given. */
async function site(name: string, files: string[], tags = `<script src="confab.js" ${SCRIPT_ATTRIBUTES}></script>`, lang = 'en'): Promise<{ path: string; folder: string }> {
  const folder = await mkdtemp(join(tmpdir(), `confab-loader-${name}-`));
  folders.push(folder);
  for (const file of files) await copyFile(join(DIST, file), join(folder, file));
  await writeFile(join(folder, 'index.html'), `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${name}</title></head><body><h1>A website</h1>${tags}</body></html>`);
  suite.server.mount(name, folder);
  return { path: `/${name}/index.html`, folder };
}


/** What the widget showed at one moment: the panel's title, placeholder and language (null before the panel), and whether a launcher was there. */
interface Frame {
  title: string | null;
  placeholder: string | null;
  lang: string | null;
  launcher: boolean;
}

/**
 * Records what the widget shows at every change of its shadow root, from its first frame. A
 * MutationObserver runs before the browser paints, so no frame goes unseen.
 */
function recordFrames() {
  const frames: Frame[] = [];
  Object.assign(window, { __frames: frames });
  void customElements.whenDefined('confab-chat').then(() => {
    const root = document.querySelector('confab-chat')?.shadowRoot;
    if (!root) throw new Error('no <confab-chat> with a shadow root to watch');
    new MutationObserver(() =>
      frames.push({
        title: root.querySelector('h2.title')?.textContent ?? null,
        placeholder: root.querySelector('[part~=input]')?.getAttribute('placeholder') ?? null,
        lang: root.querySelector('.root')?.getAttribute('lang') ?? null,
        launcher: root.querySelector('[part~=launcher]') !== null,
      }),
    ).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** The frames recorded, and those of them that showed the panel. */
async function framesSeen(page: Page): Promise<{ all: Frame[]; panel: Frame[] }> {
  const all = await page.evaluate(() => (window as Window & { __frames?: Frame[] }).__frames ?? []);
  return { all, panel: all.filter((frame) => frame.title !== null) };
}

const languageFile = async (language: string) => (await readdir(DIST)).find((name) => new RegExp(`^confab-${language}-[\\w-]+\\.js$`).test(name))!;
const GERMAN = { title: 'KI fragen', placeholder: 'Stellen Sie eine Frage…', lang: 'de' };
const ENGLISH_TITLE = 'Ask AI';

describe('the loader and its panel chunk', () => {
  it('1. at startup only the launcher is rendered; the panel chunk loads at idle, and the panel renders when opened', async () => {
    const context = await suite.newContext();
    const page = await suite.openPage(context, '/script-tag.html');
    const panel = await panelFile();
    await expect.poll(() => scriptsLoaded(page), { message: 'the panel chunk loads at idle, unasked' }).toContain(panel);
    expect(await inWidget(page, '[part~=panel]').count(), 'no panel rendered before it is wanted').toBe(0);
    await openPanel(page);
    await askAndWait(page, QUESTION);
    expect(await scriptsLoaded(page)).toEqual(expect.arrayContaining(['confab.js', panel]));
    expect(await page.errors()).toEqual([]);
  });

  it('2. logs an earlier visit left waiting are delivered a few seconds after load, the panel never opened', async () => {
    const context = await suite.newContext();
    const first = await suite.openPage(context, '/script-tag.html');
    await openPanel(first);
    analytics().faults.failNext(10_000, { status: 503 });
    // Only this case's conversation counts: a log the previous case's closed page sent late may
    // have landed before the fault was set.
    const earlier = new Set(analytics().state.conversations.keys());
    const ours = () => [...analytics().state.conversations.values()].filter((conversation) => !earlier.has(conversation.id));
    await askAndWait(first, QUESTION);
    await vi.waitFor(() => expect(analytics().stats.snapshot().byStatus['503']).toBeGreaterThan(0), { timeout: 15_000 });
    await first.close();

    // The fault stays until the next page's outbox has met it too: whatever the closed page
    // still sends (Firefox may send its keepalive log seconds after the page is closed) is
    // refused, so what is delivered after the fault is lifted is the next page's doing.
    const refused = () => analytics().stats.snapshot().byStatus['503'] ?? 0;
    const before = refused();
    const page = await suite.openPage(context, '/script-tag.html');
    await vi.waitFor(() => expect(refused()).toBeGreaterThan(before), { timeout: 15_000 });
    await suite.server.idle(1_500);
    expect(ours(), 'nothing logged yet').toEqual([]);
    analytics().faults.reset();
    await vi.waitFor(() => expect(ours()[0]?.messages).toHaveLength(2), { timeout: 20_000 });
    expect(await inWidget(page, '[part~=panel]').count(), 'delivered without the panel').toBe(0);
    expect(await page.errors()).toEqual([]);
  });

  it('3. a panel chunk that cannot be loaded: the launcher works, confab-error names the file, opening says so with Retry, and a send() waits and is answered', async () => {
    const panel = await panelFile();
    const { path, folder } = await site('missing-chunk', ['confab.js']);
    const context = await suite.newContext();
    await context.addInitScript(recordConfabErrors);
    const page = await suite.openPage(context, path);
    const launcher = inWidget(page, '[part~=launcher]');
    // The idle load fails: each missing file is reported by name (the panel's, and the logging
    // chunk this site that logs loads beside it); the launcher stays.
    const logging = (await chunkFiles()).find((name) => /^confab-analytics-[\w-]+\.js$/.test(name))!;
    const named = async () => (await confabErrors(page)).map((error) => `${error.code} ${/confab-[\w-]+\.js/.exec(error.message)?.[0]}`).sort();
    await expect.poll(named).toEqual([`chunk_load_failed ${logging}`, `chunk_load_failed ${panel}`].sort());

    await launcher.click();
    const failure = inWidget(page, '[part~=load-failed]');
    await failure.waitFor();
    expect(await failure.locator('p').innerText()).toBe('The chat could not be loaded. Check your connection, then try again.');
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    // The page sends while the chunk is missing: the question is kept, not lost.
    await page.evaluate((question) => void window.confab!.send(question), QUESTION);
    // The send asks for the chunk again; that attempt fails too before the file comes back.
    const retry = failure.locator('button');
    await retry.waitFor();

    for (const file of await chunkFiles()) await copyFile(join(DIST, file), join(folder, file));
    expect(await retry.innerText()).toBe('Retry');
    await retry.click();
    await waitForAnswers(page, 1);
    expect(await inWidget(page, 'li.message.user .bubble').allInnerTexts()).toEqual([QUESTION]);
    expect(await inWidget(page, '[part~=load-failed]').count()).toBe(0);
    await vi.waitFor(() => expect([...analytics().state.conversations.values()][0]?.messages).toHaveLength(2), { timeout: 15_000 });
    expect((await page.errors()).filter(notAMissingFile)).toEqual([]);
  });

  it('6. keys typed between opening and the panel’s arrival go into the composer; a space does not close the panel', async () => {
    const { path, folder } = await site('late-chunk', ['confab.js']);
    const context = await suite.newContext();
    const page = await suite.openPage(context, path);
    const launcher = inWidget(page, '[part~=launcher]');
    await launcher.click();
    await inWidget(page, '[part~=load-failed]').waitFor();
    await launcher.focus();
    await page.keyboard.type('how do I embed');
    await page.keyboard.press('Backspace');
    expect(await launcher.getAttribute('aria-expanded'), 'still open').toBe('true');
    for (const file of await chunkFiles()) await copyFile(join(DIST, file), join(folder, file));
    await inWidget(page, '[part~=load-failed] button').click();
    const input = inWidget(page, '[part=input]');
    await input.waitFor();
    await expect.poll(() => input.evaluate((box) => (box as HTMLTextAreaElement).value)).toBe('how do I embe');
    expect((await page.errors()).filter(notAMissingFile)).toEqual([]);
  });

  it('4. two script tags: one widget, one panel, and it answers', async () => {
    const tag = `<script src="confab.js" ${SCRIPT_ATTRIBUTES}></script>`;
    const { path } = await site('twice', ['confab.js', ...(await chunkFiles())], `${tag}${tag}`);
    const context = await suite.newContext();
    const page = await suite.openPage(context, path);
    expect(await page.evaluate(() => document.querySelectorAll('confab-chat').length)).toBe(1);
    await openPanel(page);
    await askAndWait(page, QUESTION);
    expect(await inWidget(page, '[part~=panel]').count()).toBe(1);
    expect(await page.errors()).toEqual([]);
  });

  it("5. version skew: a loader beside a newer build's chunk loads the chunk of its own build", async () => {
    const panel = await panelFile();
    const { path, folder } = await site('skew', ['confab.js', ...(await chunkFiles())]);
    // A newer build's panel, deployed beside the cached loader: never the one this loader asks for.
    await writeFile(join(folder, 'confab-panel-Newer0Build.js'), 'throw new Error("a newer build\'s panel was loaded by an older loader");\n');
    const context = await suite.newContext();
    const page = await suite.openPage(context, path);
    await openPanel(page);
    await askAndWait(page, QUESTION);
    const loaded = await scriptsLoaded(page);
    expect(loaded).toContain(panel);
    expect(loaded).not.toContain('confab-panel-Newer0Build.js');
    expect(await page.errors()).toEqual([]);
  });

  it('7. a German page loads the German texts with the panel at idle, and not the Arabic ones; the panel opens in German, never a frame of English', async () => {
    const [german, arabic] = [await languageFile('de'), await languageFile('ar')];
    const { path } = await site('german', ['confab.js', ...(await chunkFiles())], undefined, 'de');
    const context = await suite.newContext();
    await context.addInitScript(recordFrames);
    const page = await suite.openPage(context, path);
    await expect.poll(() => scriptsLoaded(page), { message: 'the German texts load at idle, with the panel' }).toContain(german);
    await openPanel(page);
    await askAndWait(page, QUESTION);
    const { panel } = await framesSeen(page);
    expect(panel.length).toBeGreaterThan(0);
    expect(panel.filter((frame) => frame.title !== GERMAN.title || frame.placeholder !== GERMAN.placeholder), 'every frame in German').toEqual([]);
    expect(await scriptsLoaded(page)).not.toContain(arabic);
    expect(await page.errors()).toEqual([]);
  });

  it('8. a cold open on a German page: the panel waits for its German texts (the launcher stays), and its first frame is German', async () => {
    const { path, folder } = await site('german-cold', ['confab.js'], undefined, 'de');
    const context = await suite.newContext();
    await context.addInitScript(recordFrames);
    const page = await suite.openPage(context, path);
    const launcher = inWidget(page, '[part~=launcher]');
    await launcher.click();
    // The loader's own texts are German too.
    const retry = inWidget(page, '[part~=load-failed] button');
    await retry.waitFor();
    expect(await retry.innerText()).toBe('Erneut versuchen');
    for (const file of await chunkFiles()) await copyFile(join(DIST, file), join(folder, file));
    await retry.click();
    await inWidget(page, '[part~=input]').waitFor();
    const { all, panel } = await framesSeen(page);
    expect(panel[0], 'the first frame of the panel').toEqual({ ...GERMAN, launcher: true });
    expect(panel.filter((frame) => frame.title === ENGLISH_TITLE), 'no frame of English').toEqual([]);
    expect(all.filter((frame) => frame.title === null && !frame.launcher), 'never without a launcher while the texts came').toEqual([]);
    expect(await launcher.getAttribute('aria-label')).toBe('Chat schließen');
    expect((await page.errors()).filter(notAMissingFile)).toEqual([]);
  });

  it('9. German texts that cannot be loaded: the panel opens in English, each attempt reported naming the file, and an opening after the file is back shows German', async () => {
    const german = await languageFile('de');
    const { path, folder } = await site('german-missing', ['confab.js', ...(await chunkFiles()).filter((file) => file !== german)], undefined, 'de');
    const context = await suite.newContext();
    await context.addInitScript(recordConfabErrors);
    const page = await suite.openPage(context, path);
    const failed = expect.objectContaining({ code: 'chunk_load_failed', message: expect.stringContaining(german) });
    // The idle load fails: reported once, naming the file.
    await expect.poll(() => confabErrors(page)).toEqual([failed]);
    // Opening tries again (and fails again, reported again); the panel does not wait for it: English, and it answers.
    await openPanel(page);
    expect(await inWidget(page, 'h2.title').innerText()).toBe(ENGLISH_TITLE);
    await askAndWait(page, QUESTION);
    await expect.poll(() => confabErrors(page)).toEqual([failed, failed]);

    await copyFile(join(DIST, german), join(folder, german));
    await inWidget(page, '[part~=launcher]').click();
    await inWidget(page, '[part~=launcher]').click();
    await expect.poll(() => inWidget(page, 'h2.title').innerText()).toBe(GERMAN.title);
    expect(await inWidget(page, 'li.message.user .bubble').allInnerTexts(), 'the conversation stays').toEqual([QUESTION]);
    expect(await confabErrors(page), 'nothing more reported').toHaveLength(2);
    expect((await page.errors()).filter(notAMissingFile)).toEqual([]);
  });

  it('10. a logging chunk that cannot be loaded, where the site logs: the launcher works, confab-error names the file, opening says so with Retry; what the visitor typed is kept, and once the file is there Retry starts the chat and its log is delivered', async () => {
    const logging = (await chunkFiles()).find((name) => /^confab-analytics-[\w-]+\.js$/.test(name))!;
    const { path, folder } = await site('missing-logging', (await chunkFiles()).filter((name) => name !== logging).concat('confab.js'));
    const earlier = new Set(analytics().state.conversations.keys());
    const ours = () => [...analytics().state.conversations.values()].filter((conversation) => !earlier.has(conversation.id));
    const context = await suite.newContext();
    await context.addInitScript(recordConfabErrors);
    const page = await suite.openPage(context, path);
    // The idle load fails: reported, naming the logging file (the panel's own is there).
    await expect.poll(() => confabErrors(page)).toEqual([expect.objectContaining({ code: 'chunk_load_failed', message: expect.stringContaining(logging) })]);

    // No chat without its log: the panel does not start, the loader says so with Retry.
    const launcher = inWidget(page, '[part~=launcher]');
    await launcher.click();
    const failure = inWidget(page, '[part~=load-failed]');
    await failure.waitFor();
    expect(await failure.locator('p').innerText()).toBe('The chat could not be loaded. Check your connection, then try again.');
    expect(await inWidget(page, '[part~=panel]').count()).toBe(0);
    await launcher.focus();
    await page.keyboard.type('How do I embed');

    await copyFile(join(DIST, logging), join(folder, logging));
    await failure.locator('button').click();
    const input = inWidget(page, '[part=input]');
    await input.waitFor();
    await expect.poll(() => input.evaluate((box) => (box as HTMLTextAreaElement).value), { message: 'what was typed meanwhile is kept' }).toBe('How do I embed');
    await input.fill(QUESTION);
    await input.press('Enter');
    await waitForAnswers(page, 1);
    await vi.waitFor(() => expect(ours()[0]?.messages).toHaveLength(2), { timeout: 20_000 });
    expect(await scriptsLoaded(page)).toContain(logging);
    expect((await page.errors()).filter(notAMissingFile)).toEqual([]);
  });

  it('10b. a site that does not log never fetches the logging chunk, and its chat works', async () => {
    const logging = (await chunkFiles()).find((name) => /^confab-analytics-[\w-]+\.js$/.test(name))!;
    const tag = '<script src="confab.js" data-chat-url="/api/chat/v1" data-model="confab-docs"></script>';
    const { path } = await site('no-logging', ['confab.js', ...(await chunkFiles())], tag);
    const context = await suite.newContext();
    const page = await suite.openPage(context, path);
    await expect.poll(() => scriptsLoaded(page), { message: 'the panel chunk loads at idle' }).toContain(await panelFile());
    await openPanel(page);
    await askAndWait(page, QUESTION);
    expect(await scriptsLoaded(page)).not.toContain(logging);
    expect(await page.errors()).toEqual([]);
  });

  it('11. a conversation list chunk that cannot be loaded: fetched ahead, it fails quietly; opened, the list view says so with Retry and confab-error names the file; the chat works on, and Retry shows the list', async () => {
    const list = (await chunkFiles()).find((name) => name.startsWith('confab-conversation-list-'))!;
    const { path, folder } = await site('missing-list', ['confab.js', ...(await chunkFiles()).filter((name) => name !== list)]);
    const context = await suite.newContext();
    await context.addInitScript(recordConfabErrors);
    const page = await suite.openPage(context, path);
    await openPanel(page);
    await askAndWait(page, QUESTION);
    // Fetched ahead once the panel is shown and the page idle: that fails, unreported (the
    // visitor did not ask for the list, and may just be offline).
    await expect.poll(() => scriptsLoaded(page), { message: 'the list chunk is asked for at idle' }).toContain(list);
    expect(await confabErrors(page)).toEqual([]);

    // The visitor asks for the list: asked for again, it fails again, and that is reported.
    await inWidget(page, '[aria-label=Conversations]').click();
    expect(await inWidget(page, '[part~=header] h2').innerText()).toBe('Conversations');
    const failure = inWidget(page, '[part~=conversations][role=status]');
    await failure.waitFor();
    expect(await failure.locator('p').innerText()).toBe('The conversation list could not be loaded. Check your connection, then try again.');
    await expect.poll(() => confabErrors(page)).toEqual([expect.objectContaining({ code: 'chunk_load_failed', message: expect.stringContaining(list) })]);
    const scan = await scanWidget(page);
    expect(scan.checked, 'axe-core looked at the widget').toBeGreaterThan(0);
    expect(scan.violations, 'the failed list view, by axe-core').toEqual([]);

    // Nothing else breaks: a new conversation is asked and answered.
    await inWidget(page, '[part~=new-conversation]').click();
    await askAndWait(page, 'Where are conversations stored?');
    await inWidget(page, '[aria-label=Conversations]').click();
    const retry = failure.getByRole('button', { name: 'Retry' });
    await retry.waitFor();

    await copyFile(join(DIST, list), join(folder, list));
    await retry.click();
    await expect.poll(() => inWidget(page, '.open-conversation').count()).toBe(2);
    expect(await inWidget(page, '[part~=conversations][role=status]').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelector('confab-chat')!.shadowRoot!.activeElement?.className), 'the focus went from Retry to the list').toBe('search');
    expect((await page.errors()).filter(notAMissingFile)).toEqual([]);
  });
});
