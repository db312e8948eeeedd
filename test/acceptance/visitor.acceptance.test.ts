// Issue 13, items 1–6: what a visitor meets, in each engine, against the built script-tag widget.
import { describe, expect, it } from 'vitest';
import type { Page } from '../browser/engines/page';
import { askAndWait, inWidget, launcher, openPanel, useAcceptanceSuite } from './support/browser';

const suite = useAcceptanceSuite();
const chat = () => suite.server.servers.chat;

/** Whether the last message's end is inside the visible part of the message list. */
const newestInView = (page: Page) =>
  inWidget(page, '[part~=messages]').evaluate((box) => {
    const last = box.querySelector('li.message:last-child')!.getBoundingClientRect();
    const view = box.getBoundingClientRect();
    return box.scrollTop > 0 && last.bottom <= view.bottom + 2 && last.bottom > view.top;
  });

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
