// The widget in each engine: real focus, real layout and real IndexedDB, driven by the
// keyboard the way a reader without a mouse uses it (jsdom has no layout or focus order).
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fillerWords } from '../../demo/server/chat/chat-reply';
import { scanWidget } from '../acceptance/support/accessibility';
import { askAndWait, focusIsAt, waitForAnswers } from '../acceptance/support/widget-page';
import { launchEngine, type Engine } from './engines/launch';
import type { Context, Page } from './engines/page';
import { startTestServer, type TestServer } from './test-server';

let engine: Engine;
let server: TestServer;
let context: Context;
let storeCounter = 0;
/** The chat store's module, imported by the page through the dev server to seed a conversation. */
const CHAT_STORE_MODULE = resolve(import.meta.dirname, '../../src/sdk/chat/chat-store.ts');

beforeAll(async () => {
  server = await startTestServer();
  engine = await launchEngine({ host: server.initScriptHost });
});
afterAll(async () => {
  await context?.close();
  await engine?.close();
  await server?.close();
});
beforeEach(async () => {
  await context?.close();
  server.servers.chat.reset();
  context = await engine.newContext();
});

async function openWidgetPage(store = `widget-${storeCounter++}`): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/widget.html?store=${store}`);
  await page.inWidget('[part~=launcher]').waitFor();
  return page;
}

describe('<confab-chat> in a real browser: layout', () => {
  // Issue 11, item 16: a very long title must not push the header's buttons out of the panel.
  it.each([
    ['words', 'Ask the documentation of our wonderful product anything you like about it, in any language you prefer, day or night'],
    ['one unbroken word', `https://docs.example.com/${'x'.repeat(200)}`],
  ])('a very long title (%s) is cut with an ellipsis; every header button stays inside the panel', async (_what, title) => {
    const page = await openWidgetPage();
    await page.evaluate((text) => document.querySelector('confab-chat')!.setAttribute('title', text), title);
    await page.inWidget('[part~=launcher]').click();
    const layout = await page.inWidget('[part~=panel]').evaluate((panel) => {
      const box = panel.getBoundingClientRect();
      const heading = panel.querySelector<HTMLElement>('.header .title')!;
      const style = getComputedStyle(heading);
      return {
        buttons: [...panel.querySelectorAll('.header button')].map((button) => {
          const rect = button.getBoundingClientRect();
          return { label: button.getAttribute('aria-label'), inside: rect.left >= box.left - 0.5 && rect.right <= box.right + 0.5 && rect.width > 0 };
        }),
        titleInside: heading.getBoundingClientRect().right <= box.right + 0.5,
        cut: heading.scrollWidth > heading.clientWidth,
        ellipsis: style.textOverflow,
        lines: Math.round(heading.getBoundingClientRect().height / parseFloat(style.lineHeight)),
      };
    });
    expect(layout.buttons.map((button) => button.label)).toContain('Close');
    for (const button of layout.buttons) expect(button.inside, `${button.label} inside the panel`).toBe(true);
    expect(layout).toMatchObject({ titleInside: true, cut: true, ellipsis: 'ellipsis', lines: 1 });
  });
  // A table in an answer: a column is never narrower than its longest word, so a name such as
  // `systemPrompt` reads on one line; a table too wide for the bubble scrolls inside it.
  it('a table keeps each word whole, and scrolls inside the bubble when it is too wide', async () => {
    const table = [
      '| option | default | what it does |',
      '|---|---|---|',
      '| `docsBaseUrl` | `/docs/` | the public URL of the docs folder; extensions drop, index pages sit at their folder |',
      '| `systemPrompt` | "You are the assistant of this website\'s documentation." | what the model is told first |',
      `| \`${'averyveryverylongidentifier'.repeat(3)}\` | none | a word wider than the bubble |`,
    ].join('\n');
    server.servers.chat.script({ mode: 'reply', text: table });
    const page = await openWidgetPage();
    await page.inWidget('[part~=launcher]').click();
    await askAndWait(page, 'Which options are there?');
    const layout = await page.inWidget('li.message.assistant .bubble').evaluate((bubble) => {
      const wrapper = bubble.querySelector<HTMLElement>('.table')!;
      const lineHeight = parseFloat(getComputedStyle(bubble).lineHeight);
      return {
        codeLines: [...wrapper.querySelectorAll('code')].map((code) => ({ text: code.textContent, lines: Math.round(code.getBoundingClientRect().height / lineHeight) })),
        scrolls: wrapper.scrollWidth > wrapper.clientWidth,
        wrapperInsideBubble: wrapper.getBoundingClientRect().right <= bubble.getBoundingClientRect().right + 0.5,
      };
    });
    for (const code of layout.codeLines) expect(code.lines, `\`${code.text}\` on one line`).toBe(1);
    expect(layout).toMatchObject({ scrolls: true, wrapperInsideBubble: true });
  });
});

