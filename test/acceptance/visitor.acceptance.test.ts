// Issue 13, items 1–6: what a visitor meets, in each engine, against the built script-tag widget.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itExceptIn } from '../browser/engines/engine-cases';
import type { Page } from '../browser/engines/page';
import { artifacts, ask, askAndWait, inWidget, launcher, openPanel, useAcceptanceSuite, waitForAnswers } from './support/browser';

const suite = useAcceptanceSuite();
const chat = () => suite.server.servers.chat;

/** Whether the last message's end is inside the visible part of the message list. */
const newestInView = (page: Page) =>
  inWidget(page, '[part~=messages]').evaluate((box) => {
    const last = box.querySelector('li.message:last-child')!.getBoundingClientRect();
    const view = box.getBoundingClientRect();
    return box.scrollTop > 0 && last.bottom <= view.bottom + 2 && last.bottom > view.top;
  });

/** A page with the panel open and a long answer arriving slowly (50 ms a token), a few words in. */
async function answerArriving() {
  const context = await suite.newContext();
  const page = await suite.openPage(context, '/script-tag.html');
  await openPanel(page);
  chat().configure({ tokenDelayMs: 50 });
  chat().script({ mode: 'long', tokens: 400 });
  await ask(page, 'Tell me everything.');
  const answer = inWidget(page, 'li.message.assistant');
  await expect.poll(async () => (await answer.locator('.bubble').innerText()).split(/\s+/).length).toBeGreaterThan(10);
  return { context, page, answer };
}

describe('what a returning visitor sees', () => {
  it('13.1 the newest message when the panel is shown: after a reload, on reopening; a reader who scrolled up keeps their place', async () => {
    const context = await suite.newContext();
    const page = await suite.openPage(context, '/script-tag.html');
    await openPanel(page);
    chat().script({ mode: 'long', tokens: 300 });
    await askAndWait(page, 'Tell me everything.');
    await askAndWait(page, 'How do I embed confab?');
    expect(await newestInView(page)).toBe(true);

    await page.reload();
    await openPanel(page);
    await inWidget(page, 'li.message.assistant .actions').first().waitFor();
    await expect.poll(() => newestInView(page)).toBe(true);

    await launcher(page).click();
    await openPanel(page);
    expect(await newestInView(page), 'reopened').toBe(true);

    await inWidget(page, '[part~=messages]').evaluate((box) => (box.scrollTop = 100));
    await expect.poll(() => newestInView(page)).toBe(false);
    await launcher(page).click();
    await openPanel(page);
    await expect.poll(() => inWidget(page, '[part~=messages]').evaluate((box) => box.scrollTop)).toBe(100);
    expect(await page.errors()).toEqual([]);
  });
});

describe('what a visitor reads when an answer fails', () => {
  it('13.2 a reload mid-answer: the partial answer, "This answer was interrupted." and Retry, never a technical sentence', async () => {
    const { page, answer } = await answerArriving();
    await page.reload();
    await openPanel(page);
    const problem = answer.locator('.problem');
    await problem.waitFor();
    expect((await problem.innerText()).trim()).toMatch(/^This answer was interrupted\.\s*Retry$/);
    chat().configure({ tokenDelayMs: 1 });
    await answer.getByRole('button', { name: 'Retry' }).click();
    await waitForAnswers(page, 1);
    expect(await answer.locator('.problem').count()).toBe(0);
  });
});

