// Issue 5, case 13: screenshots of the main states, kept under test-results/acceptance/<engine>/
// as the run's artifacts, each with the layout facts a screenshot is taken to show.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from '../browser/engines/page';
import { artifacts, askAndWait, inWidget, openPanel, useAcceptanceSuite } from './support/browser';

const suite = useAcceptanceSuite();

async function answeredPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await suite.newContext({ viewport, reducedMotion: true });
  const page = await suite.openPage(context, '/script-tag.html');
  await openPanel(page);
  await askAndWait(page, 'How do I embed confab?');
  return page;
}

async function keep(page: Page, name: string): Promise<void> {
  const path = join(artifacts(suite.engine.name), `${name}.png`);
  await page.screenshot({ path });
  expect(statSync(path).size, `${name}.png`).toBeGreaterThan(10_000);
}

const panelBox = (page: Page) => inWidget(page, '[part~=panel]').boundingBox();
const panelBackground = (page: Page) => inWidget(page, '[part~=panel]').evaluate((panel) => getComputedStyle(panel).backgroundColor);
/** Relative luminance of an `rgb(…)` colour, 0 (black) to 1 (white). */
const luminance = (rgb: string) => {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((channel) => channel / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};

describe('screenshots of the main states', () => {
  it('13. light, dark, right-to-left and narrow: kept as artifacts, each as it should look', async () => {
    const page = await answeredPage();
    await keep(page, 'light');
    const light = luminance(await panelBackground(page));
    const box = (await panelBox(page))!;
    expect(box.x + box.width, 'the panel sits at the right edge').toBeGreaterThan(1_200);

    await page.evaluate(() => document.querySelector('confab-chat')!.setAttribute('theme', 'dark'));
    await keep(page, 'dark');
    expect(light).toBeGreaterThan(0.8);
    expect(luminance(await panelBackground(page))).toBeLessThan(0.2);
    expect(await inWidget(page, '[part~=panel]').evaluate((panel) => getComputedStyle(panel).colorScheme), 'dark scrollbars and controls').toBe('dark');

    await page.evaluate(() => document.querySelector('confab-chat')!.setAttribute('theme', 'light'));
    await page.evaluate(() => document.querySelector('confab-chat')!.setAttribute('lang', 'ar'));
    await inWidget(page, '[part~=input][placeholder="اطرح سؤالًا…"]').waitFor();
    await keep(page, 'rtl');
    const input = (await inWidget(page, '[part~=input]').boundingBox())!;
    const send = (await inWidget(page, '[part~=send]').boundingBox())!;
    expect(send.x, 'Send is on the left of the box in Arabic').toBeLessThan(input.x);
    // An English source in the Arabic panel numbers on its left: the number needs room there.
    const source = (await inWidget(page, '.source').first().boundingBox())!;
    expect(source.x - (await panelBox(page))!.x, 'room for the source number inside the panel').toBeGreaterThan(24);

    const narrow = await answeredPage({ width: 390, height: 800 });
    await keep(narrow, 'narrow');
    expect(await panelBox(narrow), 'full screen on a phone').toEqual({ x: 0, y: 0, width: 390, height: 800 });
  });
});

describe('screenshots of what issue 13 changed', () => {
  it('13.8 the empty conversation, the reasons card, the conversation list (light and dark): kept as artifacts', async () => {
    const context = await suite.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: true });
    const page = await suite.openPage(context, '/script-tag.html');
    await openPanel(page);
    await inWidget(page, '.intro').waitFor();
    await keep(page, 'empty');
    await askAndWait(page, 'How do I embed confab?');
    await inWidget(page, '[part~=feedback-negative]').click();
    await inWidget(page, '.reasons').waitFor();
    await keep(page, 'reasons');
    await inWidget(page, '[part~=new-conversation]').click();
    await askAndWait(page, 'Where are conversations stored?');
    await inWidget(page, '[aria-label=Conversations]').click();
    await inWidget(page, '.day h3').first().waitFor();
    await keep(page, 'list');
    await page.evaluate(() => document.querySelector('confab-chat')!.setAttribute('theme', 'dark'));
    await keep(page, 'list-dark');
    expect(await inWidget(page, '.day h3').allInnerTexts()).toEqual(['Today']);
  });
});