describe('<confab-chat> in a real browser, by keyboard', () => {
  it('Tab and Shift+Tab stay inside the open panel; Escape closes it and returns to the launcher', async () => {
    const page = await openWidgetPage();
    await page.inWidget('[part~=launcher]').click();
    // The panel's chunk arrives, then the composer takes the focus.
    await expect.poll(() => focusIsAt(page)).toBe('panel');
    for (let step = 0; step < 12; step++) {
      await page.keyboard.press('Tab');
      expect(await focusIsAt(page), `after Tab ${step + 1}`).toBe('panel');
    }
    for (let step = 0; step < 12; step++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusIsAt(page), `after Shift+Tab ${step + 1}`).toBe('panel');
    }
    await page.keyboard.press('Escape');
    expect(await focusIsAt(page)).toBe('launcher');
    // Hidden once its closing motion (140 ms) ends.
    await expect.poll(() => page.inWidget('[role=dialog]').isHidden()).toBe(true);
  });

  it('a draft restored while the panel is closed gets its full height when the panel opens', async () => {
    const page = await openWidgetPage();
    await page.inWidget('[part~=launcher]').click();
    const input = page.inWidget('[part~=input]');
    await input.fill('one\ntwo\nthree');
    const typedHeight = await input.evaluate((box) => box.getBoundingClientRect().height);
    await page.keyboard.press('Escape');
    // A language change remounts the components while the panel is hidden.
    await page.evaluate(() => document.querySelector('confab-chat')!.setAttribute('lang', 'de'));
    await page.inWidget('[part~=launcher]').click();
    expect(await input.inputValue()).toBe('one\ntwo\nthree');
    expect(await input.evaluate((box) => box.getBoundingClientRect().height)).toBeCloseTo(typedHeight, 0);
  });

  it('a long conversation opens at its newest messages; earlier ones come in above without moving what the reader sees', async () => {
    const store = `widget-${storeCounter++}`;
    const page = await openWidgetPage(store);
    // A string, not a function: vitest would rewrite a function's import() for Node.
    await page.evaluateSource(`(async () => {
      const { createChatStore } = await import('/@fs${CHAT_STORE_MODULE}');
      const chatStore = createChatStore({ name: '${store}' });
      await chatStore.saveConversation({ id: 'long', title: 'Long', createdAt: 1, updatedAt: 1, status: 'idle', messageCount: 120 });
      await chatStore.saveMessages(Array.from({ length: 120 }, (_, index) => ({
        id: 'm' + index, conversationId: 'long', index, role: index % 2 ? 'assistant' : 'user', content: 'Message ' + index, status: 'done', createdAt: 1, updatedAt: 1,
      })));
    })()`);
    await page.reload();
    await page.inWidget('[part~=launcher]').click();
    await page.inWidget('[aria-label=Conversations]').click();
    await page.inWidget('.open-conversation').filter({ hasText: 'Long' }).click();
    const messages = page.inWidget('li.message');
    await expect.poll(() => messages.count()).toBe(50);
    await expect.poll(() => messages.last().isVisible()).toBe(true);
    expect(await messages.first().textContent()).toContain('Message 70');

    await page.inWidget('.messages').evaluate((box) => (box.scrollTop = 0));
    const before = await messages.first().evaluate((item) => item.getBoundingClientRect().top);
    await page.inWidget('.earlier').click();
    await expect.poll(() => messages.count()).toBe(100);
    const message70 = messages.filter({ hasText: 'Message 70' });
    expect(await message70.evaluate((item) => item.getBoundingClientRect().top)).toBeCloseTo(before, 0);
  });

  it('a reload mid-answer: the partial answer comes back cut off, with Retry, which brings a whole one', async () => {
    const page = await openWidgetPage();
    await page.inWidget('[part~=launcher]').click();
    server.servers.chat.configure({ tokenDelayMs: 50 });
    server.servers.chat.script({ mode: 'long', tokens: 400 });
    await page.inWidget('[part~=input]').fill('Tell me everything.');
    await page.inWidget('[part~=input]').press('Enter');
    const answer = page.inWidget('li.message.assistant');
    await expect.poll(async () => (await answer.locator('.bubble').innerText()).split(/\s+/).length).toBeGreaterThan(10);

    // Every engine breaks the stream before the page goes. Whether the leaving page's save
    // of that failure lands is a race (it usually does in Firefox); when it does not, the
    // reloaded page finds the answer cut off (its writer's Web Lock gone): interrupted.
    // Either way a Retry, never an answer left streaming.
    await page.reload();
    await page.inWidget('[part~=launcher]').click();
    const retry = answer.getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    expect(await answer.locator('.problem').innerText()).toMatch(/^(This answer was interrupted\.|The answer could not be loaded\.)/);
    expect(await answer.locator('.caret').count(), 'not streaming').toBe(0);
    // Kept as last saved (writes are throttled, so it may end a few words earlier than shown).
    expect(await answer.locator('.bubble').innerText(), 'the partial answer is kept').toContain(fillerWords(3).join(''));
    server.servers.chat.configure({ tokenDelayMs: 1 });
    await retry.click();
    await waitForAnswers(page, 1);
    expect(await answer.getByRole('button', { name: 'Retry' }).count()).toBe(0);
  });

  it('ask by keyboard, reload, rename and delete: the focus never falls to the page', async () => {
    const store = `widget-${storeCounter++}`;
    let page = await openWidgetPage(store);
    await page.inWidget('[part~=launcher]').focus();
    await page.keyboard.press('Enter');
    // As a reader does, typing once the panel is there and its composer has the focus.
    await expect.poll(() => focusIsAt(page)).toBe('panel');
    await page.keyboard.type('How do I embed confab?');
    await page.keyboard.press('Enter');
    await waitForAnswers(page);

    // After a reload the conversation is in the list, and opens with its answer.
    page = await openWidgetPage(store);
    await page.inWidget('[part~=launcher]').click();
    await page.inWidget('[aria-label=Conversations]').click();
    await page.inWidget('.open-conversation').filter({ hasText: 'How do I embed confab?' }).click();
    await waitForAnswers(page);
    expect(await page.inWidget('.message.user').first().textContent()).toContain('How do I embed confab?');

    await page.inWidget('[aria-label=Conversations]').click();
    await page.inWidget('[part~=rename]').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Embedding');
    await page.keyboard.press('Enter');
    expect(await focusIsAt(page)).toBe('panel');
    await page.inWidget('.open-conversation').filter({ hasText: 'Embedding' }).waitFor();

    await page.inWidget('[part~=delete]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(await page.inWidget('[role=dialog]').isVisible(), 'Escape leaves the confirmation only').toBe(true);
    await page.keyboard.press('Enter');
    await page.inWidget('.text-button.danger').focus();
    await page.keyboard.press('Enter');
    await page.inWidget('.conversations .empty').waitFor();
    expect(await focusIsAt(page)).toBe('panel');
  });
});

