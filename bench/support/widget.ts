/** The reader's moves on the widget, and where its parts are (Playwright's CSS pierces the open shadow root). */
import type { Page } from 'playwright-core';

export const inWidget = (page: Page, selector: string) => page.locator(`confab-chat ${selector}`);

export const launcher = (page: Page) => inWidget(page, '[part~=launcher]');

/** Opens a widget page's panel and waits for the composer. */
export async function openPanel(page: Page): Promise<void> {
  await launcher(page).click();
  await inWidget(page, '[part~=input]').waitFor();
}
