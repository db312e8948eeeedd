// Issue 5, case 9: the script-tag widget on a page served with a strict Content-Security-Policy
// (no inline script or style, every fetch to the page's own origin). Every
// `securitypolicyviolation` is recorded from before the first script runs; the test first
// proves the policy is in force and the record works with two violations of its own, then
// uses the widget through open, ask, answer, feedback and the conversation list, and
// expects no violation and no console error from the widget.
import type { Locator } from '../browser/engines/locator';
import type { Page } from '../browser/engines/page';
import { describe, expect, it, vi } from 'vitest';
import { itExceptIn } from '../browser/engines/engine-cases';
import { STRICT_CSP, TRUSTED_TYPES_CSP } from './support/acceptance-server';
import { askAndWait, inWidget, openPanel, useAcceptanceSuite, waitForAnswers } from './support/browser';

interface Violation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  lineNumber: number;
}

declare global {
  interface Window {
    cspViolations: Violation[];
    inlineScriptRan?: boolean;
  }
}

const suite = useAcceptanceSuite();
const QUESTION = 'How do I embed confab?';

const violations = (page: Page) => page.evaluate(() => window.cspViolations);
const style = (locator: Locator, property: string) => locator.evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);
const TRANSPARENT = 'rgba(0, 0, 0, 0)';

/** Adds an inline script and an inline style, as an injection would; the policy must block both. */
function tryInlineCode(): { scriptRan: boolean; headingColor: string } {
  const script = document.createElement('script');
  script.textContent = 'window.inlineScriptRan = true;';
  document.head.append(script);
  const sheet = document.createElement('style');
  sheet.textContent = 'h1 { color: rgb(255, 0, 0); }';
  document.head.append(sheet);
  return { scriptRan: window.inlineScriptRan === true, headingColor: getComputedStyle(document.querySelector('h1')!).color };
}

/** Records every `securitypolicyviolation` from before the page's first script (init scripts run first, and CSP does not apply to them). */
function recordViolations() {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.cspViolations.push({ directive: event.effectiveDirective, blockedURI: event.blockedURI, sourceFile: event.sourceFile, lineNumber: event.lineNumber });
  });
}

/** A string into a sink that takes HTML, as an injection would: Trusted Types must refuse it. */
function tryHtmlString(): boolean {
  try {
    document.createElement('div').innerHTML = '<b>injected</b>';
    return false;
  } catch {
    return true;
  }
}

