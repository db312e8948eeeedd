/**
 * Accessibility probes for the widget, in any engine: axe-core's WCAG A/AA rules over
 * `<confab-chat>` (its shadow root included), and the role and name of every control a
 * reader can reach with Tab.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from '../../browser/engines/page';

/** The rule sets the widget promises: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core, run in the page as an expression: no script tag, so a page's CSP cannot refuse it. */
const AXE_SOURCE = `(() => { ${readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')}; return true; })()`;

async function injectAxe(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluateSource(AXE_SOURCE);
}

/** What one axe-core scan of the widget found. */
export interface AxeScan {
  /** One line per failing node: `rule: target`. */
  violations: string[];
  /** How many nodes the rules looked at (passed, failed or undecided): a scan of nothing would pass vacuously. */
  checked: number;
}

/** Runs axe-core's WCAG A/AA rules over `<confab-chat>`, shadow root included; axe is injected once per page. */
export async function scanWidget(page: Page): Promise<AxeScan> {
  await injectAxe(page);
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

/** A focusable node of the widget: what a screen reader announces when the reader tabs onto it. */
export interface FocusableNode {
  role: string;
  name: string;
}

/**
 * The focusable nodes of the widget, each with its role and name: from Chromium's
 * accessibility tree where the engine's automation exposes it (CDP), else as axe-core
 * computes them (the ARIA and accname rules the browsers implement). A node without a role
 * is `generic`.
 */
export async function focusableNodes(page: Page): Promise<FocusableNode[]> {
  const tree = await page.focusableAccessibleNodes("document.querySelector('confab-chat').shadowRoot.querySelector('.root')");
  if (tree) return tree;
  await injectAxe(page);
  return page.evaluate(() => {
    interface VirtualNode {
      actualNode: Element;
    }
    const axe = (window as unknown as {
      axe: {
        setup(root: Node): VirtualNode;
        teardown(): void;
        utils: { querySelectorAll(root: VirtualNode, selector: string): VirtualNode[] };
        commons: { dom: { isFocusable(node: VirtualNode): boolean }; aria: { getRole(node: VirtualNode): string | null }; text: { accessibleTextVirtual(node: VirtualNode): string } };
      };
    }).axe;
    const root = axe.setup(document.querySelector('confab-chat')!);
    try {
      return axe.utils
        .querySelectorAll(root, '*')
        .filter((node) => axe.commons.dom.isFocusable(node) && node.actualNode.getClientRects().length > 0)
        .map((node) => ({ role: axe.commons.aria.getRole(node) ?? 'generic', name: axe.commons.text.accessibleTextVirtual(node).trim() }));
    } finally {
      axe.teardown();
    }
  });
}
