// Issue 5, case 11: the built widget, scanned by axe-core in every state a reader meets (light
// and dark, desktop, phone and inline), and used from start to end with the keyboard alone.
import { describe, expect, it, vi } from 'vitest';
import type { Page } from '../browser/engines/page';
import { focusableNodes, scanWidget } from './support/accessibility';
import { ask, askAndWait, focusIsAt, inWidget, openPanel, useAcceptanceSuite, waitForAnswers } from './support/browser';

const suite = useAcceptanceSuite();
const analytics = () => suite.server.servers.analytics.state;

/** Without motion, so that axe measures colours at rest, not halfway through a fade-in. */
const AT_REST = { reducedMotion: true } as const;

/** The panel of the launcher-mode widget, whatever it shows. */
const panel = (page: Page) => inWidget(page, '[part~=panel]');

/** Sets the `theme` attribute and waits until the element applied it. */
async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((value) => document.querySelector('confab-chat')!.setAttribute('theme', value), theme);
  await page.waitForFunction((value) => document.querySelector<HTMLElement>('confab-chat')!.dataset['theme'] === value, theme);
}

/**
 * Scans the widget as it is now in the light and the dark theme, under `state`: one entry
 * per theme in `found`, so a failure names the state, the theme and the rule.
 */
async function scanBothThemes(page: Page, state: string, found: Record<string, string[]>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    const { violations, checked } = await scanWidget(page);
    expect(checked, `${state}, ${theme}: axe looked at the widget`).toBeGreaterThan(0);
    found[`${state}, ${theme}`] = violations;
  }
  await setTheme(page, 'light');
}

/** What a clean run finds: no violation in any of `states`, in either theme. */
const noViolationsIn = (states: string[]) => Object.fromEntries(states.flatMap((state) => [[`${state}, light`, []], [`${state}, dark`, []]]));

/**
 * Presses `key` and checks that the focus is still in the open panel once the widget has
 * reacted: a control that goes away with the focus on it must hand the focus on, not drop
 * it to the page.
 */
async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await expect.poll(() => focusIsAt(page), { message: `the focus after ${key}`, timeout: 5_000 }).toBe('panel');
}

/** The `part` of the focused control in the widget (`input` is the composer's box). */
const focusedPart = (page: Page) => page.evaluate(() => document.querySelector('confab-chat')!.shadowRoot!.activeElement?.getAttribute('part'));

/** Tabs (or Shift+Tabs) until the first control matching `selector` in the widget has the focus. */
async function tabTo(page: Page, selector: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let step = 0; step < 60; step++) {
    const there = await page.evaluate((wanted) => {
      const root = document.querySelector('confab-chat')!.shadowRoot!;
      const target = root.querySelector(wanted);
      return target !== null && root.activeElement === target;
    }, selector);
    if (there) return;
    await press(page, key);
  }
  throw new Error(`${key} never reached ${selector}`);
}

/** Records every control of the widget that takes the focus, for {@link unreachedControls}. */
const recordFocus = (page: Page) =>
  page.evaluate(() => {
    const reached = new WeakSet<Element>();
    (window as unknown as { confabReached: WeakSet<Element> }).confabReached = reached;
    document.querySelector('confab-chat')!.shadowRoot!.addEventListener('focusin', (event) => reached.add(event.target as Element));
  });

/**
 * The controls on screen that Tab could reach (tabIndex ≥ 0, enabled, rendered) but the walk
 * has not: each as `tag[part] "name"`. Not the launcher: the open panel keeps the focus
 * inside, and closes with its own Close button or Escape. (It used to count as reached when
 * the walk's earlier steps had focused it, unless the panel's launcher had replaced the
 * loader's meanwhile, which made the case fail by timing.)
 */
