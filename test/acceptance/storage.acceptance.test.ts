// Issue 11, storage 1–6: the built script-tag widget in each engine, its real IndexedDB broken
// the ways browsers and other scripts break it: junk records, an opaque origin (a sandboxed
// page, a sandboxed iframe), a full quota mid-session, an upgrade another tab blocks. In each,
// the reader reads what it means in the panel, the chat answers, and the analytics server
// ends up with every message the reader saw.
import { describe, expect, it, vi } from 'vitest';
import { itExceptIn } from '../browser/engines/engine-cases';
import type { Page } from '../browser/engines/page';
import { IDB_OPEN_TIMEOUT_MS } from '../../src/sdk/idb-connection';
import { resolveStrings } from '../../src/widget/i18n';
import { askAndWait, inWidget, openPanel, useAcceptanceSuite, waitForAnswers } from './support/browser';

const suite = useAcceptanceSuite();
const analytics = () => suite.server.servers.analytics;
const logged = () => [...analytics().state.conversations.values()];
const loggedTexts = () => logged().map((conversation) => conversation.messages.map(({ role, content }) => `${role}: ${typeof content === 'string' ? content : JSON.stringify(content)}`));

/** What the panel says, in the widget's own English. */
const { storage: NOTICE } = resolveStrings('en').strings;

/** The databases of the page's widget (store name `default`): database → object store (idb-outbox-store.ts, kv-backend.ts). */
const CHAT_DB = 'confab-chat-default';
const OUTBOX_DB = 'confab-outbox-default';
const DATABASES: Array<[name: string, store: string]> = [
  [CHAT_DB, 'records'],
  [OUTBOX_DB, 'entries'],
];

type ErrorsWindow = Window & { confabErrors?: Array<{ code: string; message: string }> };

/** Every confab-error the page's widget fired since it loaded (pages/confab-errors.js). */
const confabErrors = (page: Page) => page.evaluate(() => (window as ErrorsWindow).confabErrors ?? []);

/** The storage notice the panel shows, or `''`. */
const notice = async (page: Page) => ((await inWidget(page, '[part~=storage-notice]').count()) ? (await inWidget(page, '[part~=storage-notice]').innerText()).trim() : '');

/** Another page of the site, without the widget: another tab. */
async function otherTab(page: Page): Promise<void> {
  await page.goto(`${suite.server.url}/blank.html`);
}

/** Writes `records` (key → value) into object store `store` of database `name`, as another script would. */
function writeRecords(page: Page, name: string, store: string, records: Array<[string, unknown]>): Promise<void> {
  return page.evaluate(
    ([name, store, records]) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open(name);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const database = open.result;
          const transaction = database.transaction(store, 'readwrite');
          for (const [key, value] of records) transaction.objectStore(store).put(value, key);
          transaction.oncomplete = () => {
            database.close();
            done();
          };
          transaction.onerror = () => fail(transaction.error);
        };
      }),
    [name, store, records] as [string, string, Array<[string, unknown]>],
  );
}

/** Every record of object store `store` of database `name`, as key → value. */
function readRecords(page: Page, name: string, store: string): Promise<Array<[string, unknown]>> {
  return page.evaluate(
    ([name, store]) =>
      new Promise<Array<[string, unknown]>>((done, fail) => {
        const open = indexedDB.open(name);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const database = open.result;
          const objects = database.transaction(store, 'readonly').objectStore(store);
          const keys = objects.getAllKeys();
          const values = objects.getAll();
          values.onsuccess = () => {
            database.close();
            done((keys.result as IDBValidKey[]).map((key, index) => [String(key), values.result[index]]));
          };
          values.onerror = () => fail(values.error);
        };
      }),
    [name, store] as [string, string],
  );
}

/** The reader's messages on screen, as `role: text`. */
const onScreen = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelector('confab-chat')!.shadowRoot!.querySelectorAll('li.message')].map(
      (item) => `${item.classList.contains('user') ? 'user' : 'assistant'}: ${(item.querySelector('.bubble') as HTMLElement | null)?.innerText.trim() ?? ''}`,
    ),
  );

/**
 * Whether the logged history holds what the reader saw: the questions word for word, and each
 * answer as markdown whose plain words are the ones on screen.
 */
