/**
 * Accessibility probes for the widget in Chromium: axe-core's WCAG A/AA rules over
 * `<confab-chat>` (its shadow root included), and the names Chromium's accessibility tree
 * gives the controls a reader can reach with Tab.
 */
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

/** The rule sets the widget promises: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** What one axe-core scan of the widget found. */
export interface AxeScan {
  /** One line per failing node: `rule: target`. */
  violations: string[];
  /** How many nodes the rules looked at (passed, failed or undecided): a scan of nothing would pass vacuously. */
  checked: number;
}

/** Runs axe-core's WCAG A/AA rules over `<confab-chat>`, shadow root included; axe is injected once per page. */
export async function scanWidget(page: Page): Promise<AxeScan> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document.querySelector('confab-chat'), { runOnly: { type: 'tag', values: tags } });
    const nodes = (found: AxeResults['passes']) => found.reduce((sum, rule) => sum + rule.nodes.length, 0);
    return {
      violations: results.violations.flatMap((rule) => rule.nodes.map((node) => `${rule.id}: ${JSON.stringify(node.target)}`)),
      checked: nodes(results.passes) + nodes(results.violations) + nodes(results.incomplete),
    };
  }, WCAG_TAGS);
}

/**
 * The focusable nodes of the widget as Chromium's accessibility tree has them, each as
 * `role "name"`: what a screen reader announces when the reader tabs onto it.
 */
export async function focusableNodes(page: Page): Promise<Array<{ role: string; name: string }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send('Runtime.evaluate', { expression: "document.querySelector('confab-chat').shadowRoot.querySelector('.root')" });
    if (!result.objectId) throw new Error('The widget has not rendered: no .root in its shadow root.');
    const { nodes } = await cdp.send('Accessibility.queryAXTree', { objectId: result.objectId });
    return nodes
      .filter((node) => !node.ignored && node.properties?.some((property) => property.name === 'focusable' && property.value.value === true))
      .map((node) => ({ role: String(node.role?.value ?? ''), name: String(node.name?.value ?? '').trim() }));
  } finally {
    await cdp.detach();
  }
}