const unreachedControls = (page: Page) =>
  page.evaluate(() => {
    const reached = (window as unknown as { confabReached: WeakSet<Element> }).confabReached;
    const all = [...document.querySelector('confab-chat')!.shadowRoot!.querySelectorAll<HTMLElement>('*')];
    return all
      .filter((element) => !element.matches('[part~=launcher]') && element.tabIndex >= 0 && !(element as HTMLButtonElement).disabled && element.getClientRects().length > 0 && !reached.has(element))
      .map((element) => `${element.tagName.toLowerCase()}[${element.getAttribute('part') ?? element.className}] "${element.getAttribute('aria-label') ?? element.textContent?.slice(0, 40)}"`);
  });

/**
 * Tabs once around the open panel (it keeps the focus inside: Tab from the last control
 * goes to the first), so every control on screen is reached.
 */
async function tabAround(page: Page): Promise<void> {
  const start = await page.evaluate(() => {
    const focused = document.querySelector('confab-chat')!.shadowRoot!.activeElement;
    (window as unknown as { confabStart: Element | null }).confabStart = focused;
    return focused !== null;
  });
  expect(start, 'the tour starts in the widget').toBe(true);
  for (let stops = 1; stops <= 80; stops++) {
    await press(page, 'Tab');
    const back = await page.evaluate(() => document.querySelector('confab-chat')!.shadowRoot!.activeElement === (window as unknown as { confabStart: Element | null }).confabStart);
    if (back) return;
  }
  throw new Error('Tab did not come back around the panel within 80 stops');
}

/**
 * Every control on screen was reached, and every focusable node has a name and a role (see
 * `focusableNodes`). The rest are the scroll boxes of code blocks and tables, focusable only
 * so that a keyboard can scroll them sideways (axe: scrollable-region-focusable); they have
 * no role to name.
 */
async function expectAllReachedAndNamed(page: Page, state: string): Promise<void> {
  await tabAround(page);
  expect(await unreachedControls(page), `${state}: controls Tab never reached`).toEqual([]);
  const nodes = await focusableNodes(page);
  expect(nodes.filter((node) => node.name === '' && node.role !== 'generic'), `${state}: focusable nodes without an accessible name`).toEqual([]);
  const scrollBoxes = await page.evaluate(() => document.querySelector('confab-chat')!.shadowRoot!.querySelectorAll('.code-block pre, .table').length);
  expect(nodes.filter((node) => node.role === 'generic').length, `${state}: focusable nodes without a role, other than scroll boxes`).toBe(scrollBoxes);
}

/**
 * What the page last copied, read as a reader would: pasted over the composer's text with
 * the keyboard. The composer must have the focus.
 */
async function pasted(page: Page): Promise<string> {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  return inWidget(page, '[part~=input]').inputValue();
}

/** Empties the composer (which has the focus) with the keyboard. */
async function clearComposer(page: Page): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
}