function sameWords(loggedText: string, shown: string): boolean {
  const words = (text: string) => text.replace(/[*_`#>|~[\]()-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words(loggedText) === words(shown) || words(loggedText).includes(words(shown).slice(0, 60));
}

/** Waits until the analytics server holds the conversation on screen, every message of it. */
async function expectLoggedAsSeen(page: Page): Promise<void> {
  const seen = await onScreen(page);
  await vi.waitFor(
    () => {
      const history = loggedTexts().find((messages) => messages[0] === seen[0]) ?? [];
      expect(history).toHaveLength(seen.length);
      history.forEach((message, index) => expect(sameWords(message, seen[index]!), `${message}\n  vs on screen\n${seen[index]}`).toBe(true));
    },
    { timeout: 15_000, interval: 100 },
  );
}

describe('what the reader sees when storage fails, and what the analytics server still gets', () => {
  it('11.1 and 11.5: junk in both databases: the good conversation is listed and opens, its pending log is delivered, the panel says some could not be read, and a new question is answered and logged', async () => {
    const context = await suite.newContext();
    // A first visit whose log the analytics server refuses: it stays in the outbox, pending.
    analytics().faults.failRate(1, { status: 503, seed: 11 });
    const first = await suite.openPage(context, '/storage.html');
    await openPanel(first);
    await askAndWait(first, 'How do I embed confab?');
    await vi.waitFor(() => expect(suite.server.requests.some((request) => request.method === 'POST' && request.path.startsWith('/api/analytics/conversations'))).toBe(true), {
      timeout: 10_000,
    });
    await first.close();

    // Another script (an old version, a partial write) leaves junk next to the good records.
    const tab = await context.newPage();
    await otherTab(tab);
    const outbox = await readRecords(tab, OUTBOX_DB, 'entries');
    const pending = outbox.find(([, value]) => (value as { kind?: string }).kind === 'logConversation');
    expect(pending, `the first visit's log waits in the outbox (${JSON.stringify(outbox.map(([key]) => key))})`).toBeDefined();
    const [pendingKey, pendingEntry] = pending!;
    await writeRecords(tab, OUTBOX_DB, 'entries', [
      ['conversation:junk', null],
      // A whole operation, filed under another key than its own.
      ['conversation:misfiled', { ...(pendingEntry as object), key: pendingKey.replace('conversation:', 'conversation:other-') }],
      ['event:junk', 'not an operation'],
      ['feedback:partial', { key: 'feedback:partial', kind: 'logFeedback' }],
    ]);
    const conversationKeys = (await readRecords(tab, CHAT_DB, 'records')).map(([key]) => key).filter((key) => key.startsWith('conv:'));
    expect(conversationKeys).toHaveLength(1);
    await writeRecords(tab, CHAT_DB, 'records', [
      ['conv:x', null],
      ['conv:y', { id: 'y', title: 42 }],
    ]);
    await tab.close();

    // The next visit, with the analytics server well again.
    analytics().faults.reset();
    const page = await suite.openPage(context, '/storage.html');
    await vi.waitFor(() => expect(loggedTexts()).toEqual([[expect.stringMatching(/^user: How do I embed confab\?$/), expect.stringMatching(/^assistant: \S/)]]), { timeout: 15_000 });
    await openPanel(page);
    await expect.poll(() => notice(page)).toBe(NOTICE.unreadable);

    await inWidget(page, 'button[aria-label="Conversations"]').click();
    await expect.poll(() => inWidget(page, '[part~=conversation]').count()).toBe(1);
    await inWidget(page, '[part~=conversation]').click();
    await waitForAnswers(page, 1);
    expect(await inWidget(page, 'li.message.user .bubble').allInnerTexts()).toEqual(['How do I embed confab?']);

    // Each bad record was reported, once, with its key; the junk was set aside, not deleted.
    const reported = (await confabErrors(page)).filter(({ code }) => code === 'storage_unavailable').map(({ message }) => message);
    for (const key of ['"conv:x"', '"conv:y"', '"conversation:junk"', '"conversation:misfiled"', '"event:junk"', '"feedback:partial"']) {
      expect(reported.filter((message) => message.includes(key)), `reported: ${key}\n${reported.join('\n')}`).toHaveLength(1);
    }
    const tab2 = await context.newPage();
    await otherTab(tab2);
    const keys = (await readRecords(tab2, OUTBOX_DB, 'entries')).map(([key]) => key);
    expect(keys).toEqual(expect.arrayContaining(['~aside:conversation:junk', '~aside:conversation:misfiled', '~aside:event:junk', '~aside:feedback:partial']));
    await tab2.close();

    // A new question is answered and logged.
    await inWidget(page, '[part~=new-conversation]').click();
    await askAndWait(page, 'What happens when the analytics API is down?');
    await expectLoggedAsSeen(page);
    expect(logged()).toHaveLength(2);
    expect(suite.server.requests.filter((request) => request.path.includes('undefined')), 'no request built from junk').toEqual([]);
    expect(await page.errors()).toEqual([]);
  });

  it('11.2a: a page in an opaque origin (CSP sandbox): the panel says nothing is kept, and the reader still asks, reads the answer, and it is logged', async () => {
    const context = await suite.newContext();
    const page = await suite.openPage(context, '/storage.sandboxed.html');
    expect(await page.evaluate(() => self.origin), 'the page runs in an opaque origin').toBe('null');
    await openPanel(page);
    await expect.poll(() => notice(page)).toBe(NOTICE.unavailable);
    await askAndWait(page, 'How do I embed confab?');
    await expectLoggedAsSeen(page);
    // From an opaque origin every call is cross-origin, from `null`: the reference servers' CORS allows it.
    const logCalls = suite.server.requests.filter((request) => request.path.startsWith('/api/analytics/conversations') && request.method === 'POST');
    expect(logCalls.map((request) => request.origin)).toContain('null');
    const codes = (await confabErrors(page)).map(({ code }) => code);
    expect(codes).toContain('storage_unavailable');
    expect(await page.errors()).toEqual([]);
  });

  it('11.2b: a sandboxed iframe (allow-scripts only) whose own script calls send(): it reports the answer and the notice to its parent, and the conversation is logged', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/sandboxed-frame-host.html`);
    type Report = { origin: string; question: string; answers: string[]; notice: string[]; errors: Array<{ code: string; message: string }> };
    type HostWindow = Window & { frameReports: Report[] };
    await page.waitForFunction(() => (window as unknown as HostWindow).frameReports.length > 0, undefined, { timeout: 30_000 });
    const [report, ...more] = await page.evaluate(() => (window as unknown as HostWindow).frameReports);
    expect(more).toEqual([]);
    expect(report!.origin).toBe('null');
    expect(report!.errors.filter(({ code }) => code !== 'storage_unavailable'), 'nothing failed but storage').toEqual([]);
    expect(report!.errors.length).toBeGreaterThan(0);
    expect(report!.notice).toEqual([NOTICE.unavailable]);
    expect(report!.answers).toHaveLength(1);
    expect(report!.answers[0]).toMatch(/\S/);
    await vi.waitFor(
      () => {
        const [history, ...others] = loggedTexts();
        expect(others).toEqual([]);
        expect(history).toHaveLength(2);
        expect(history![0]).toBe(`user: ${report!.question}`);
        expect(sameWords(history![1]!, `assistant: ${report!.answers[0]}`)).toBe(true);
      },
      { timeout: 15_000 },
    );
    expect(suite.server.requests.filter((request) => request.path.startsWith('/api/analytics/')).map((request) => request.origin)).toContain('null');
    expect(await page.errors()).toEqual([]);
  });

  it('11.3a: an upgrade another tab blocks: the widget gives up opening after its timeout, says nothing is kept, and still answers and logs', async () => {
    const context = await suite.newContext();
    // An old tab holds both databases at version 1 and ignores versionchange; another asks
    // for version 2, which waits for it forever, and every later open waits behind that.
    const holder = await context.newPage();
    await otherTab(holder);
    await holder.evaluate(
      (databases) =>
        Promise.all(
          databases.map(
            ([name, store]) =>
              new Promise<void>((done, fail) => {
                const request = indexedDB.open(name, 1);
                request.onupgradeneeded = () => request.result.createObjectStore(store);
                request.onsuccess = () => {
                  (window as unknown as { held: IDBDatabase[] }).held = [...((window as unknown as { held?: IDBDatabase[] }).held ?? []), request.result];
                  done();
                };
                request.onerror = () => fail(request.error);
              }),
          ),
        ),
      DATABASES,
    );
    const upgrader = await context.newPage();
    await otherTab(upgrader);
    type UpgradeWindow = Window & { upgrades: Record<string, string> };
    await upgrader.evaluate((databases) => {
      const upgrades: Record<string, string> = {};
      (window as unknown as UpgradeWindow).upgrades = upgrades;
      for (const [name] of databases) {
        const request = indexedDB.open(name, 2);
        upgrades[name] = 'waiting';
        request.onblocked = () => (upgrades[name] = 'blocked');
        request.onsuccess = () => (upgrades[name] = 'open');
        request.onerror = () => (upgrades[name] = `failed: ${String(request.error)}`);
      }
    }, DATABASES);
    await upgrader.waitForFunction(() => Object.values((window as unknown as UpgradeWindow).upgrades).every((state) => state === 'blocked'));

    const page = await suite.openPage(context, '/storage.html');
    await openPanel(page);
    await expect.poll(() => notice(page), { timeout: 20_000 }).toBe(NOTICE.unavailable);
    const reported = (await confabErrors(page)).map(({ message }) => message);
    expect(reported.some((message) => message.includes(`"${CHAT_DB}" did not open within ${IDB_OPEN_TIMEOUT_MS} ms`)), reported.join('\n')).toBe(true);
    await askAndWait(page, 'How do I embed confab?');
    await expectLoggedAsSeen(page);
    const reportedLater = (await confabErrors(page)).map(({ message }) => message);
    expect(reportedLater.some((message) => message.startsWith('IndexedDB cannot be used on this page: pending logs are kept in memory')), reportedLater.join('\n')).toBe(true);
    expect(await upgrader.evaluate(() => (window as unknown as UpgradeWindow).upgrades), 'the upgrade is still blocked by the old tab, not by the widget').toEqual({ [CHAT_DB]: 'blocked', [OUTBOX_DB]: 'blocked' });
    expect(await page.errors()).toEqual([]);
  });

  it("11.3b: the widget's own connections never block another tab's upgrade: they close on versionchange, and the widget opens the new version on its next turn", async () => {
    const context = await suite.newContext();
    const page = await suite.openPage(context, '/storage.html');
    await openPanel(page);
    await askAndWait(page, 'How do I embed confab?');
    await expectLoggedAsSeen(page);

    // A newer version of the site, in another tab, upgrades the widget's databases.
    const upgrader = await context.newPage();
    await otherTab(upgrader);
    const upgraded = await upgrader.evaluate(
      (names) =>
        Promise.all(
          names.map(
            (name) =>
              new Promise<string>((done) => {
                const request = indexedDB.open(name, 2);
                let blocked = false;
                const giveUp = setTimeout(() => done(`${name}: still blocked after 10 s`), 10_000);
                request.onblocked = () => (blocked = true);
                request.onsuccess = () => {
                  clearTimeout(giveUp);
                  request.result.close();
                  done(`${name}: version ${request.result.version}${blocked ? ', after a blocked event' : ''}`);
                };
                request.onerror = () => done(`${name}: ${String(request.error)}`);
              }),
          ),
        ),
      DATABASES.map(([name]) => name),
    );
    expect(upgraded).toEqual([`${CHAT_DB}: version 2`, `${OUTBOX_DB}: version 2`]);

    await askAndWait(page, 'What happens when the analytics API is down?');
    await expectLoggedAsSeen(page);
    expect(await notice(page), 'the widget keeps its conversations in the upgraded database').toBe('');
    // Both turns were kept: the next visit resumes the conversation whole.
    await page.reload();
    await openPanel(page);
    await waitForAnswers(page, 2);
    expect(await inWidget(page, 'li.message.user .bubble').allInnerTexts()).toEqual(['How do I embed confab?', 'What happens when the analytics API is down?']);
    expect(await notice(page)).toBe('');
    expect(await page.errors()).toEqual([]);
  });

  itExceptIn({
    firefox: "WebDriver BiDi has no storage quota override (Firefox's quota is a preference of the whole profile, read at launch)",
    webkit: 'classic WebDriver (all WebKitWebDriver speaks) has no storage quota override',
  })('11.4 and 11.6: the quota runs out mid-session: the panel says storage is full, and the analytics server gets every message the reader saw, before and after space is freed', async () => {
    const context = await suite.newContext();
    const page = await context.newPage();
    // Room for a few turns, set before the site writes anything.
    await otherTab(page);
    await page.setStorageQuota(2 * 1024 ** 2);
    await page.goto(`${suite.server.url}/storage.html`);
    await openPanel(page);
    await askAndWait(page, 'How do I embed confab?');
    await expectLoggedAsSeen(page);
    expect(await notice(page)).toBe('');

    // The disk fills up.
    await page.setStorageQuota(1);
    await askAndWait(page, 'What happens when the analytics API is down?');
    await expect.poll(() => notice(page)).toBe(NOTICE.full);
    expect(await onScreen(page)).toHaveLength(4);
    await expectLoggedAsSeen(page);

    // Space is freed: the next turn is kept and logged with everything before it.
    await page.setStorageQuota(64 * 1024 ** 2);
    await askAndWait(page, 'Can I use it with React?');
    expect(await onScreen(page)).toHaveLength(6);
    await expectLoggedAsSeen(page);
    const codes = (await confabErrors(page)).map(({ code }) => code);
    expect(new Set(codes)).toEqual(new Set(['storage_unavailable']));
    expect(await page.errors()).toEqual([]);
  });
});
