// Issue 11, item 14: the built script-tag widget mounts on a page where `window.confab` is
// already an element of the page (DOM clobbering: any id="confab" is `window.confab`), and
// still mounts once only when the script is loaded twice.
import { describe, expect, it } from 'vitest';
import { inWidget, launcher, useAcceptanceSuite } from './support/browser';

const suite = useAcceptanceSuite();

describe('DOM clobbering', () => {
  it.each([
    [1, '/clobbered.html', 'H2'],
    [2, '/clobbered-form.html', 'FORM'],
  ])('%i. %s: the widget mounts once, window.confab becomes the widget, the page keeps its element', async (_n, path, tag) => {
    const page = await suite.openPage(await suite.newContext(), path);
    await launcher(page).waitFor({ timeout: 10_000 });
    expect(await page.locator('confab-chat').count()).toBe(1);
    expect(await page.evaluate(() => window.confab?.element === document.querySelector('confab-chat'))).toBe(true);
    expect(await page.evaluate(() => document.getElementById('confab')?.tagName)).toBe(tag);
    await page.evaluate(() => window.confab?.open());
    await inWidget(page, '[part~=input]').waitFor();
    expect(await page.errors()).toEqual([]);
  });
});