describe('accessibility of the built widget', () => {
  it('11. axe-core finds no WCAG A/AA violation: closed, open, streaming, answered, feedback reasons, conversation list, rename, delete confirmation; light and dark', async () => {
    const context = await suite.newContext(AT_REST);
    const page = await suite.openPage(context, '/script-tag.html');
    const found: Record<string, string[]> = {};

    await scanBothThemes(page, 'closed', found);
    await openPanel(page);
    await inWidget(page, '[part~=suggestion]').first().waitFor();
    await scanBothThemes(page, 'open with starter suggestions', found);

    // A long, slow answer: the scans run while it streams (aria-busy, the caret), then it is stopped.
    suite.server.servers.chat.configure({ tokenDelayMs: 50 });
    suite.server.servers.chat.script({ mode: 'long', tokens: 400 });
    await ask(page, 'Tell me everything.');
    const arriving = inWidget(page, 'li.message.assistant[aria-busy=true]');
    await arriving.locator('.caret').waitFor();
    await scanBothThemes(page, 'streaming', found);
    expect(await arriving.count(), 'the answer was still streaming after the scans').toBe(1);
    await inWidget(page, '[part~=stop]').click();
    await waitForAnswers(page, 1);
    suite.server.servers.chat.configure({ tokenDelayMs: 2 });

    await askAndWait(page, 'How do I embed confab?');
    await inWidget(page, 'li.message.assistant .sources a').waitFor();
    await inWidget(page, '[part~=copy-code]').waitFor();
    await scanBothThemes(page, 'answered, with code, sources and actions', found);

    await inWidget(page, '[part~=feedback-negative]').last().click();
    await inWidget(page, '.reasons').waitFor();
    await scanBothThemes(page, 'feedback reasons', found);
    await inWidget(page, '.reasons [type=submit]').click();

    await inWidget(page, '[part~=new-conversation]').click();
    await askAndWait(page, 'Where are conversations stored?');
    await inWidget(page, '[aria-label=Conversations]').click();
    await expect.poll(() => inWidget(page, '.open-conversation').count()).toBe(2);
    await scanBothThemes(page, 'conversation list', found);

    await inWidget(page, '[part~=rename]').first().click();
    await inWidget(page, '.rename-form').waitFor();
    await scanBothThemes(page, 'rename form', found);
    await page.keyboard.press('Escape');

    await inWidget(page, '[part~=delete]').first().click();
    await inWidget(page, '.conversation.confirming').waitFor();
    await scanBothThemes(page, 'delete confirmation', found);

    expect(found).toEqual(
      noViolationsIn([
        'closed',
        'open with starter suggestions',
        'streaming',
        'answered, with code, sources and actions',
        'feedback reasons',
        'conversation list',
        'rename form',
        'delete confirmation',
      ]),
    );
    expect(await page.errors()).toEqual([]);
  }, 60_000);

  it('11. axe-core finds no violation on a phone (390×800, the panel full-screen) or in the inline mode; light and dark', async () => {
    const found: Record<string, string[]> = {};
    const phone = await suite.newContext({ ...AT_REST, viewport: { width: 390, height: 800 } });
    const onPhone = await suite.openPage(phone, '/script-tag.html');
    await scanBothThemes(onPhone, 'phone, closed', found);
    await openPanel(onPhone);
    expect(await panel(onPhone).boundingBox(), 'the panel takes the whole screen').toEqual({ x: 0, y: 0, width: 390, height: 800 });
    await askAndWait(onPhone, 'How do I install it with npm?');
    await scanBothThemes(onPhone, 'phone, answered', found);

    const inline = await suite.openPage(await suite.newContext(AT_REST), '/inline.html');
    await inWidget(inline, '[part~=suggestion]').first().waitFor();
    expect(await inWidget(inline, '[part~=launcher]').count(), 'inline: no launcher').toBe(0);
    await scanBothThemes(inline, 'inline, open with starter suggestions', found);
    await askAndWait(inline, 'How do I install it with npm?');
    await scanBothThemes(inline, 'inline, answered', found);

    expect(found).toEqual(noViolationsIn(['phone, closed', 'phone, answered', 'inline, open with starter suggestions', 'inline, answered']));
    expect([...(await onPhone.errors()), ...(await inline.errors())]).toEqual([]);
  }, 60_000);

  it('11. a keyboard-only walk reaches and operates every control, and the focus never leaves the open panel', async () => {
    const context = await suite.newContext(AT_REST);
    const page = await suite.openPage(context, '/script-tag.html');
    const completions = () => suite.server.servers.chat.stats.snapshot().byRoute['POST /chat/completions'] ?? 0;
    const answers = inWidget(page, 'li.message.assistant');
    await recordFocus(page);

    // From the page's own control to the launcher; Enter opens the panel on the composer.
    await page.keyboard.press('Tab');
    expect(await focusIsAt(page)).toBe('page:page-button');
    await page.keyboard.press('Tab');
    expect(await focusIsAt(page)).toBe('launcher');
    await press(page, 'Enter');
    expect(await panel(page).isVisible()).toBe(true);
    await expect.poll(() => focusedPart(page)).toBe('input');

    // A starter suggestion, back from the composer. Controls that go away once pressed
    // (a suggestion, Stop, Regenerate, Retry, a listed conversation) hand the focus to the box.
    await tabTo(page, '[part~=suggestion]', 'Shift+Tab');
    await press(page, 'Enter');
    await expect.poll(() => focusedPart(page)).toBe('input');
    await waitForAnswers(page, 1);
    expect(await inWidget(page, 'li.message.user').first().innerText()).toContain('How do I embed confab?');

    // The answer's controls: copy it, copy its code (each pasted into the composer to read
    // it), reach its source, thumbs up.
    await tabTo(page, 'li.message.assistant [aria-label="Copy answer"]');
    await press(page, 'Enter');
    await tabTo(page, '[part~=input]');
    await expect.poll(() => pasted(page)).toContain('Add one script tag');
    await clearComposer(page);
    await tabTo(page, '[part~=copy-code]');
    await press(page, 'Enter');
    await tabTo(page, '[part~=input]');
    await expect.poll(() => pasted(page)).toMatch(/^<script src="https:\/\/cdn\.jsdelivr\.net\/npm\/confab-chat@[^/]+\/dist\/confab\.js"/);
    await clearComposer(page);
    await tabTo(page, 'li.message.assistant .sources a[href]');
    await tabTo(page, '[part~=feedback-positive]');
    await press(page, 'Enter');
    const answerId = () => [...analytics().conversations.values()].find((logged) => logged.messages[0]?.content === 'How do I embed confab?')?.messages[1]?.id;
    const feedbackFor = (id: string | undefined) => [...analytics().feedback.values()].find((feedback) => feedback.messageId === id);
    await vi.waitFor(() => expect(feedbackFor(answerId())?.type).toBe('positive'), { timeout: 10_000 });

    // Thumbs down: a reason (Space ticks it), free text, and send.
    await tabTo(page, '[part~=feedback-negative]');
    await press(page, 'Enter');
    await inWidget(page, '.reasons').waitFor();
    await expectAllReachedAndNamed(page, 'feedback reasons open');
    await tabTo(page, '.reasons input[type=checkbox]');
    await press(page, 'Space');
    await tabTo(page, '.reasons textarea');
    await page.keyboard.type('It missed the npm way.');
    await tabTo(page, '.reasons [type=submit]');
    await press(page, 'Enter');
    await vi.waitFor(
      () => expect(feedbackFor(answerId())).toMatchObject({ type: 'negative', reasons: [{ label: 'unrelated_response' }, { label: 'details', details: 'It missed the npm way.' }] }),
      { timeout: 10_000 },
    );

    // The composer: Shift+Enter adds a line, Enter sends; Stop while the answer streams.
    suite.server.servers.chat.configure({ tokenDelayMs: 50 });
    suite.server.servers.chat.script({ mode: 'long', tokens: 400 });
    await tabTo(page, '[part~=input]');
    await page.keyboard.type('First line');
    await press(page, 'Shift+Enter');
    await page.keyboard.type('second line');
    expect(await inWidget(page, '[part~=input]').inputValue()).toBe('First line\nsecond line');
    await press(page, 'Enter');
    await answers.nth(1).locator('.caret').waitFor();
    await tabTo(page, '[part~=stop]');
    await press(page, 'Enter');
    await answers.nth(1).locator('.note').waitFor();
    await expect.poll(() => focusedPart(page)).toBe('input');
    expect(await inWidget(page, 'li.message.user').nth(1).innerText()).toContain('First line\nsecond line');
    suite.server.servers.chat.configure({ tokenDelayMs: 2 });

    // Regenerate the stopped answer.
    const before = completions();
    await tabTo(page, '[aria-label=Regenerate]');
    await press(page, 'Enter');
    await expect.poll(() => focusedPart(page)).toBe('input');
    await expect.poll(() => answers.nth(1).locator('.actions').count()).toBe(1);
    await expect.poll(() => answers.nth(1).locator('.note').count(), { message: 'the regenerated answer is not the stopped one' }).toBe(0);
    expect(completions()).toBe(before + 1);
    await expectAllReachedAndNamed(page, 'a conversation with answers');

    // A new conversation, so that the list has two; its first answer fails, and Retry brings it.
    await tabTo(page, '[part~=new-conversation]');
    await press(page, 'Enter');
    await inWidget(page, '.welcome').waitFor();
    suite.server.servers.chat.script({ mode: 'error-before', status: 400 });
    await tabTo(page, '[part~=input]');
    await page.keyboard.type('Where are conversations stored?');
    await press(page, 'Enter');
    await inWidget(page, '.problem').waitFor();
    await tabTo(page, '.problem button');
    await press(page, 'Enter');
    await expect.poll(() => focusedPart(page)).toBe('input');
    await waitForAnswers(page, 1);
    expect(await inWidget(page, '.problem').count()).toBe(0);

    // The list: search narrows it (Escape clears the search, not the panel), then open the first conversation.
    await tabTo(page, '[aria-label=Conversations]');
    await press(page, 'Enter');
    await expect.poll(() => inWidget(page, '.open-conversation').count()).toBe(2);
    await expectAllReachedAndNamed(page, 'conversation list');
    await tabTo(page, '.search');
    await page.keyboard.type('embed');
    await expect.poll(() => inWidget(page, '.open-conversation').count()).toBe(1);
    await press(page, 'Escape');
    await expect.poll(() => inWidget(page, '.open-conversation').count()).toBe(2);
    await page.keyboard.type('embed');
    await expect.poll(() => inWidget(page, '.open-conversation').count()).toBe(1);
    await tabTo(page, '.open-conversation');
    await press(page, 'Enter');
    await expect.poll(() => focusedPart(page)).toBe('input');
    await expect.poll(() => inWidget(page, 'li.message.user').first().innerText()).toContain('How do I embed confab?');

    // Rename: Enter saves, Escape cancels.
    await tabTo(page, '[aria-label=Conversations]');
    await press(page, 'Enter');
    const firstTitle = inWidget(page, '.open-conversation .title').first();
    const oldTitle = await firstTitle.innerText();
    await tabTo(page, '[part~=rename]');
    await press(page, 'Enter');
    await page.keyboard.type('Renamed by keyboard');
    await press(page, 'Enter');
    await expect.poll(() => firstTitle.innerText()).toBe('Renamed by keyboard');
    await tabTo(page, '[part~=rename]');
    await press(page, 'Enter');
    await expectAllReachedAndNamed(page, 'rename form');
    await tabTo(page, '.rename-form input');
    await page.keyboard.type('Never saved');
    await press(page, 'Escape');
    expect(await firstTitle.innerText()).toBe('Renamed by keyboard');
    expect(await panel(page).isVisible(), 'Escape left the rename form only').toBe(true);

    // Delete, confirmed: the analytics server gets the DELETE of that conversation.
    const deletedId = [...analytics().conversations.values()].find((conversation) => conversation.messages[0]?.content === oldTitle)?.id;
    expect(deletedId, `the analytics conversation titled "${oldTitle}"`).toBeDefined();
    await tabTo(page, '[part~=delete]');
    await press(page, 'Enter');
    await inWidget(page, '.conversation.confirming').waitFor();
    await expectAllReachedAndNamed(page, 'delete confirmation');
    await tabTo(page, '.conversation.confirming .danger');
    await press(page, 'Enter');
    await expect.poll(() => inWidget(page, '.open-conversation').count()).toBe(1);
    await vi.waitFor(() => expect(analytics().deleted.map((deleted) => deleted.id)).toEqual([deletedId]), { timeout: 10_000 });

    // Escape closes the panel and gives the focus back to the launcher.
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).isHidden()).toBe(true);
    expect(await focusIsAt(page)).toBe('launcher');
    expect(await page.errors()).toEqual([]);
  }, 60_000);
});