/** axe-core's violations in the widget; a scan that looked at nothing fails rather than passing vacuously. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  const { violations, checked } = await scanWidget(page);
  expect(checked, 'axe-core looked at the widget').toBeGreaterThan(0);
  return violations;
}

describe('<confab-chat> in a real browser, by axe-core', () => {
  it('has no WCAG A/AA violations: closed, answered, list, delete confirmation; light, dark and right-to-left', async () => {
    // Without motion, so that colours are measured at rest, not halfway through a fade-in.
    await context.close();
    context = await engine.newContext({ reducedMotion: true });
    const page = await openWidgetPage();
    const found: Record<string, string[]> = {};
    found['closed'] = await accessibilityViolations(page);
    await page.inWidget('[part~=launcher]').click();
    await expect.poll(() => focusIsAt(page)).toBe('panel');
    await page.keyboard.type('How do I embed confab?');
    await page.keyboard.press('Enter');
    await waitForAnswers(page);
    found['answered, light'] = await accessibilityViolations(page);
    await page.evaluate(() => document.querySelector('confab-chat')!.setAttribute('theme', 'dark'));
    found['answered, dark'] = await accessibilityViolations(page);
    await page.evaluate(() => document.querySelector('confab-chat')!.setAttribute('lang', 'ar'));
    await waitForAnswers(page);
    found['answered, right-to-left'] = await accessibilityViolations(page);
    await page.evaluate(() => document.querySelector('confab-chat')!.setAttribute('lang', 'en'));
    await page.inWidget('[aria-label=Conversations]').click();
    found['conversation list'] = await accessibilityViolations(page);
    await page.inWidget('[part~=delete]').click();
    found['delete confirmation'] = await accessibilityViolations(page);
    expect(found).toEqual({ closed: [], 'answered, light': [], 'answered, dark': [], 'answered, right-to-left': [], 'conversation list': [], 'delete confirmation': [] });
  });
});
