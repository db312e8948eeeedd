/**
 * What locators run inside the page, the same in every engine: finding elements (in the
 * document or in the widget's shadow root) and checking that one can be acted on. Each
 * function here is sent to the page as its source text, so it must not use anything from
 * outside its own body (no imports, no module-level helpers).
 */

/** One step of a locator: where to look, then how to narrow the elements found. */
export type Step =
  /** Elements matching `css`: the first step searches the document (or the widget's shadow root), later steps inside the elements so far. */
  | { css: string; root?: 'document' | 'widget' }
  | { nth: number }
  /** Elements whose text contains `hasText` (whitespace-normalised, case-insensitive). */
  | { hasText: string }
  /** Form controls labelled `label` (a `<label>` around or for them, or `aria-label`). */
  | { label: string }
  /** Elements of ARIA `role` whose accessible name contains `name`. */
  | { role: 'button'; name: string }
  /** The innermost elements whose text contains `text`. */
  | { text: string };

/** The elements `steps` find, in document order. */
export function locate(steps: Step[]): Element[] {
  const normalise = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const textOf = (element: Element) => normalise(element instanceof HTMLElement ? element.innerText : element.textContent);
  const nameOf = (element: Element) => normalise(element.getAttribute('aria-label') ?? textOf(element));
  const labelsOf = (element: Element): string[] => {
    const labels = 'labels' in element && element.labels ? [...(element.labels as NodeListOf<HTMLLabelElement>)] : [];
    return [...labels.map((label) => textOf(label)), normalise(element.getAttribute('aria-label'))];
  };
  const under = (found: Element[], selector: string) => found.flatMap((element) => [...element.querySelectorAll(selector)]);
  let found: Element[] = [];
  steps.forEach((step, index) => {
    if ('css' in step) {
      if (index > 0) {
        found = under(found, step.css);
        return;
      }
      if (step.root === 'widget') {
        const root = document.querySelector('confab-chat')?.shadowRoot;
        found = root ? [...root.querySelectorAll(step.css)] : [];
      } else {
        found = [...document.querySelectorAll(step.css)];
      }
    } else if ('nth' in step) {
      const element = step.nth < 0 ? found.at(step.nth) : found[step.nth];
      found = element ? [element] : [];
    } else if ('hasText' in step) {
      found = found.filter((element) => textOf(element).includes(normalise(step.hasText)));
    } else if ('label' in step) {
      const wanted = normalise(step.label);
      found = under(found, 'input, textarea, select, button').filter((control) => labelsOf(control).some((label) => label.includes(wanted)));
    } else if ('role' in step) {
      const wanted = normalise(step.name);
      found = under(found, 'button, input[type=button], input[type=submit], input[type=reset], [role=button]').filter((button) => nameOf(button).includes(wanted));
    } else {
      const wanted = normalise(step.text);
      const containing = under(found, '*').filter((element) => textOf(element).includes(wanted));
      found = containing.filter((element) => !containing.some((other) => other !== element && element.contains(other)));
    }
  });
  return found;
}

/** Whether `element` is rendered (a box of some size) and not `visibility: hidden`. */
export function isVisible(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
}

/** Where a click on the one element `steps` find lands, or why it cannot land yet. */
export type ClickPoint = { x: number; y: number } | { wait: string };

/**
 * Readies the one element for a click, as a reader would see it: rendered, enabled, scrolled
 * into view in every scroll box around it, still for two frames, and the topmost element at
 * its centre (inside the shadow root too), so the click reaches it and not something covering
 * it. A later `attempt` scrolls it to another place in its scroll boxes (centre, end, start),
 * in case something covers it where it is.
 */
export async function clickPoint(find: typeof locate, visible: typeof isVisible, steps: Step[], attempt: number): Promise<ClickPoint> {
  const found = find(steps);
  if (found.length === 0) return { wait: 'no element matches' };
  if (found.length > 1) throw new Error(`${found.length} elements match, and a click needs one`);
  const element = found[0]!;
  if (!visible(element)) return { wait: 'the element is not visible' };
  if ((element as HTMLButtonElement).disabled) return { wait: 'the element is disabled' };
  const places = ['nearest', 'center', 'end', 'start'] as const;
  element.scrollIntoView({ block: places[attempt % places.length] ?? 'nearest', inline: 'nearest' });
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
  const before = element.getBoundingClientRect();
  await frame();
  await frame();
  const box = element.getBoundingClientRect();
  if (box.x !== before.x || box.y !== before.y || box.width !== before.width || box.height !== before.height) return { wait: 'the element is moving' };
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  for (let node: Node | null = hit; node; node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)) {
    if (node === element) return { x, y };
  }
  return { wait: `another element would receive the click: ${hit?.outerHTML.slice(0, 120) ?? 'nothing'}` };
}