describe('the widget under a strict CSP', () => {
  it("9. default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self': the widget works and causes no violation", async () => {
    const context = await suite.newContext();
    // Init scripts run before the page's own, and CSP does not apply to them.
    await context.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.cspViolations.push({ directive: event.effectiveDirective, blockedURI: event.blockedURI, sourceFile: event.sourceFile, lineNumber: event.lineNumber });
      });
    });
    const page = await suite.openPage(context, '/strict.csp.html');
    expect(await page.evaluate(() => fetch(location.href).then((response) => response.headers.get('content-security-policy')))).toBe(STRICT_CSP);

    // The widget loaded and styled itself without a violation.
    const launcher = inWidget(page, '[part~=launcher]');
    expect(await style(launcher, 'position'), 'the launcher is styled (floating)').toBe('fixed');
    expect(await style(launcher, 'border-radius')).toBe('50%');
    expect(await style(launcher, 'background-color')).not.toBe(TRANSPARENT);
    expect(await violations(page)).toEqual([]);
    expect(await page.errors()).toEqual([]);

    // The policy is in force and the record works: the page's own inline code is blocked and reported.
    const probe = await page.evaluate(tryInlineCode);
    expect(probe.scriptRan, 'inline script blocked').toBe(false);
    expect(probe.headingColor, 'inline style blocked').not.toBe('rgb(255, 0, 0)');
    await vi.waitFor(
      async () =>
        expect((await violations(page)).map(({ directive, blockedURI }) => [directive, blockedURI])).toEqual([
          ['script-src-elem', 'inline'],
          ['style-src-elem', 'inline'],
        ]),
      { timeout: 10_000 },
    );
    // Only these two are the test's own: from here on, every violation and console error is the widget's.
    const deliberate = (await violations(page)).length;

    // Open, ask: the streamed answer arrives over connect-src 'self' and renders styled markdown.
    await openPanel(page);
    expect(await style(inWidget(page, '[part~=panel]'), 'position')).toBe('fixed');
    await askAndWait(page, QUESTION);
    const answer = inWidget(page, 'li.message.assistant .bubble').first();
    expect(await answer.locator(':is(p, pre, ul, ol)').count(), 'rendered as markdown elements').toBeGreaterThan(1);
    expect(await style(answer.locator('pre').first(), 'background-color'), 'a styled code block').not.toBe(TRANSPARENT);
    expect(await style(inWidget(page, 'li.message.user .bubble'), 'background-color'), 'a styled question').not.toBe(TRANSPARENT);
    const analytics = suite.server.servers.analytics.state;
    await vi.waitFor(() => expect([...analytics.conversations.values()][0]?.messages.map((message) => message.role)).toEqual(['user', 'assistant']), { timeout: 10_000 });

    // Feedback: thumbs down with a reason, through the reasons form.
    await inWidget(page, '[part~=feedback-negative]').click();
    await inWidget(page, '.reasons input[type=checkbox]').first().check();
    await inWidget(page, '.reasons textarea').fill('Needs the npm path too.');
    await inWidget(page, '.reasons button[type=submit]').click();
    await vi.waitFor(
      () =>
        expect([...analytics.feedback.values()].map(({ type, reasons, details }) => ({ type, reasons, details }))).toEqual([
          {
            type: 'negative',
            reasons: [
              { label: 'unrelated_response', details: '' },
              { label: 'details', details: 'Needs the npm path too.' },
            ],
            details: undefined,
          },
        ]),
      { timeout: 10_000 },
    );

    // The conversation list: listed, found by search, opened again.
    await inWidget(page, 'button[aria-label="Conversations"]').click();
    await expect.poll(() => inWidget(page, '[part~=conversation]').count()).toBe(1);
    await inWidget(page, 'input.search').fill('embed');
    await expect.poll(() => inWidget(page, '[part~=conversation]').count(), { message: 'search finds the conversation' }).toBe(1);
    await inWidget(page, '[part~=conversation]').click();
    await waitForAnswers(page, 1);
    expect(await inWidget(page, 'li.message.user').innerText()).toContain(QUESTION);

    expect((await violations(page)).slice(deliberate), 'violations caused by the widget').toEqual([]);
    expect(await page.errors()).toEqual([]);
  });

  // Issue 14: the loader imports its panel chunk (a module import(), no <script src> built
  // from a string), and nothing of the widget's hands a string to a DOM sink that takes code.
  itExceptIn({ firefox: 'Firefox ESR does not enforce Trusted Types', webkit: 'WebKitGTK here does not enforce Trusted Types' })(
    "10. the same policy with require-trusted-types-for 'script': the loader, its panel chunk and a markdown answer cause no violation",
    async () => {
      const context = await suite.newContext();
      await context.addInitScript(recordViolations);
      const page = await suite.openPage(context, '/strict.tt.csp.html');
      expect(await page.evaluate(() => fetch(location.href).then((response) => response.headers.get('content-security-policy')))).toBe(TRUSTED_TYPES_CSP);
      // Enforced: a string into innerHTML throws and is reported (the test's own violation).
      expect(await page.evaluate(tryHtmlString), 'Trusted Types enforced').toBe(true);
      await vi.waitFor(async () => expect((await violations(page)).map(({ directive }) => directive)).toEqual(['require-trusted-types-for']), { timeout: 10_000 });
      const deliberate = (await violations(page)).length;

      await openPanel(page);
      await askAndWait(page, QUESTION);
      const answer = inWidget(page, 'li.message.assistant .bubble').first();
      expect(await answer.locator(':is(p, pre, ul, ol)').count(), 'rendered as markdown elements').toBeGreaterThan(1);
      expect(await page.evaluate(() => performance.getEntriesByType('resource').some((entry) => /confab-panel-[\w-]+\.js$/.test(entry.name))), 'the panel came as its own chunk').toBe(true);
      await inWidget(page, 'button[aria-label="Conversations"]').click();
      await expect.poll(() => inWidget(page, '[part~=conversation]').count()).toBe(1);

      expect((await violations(page)).slice(deliberate), 'violations caused by the widget').toEqual([]);
      expect(await page.errors()).toEqual([]);
    },
  );
});