describe('a visitor without a connection', () => {
  itExceptIn({ webkit: 'WebKitWebDriver has no offline switch' })(
    '13.3 offline: the panel says so, the question typed meanwhile waits and is sent when the connection is back; one found waiting after a reload is sent too',
    async () => {
      const context = await suite.newContext();
      const page = await suite.openPage(context, '/script-tag.html');
      await openPanel(page);
      await context.setOffline(true);
      await inWidget(page, '[part~=offline-notice]').waitFor();
      await ask(page, 'Asked on the train');
      const problem = inWidget(page, 'li.message.assistant .problem');
      await expect.poll(() => problem.innerText()).toMatch(/^Waiting for the connection: this question is sent when you are back online\.\s*Retry$/);
      await page.screenshot({ path: join(artifacts(suite.engine.name), 'offline.png') });
      await context.setOffline(false);
      await waitForAnswers(page, 1);
      expect(await inWidget(page, '[part~=offline-notice]').count()).toBe(0);
      expect(await inWidget(page, 'li.message.assistant .problem').count()).toBe(0);
      expect(await inWidget(page, 'li.message.user').allInnerTexts()).toEqual([expect.stringContaining('Asked on the train')]);

      // Asked offline; back online, the service is still out of reach; then the page reloads.
      await context.setOffline(true);
      await ask(page, 'Asked in a tunnel');
      await expect.poll(() => problem.innerText()).toMatch(/^Waiting for the connection/);
      suite.server.setOffline(true);
      await context.setOffline(false);
      await expect.poll(() => problem.innerText()).toMatch(/^Could not connect\. Check your connection\.\s*Retry$/);
      suite.server.setOffline(false);
      await page.reload();
      await openPanel(page);
      await waitForAnswers(page, 2);
      expect(await inWidget(page, 'li.message.user').allInnerTexts()).toHaveLength(2);
      expect(await inWidget(page, 'li.message.assistant .problem').count()).toBe(0);
    },
  );
});

describe('a visitor losing the connection mid-answer', () => {
  itExceptIn({ webkit: 'WebKitWebDriver has no offline switch' })(
    '13.3 the connection lost while an answer arrives: it ends at once with what had arrived and the waiting sentence, and is answered in place when the connection is back',
    async () => {
      const { context, page, answer } = await answerArriving();
      await context.setOffline(true);
      // Not after the 30 s a silent stream is given: the browser said it is offline.
      await expect.poll(() => answer.locator('.problem').count(), { timeout: 5_000 }).toBe(1);
      expect(await answer.locator('.problem').innerText()).toMatch(/^Waiting for the connection: this question is sent when you are back online\.\s*Retry$/);
      expect((await answer.locator('.bubble').innerText()).split(/\s+/).length, 'what had arrived is kept').toBeGreaterThan(10);
      expect(await inWidget(page, '[part~=stop]').count(), 'no Stop left showing').toBe(0);
      chat().configure({ tokenDelayMs: 1 });
      await context.setOffline(false);
      await waitForAnswers(page, 1);
      expect(await answer.locator('.problem').count()).toBe(0);
      expect(await inWidget(page, 'li.message.assistant').count()).toBe(1);
      expect(await page.errors()).toEqual([]);
    },
  );
});

describe('the answer’s actions', () => {
  /** The tops of the action row's buttons, and the reasons card's box. */
  const actionLayout = (page: Page) =>
    inWidget(page, 'li.message.assistant .actions').evaluate((row) => ({
      tops: [...row.querySelectorAll('button')].filter((button) => !button.closest('.reasons')).map((button) => Math.round(button.getBoundingClientRect().top)),
      bottom: Math.max(...[...row.querySelectorAll('button')].filter((button) => !button.closest('.reasons')).map((button) => button.getBoundingClientRect().bottom)),
      card: row.querySelector('.reasons')!.getBoundingClientRect().toJSON() as DOMRect,
      row: row.getBoundingClientRect().toJSON() as DOMRect,
    }));

  it.each([
    ['English, desktop', 'en', { width: 1280, height: 800 }],
    ['Arabic, desktop', 'ar', { width: 1280, height: 800 }],
    ['English, phone', 'en', { width: 390, height: 800 }],
    ['Arabic, phone', 'ar', { width: 390, height: 800 }],
  ] as const)('13.5 thumbs down keeps one action row, the reasons card under it: %s', async (_name, lang, viewport) => {
    const context = await suite.newContext({ viewport });
    const page = await suite.openPage(context, '/script-tag.html');
    await page.evaluate((value) => document.querySelector('confab-chat')!.setAttribute('lang', value), lang);
    await openPanel(page);
    await askAndWait(page, 'How do I embed confab?');
    await inWidget(page, '[part~=feedback-negative]').click();
    await inWidget(page, '.reasons').waitFor();
    const { tops, bottom, card, row } = await actionLayout(page);
    expect(tops.length).toBeGreaterThanOrEqual(4);
    expect(new Set(tops).size, `one row: ${tops.join(', ')}`).toBe(1);
    expect(card.top).toBeGreaterThanOrEqual(bottom);
    expect(card.width, 'the card spans the row').toBeGreaterThan(row.width - 2);
  });
});

