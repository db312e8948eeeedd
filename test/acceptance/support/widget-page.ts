/**
 * The reader's moves on the widget: shared by the acceptance suite, the browser tests and
 * the benchmarks (so no test-runner imports here), in any engine. `inWidget` finds elements
 * inside the widget's open shadow root.
 */
import type { Locator } from '../../browser/engines/locator';
import type { Page } from '../../browser/engines/page';

/** Inside the widget's shadow root. */
export const inWidget = (page: Page, selector: string): Locator => page.inWidget(selector);

export const launcher = (page: Page) => inWidget(page, '[part~=launcher]');

/** Opens the panel and waits for the composer. */
export async function openPanel(page: Page): Promise<void> {
  await launcher(page).click();
  await inWidget(page, '[part~=input]').waitFor();
}

/**
 * Types a question into the composer and sends it with Enter, once the widget takes one: an
 * answer shows as finished a moment before the controller has saved and queued it, and an
 * Enter in that moment is ignored (Send is still disabled; the question stays in the box).
 */
export async function ask(page: Page, question: string): Promise<void> {
  await inWidget(page, '[part~=input]').fill(question);
  await inWidget(page, '[part~=send]:not([disabled])').waitFor();
  await inWidget(page, '[part~=input]').press('Enter');
}

/** Waits until `count` answers have finished (their actions row shows). */
export async function waitForAnswers(page: Page, count = 1, options: { timeout?: number } = {}): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('confab-chat')!.shadowRoot!.querySelectorAll('li.message.assistant .actions').length >= expected,
    count,
    options,
  );
}

/** Asks, and waits until its answer has finished. */
export async function askAndWait(page: Page, question: string): Promise<void> {
  const finished = await inWidget(page, 'li.message.assistant .actions').count();
  await ask(page, question);
  await waitForAnswers(page, finished + 1);
}

/** Where the focus is: outside the widget (`page:<id or tag>`), on the `launcher`, in the `panel`, or elsewhere in the `widget`. */
export const focusIsAt = (page: Page) =>
  page.evaluate(() => {
    const focused = document.querySelector('confab-chat')!.shadowRoot!.activeElement;
    if (!focused) return `page:${document.activeElement?.id || document.activeElement?.tagName}`;
    if (focused.closest('.panel')) return 'panel';
    return focused.matches('[part~=launcher]') ? 'launcher' : 'widget';
  });