describe('the smaller things', () => {
  it('13.6 an animated "Thinking…" (still under reduced motion), filled bullets', async () => {
    for (const reducedMotion of [false, true]) {
      const context = await suite.newContext({ reducedMotion });
      const page = await suite.openPage(context, '/script-tag.html');
      await openPanel(page);
      chat().script({ mode: 'stall', afterChunks: 1 });
      await ask(page, 'Are you there?');
      const dot = inWidget(page, '.thinking i').first();
      await dot.waitFor();
      expect(await inWidget(page, '.thinking').innerText(), 'the words are for screen readers').toBe('Thinking…');
      expect(await dot.evaluate((element) => getComputedStyle(element).animationName)).toBe(reducedMotion ? 'none' : 'confab-think');
      await inWidget(page, '[part~=stop]').click();
      await context.close();
    }
    const context = await suite.newContext();
    const page = await suite.openPage(context, '/script-tag.html');
    await openPanel(page);
    chat().script({ mode: 'reply', text: 'Steps:\n\n- one\n- two\n  - nested' });
    await askAndWait(page, 'How?');
    const bullets = await inWidget(page, 'li.message.assistant .bubble').evaluate((bubble) => [...bubble.querySelectorAll('ul')].map((list) => getComputedStyle(list).listStyleType));
    expect(bullets).toEqual(['disc', 'circle']);
  });

  it('13.8 the floating panel opens and closes with a short motion, and at once under reduced motion', async () => {
    for (const reducedMotion of [false, true]) {
      const context = await suite.newContext({ reducedMotion });
      const page = await suite.openPage(context, '/script-tag.html');
      await openPanel(page);
      const panel = inWidget(page, '[part~=panel]');
      expect(await panel.evaluate((element) => getComputedStyle(element).animationName), 'opening').toBe(reducedMotion ? 'none' : 'confab-rise');
      // Opened: while its rise still runs, the browser starts no transition of what it moves.
      await expect.poll(() => panel.evaluate((element) => element.getAnimations().length)).toBe(0);
      // Read in the page as the panel is hidden, before any frame: a round trip could outlast the motion.
      const closing = await panel.evaluate(
        (element) =>
          new Promise<{ display: string; moving: string[] }>((resolve) => {
            new MutationObserver(() =>
              resolve({
                display: getComputedStyle(element).display,
                moving: element.getAnimations().map((motion) => (motion as CSSTransition).transitionProperty ?? ''),
              }),
            ).observe(element, { attributeFilter: ['hidden'] });
            (element.getRootNode() as ShadowRoot).querySelector<HTMLElement>('[part~=launcher]')!.click();
          }),
      );
      // Firefox does not transition `display` (allow-discrete): there the panel closes at once.
      const still = reducedMotion || suite.engine.name === 'firefox';
      expect(closing, 'closing').toEqual(still ? { display: 'none', moving: [] } : { display: 'flex', moving: expect.arrayContaining(['opacity', 'transform']) });
      await expect.poll(() => panel.evaluate((element) => getComputedStyle(element).display)).toBe('none');
      await context.close();
    }
  });

  it('13.6 on a phone the page behind the open panel does not scroll; the panel can be made larger on a desktop, remembered', async () => {
    const phone = await suite.newContext({ viewport: { width: 390, height: 800 } });
    const onPhone = await suite.openPage(phone, '/script-tag.html');
    const pageOverflow = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).overflow);
    const before = await pageOverflow(onPhone);
    await openPanel(onPhone);
    expect(await pageOverflow(onPhone)).toBe('hidden');
    expect(await inWidget(onPhone, '[part~=expand]').isVisible(), 'already full screen').toBe(false);
    await inWidget(onPhone, '[part~=close]').click();
    expect(await pageOverflow(onPhone)).toBe(before);

    const context = await suite.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await suite.openPage(context, '/script-tag.html');
    await openPanel(page);
    const width = async () => (await inWidget(page, '[part~=panel]').boundingBox())!.width;
    expect(await width()).toBe(400);
    expect(await pageOverflow(page), 'a desktop page keeps scrolling').toBe(before);
    await inWidget(page, '[part~=expand]').click();
    await expect.poll(width).toBe(720);
    await page.reload();
    await openPanel(page);
    expect(await width(), 'remembered').toBe(720);
    await inWidget(page, '[part~=expand]').click();
    await expect.poll(width).toBe(400);
  });
});
