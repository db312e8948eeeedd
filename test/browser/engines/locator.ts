/**
 * Playwright-style locators, the same in every engine: a locator is a description (steps,
 * see in-page.ts), resolved in the page each time it is used, so it always finds the
 * elements as they are now. Reads and actions that need one element wait until exactly one
 * matches (more than one is a mistake in the test and fails at once); actions wait until a
 * reader could do them (in-page.ts `clickPoint`) and then use the engine's native mouse and
 * keyboard, so the page sees trusted events.
 */
import { clickPoint, isVisible, locate, type ClickPoint, type Step } from './in-page';
import type { Page } from './page';
import { DEFAULT_TIMEOUT_MS, poll } from './poll';

type State = 'attached' | 'detached' | 'visible' | 'hidden';

/** What `onOne` found: the one element's value, or that none matches yet. */
type One<T> = { found: true; value: T } | { found: false };

/** Runs `fn(element, arg)` on the one element `steps` find; throws when more than one matches. */
async function onOne(find: typeof locate, steps: Step[], fn: (element: Element, arg: unknown) => unknown, arg: unknown): Promise<One<unknown>> {
  const found = find(steps);
  if (found.length > 1) throw new Error(`${found.length} elements match, and this needs one`);
  const element = found[0];
  return element ? { found: true, value: await fn(element, arg) } : { found: false };
}

/** Where the elements stand with respect to `state`: true when it holds. */
function inState(find: typeof locate, visible: typeof isVisible, steps: Step[], state: State): boolean {
  const found = find(steps);
  if (found.length > 1 && state !== 'detached' && state !== 'hidden') throw new Error(`${found.length} elements match, and this needs one`);
  const element = found[0];
  if (state === 'attached') return element !== undefined;
  if (state === 'detached') return element === undefined;
  if (state === 'visible') return element !== undefined && visible(element);
  return found.every((each) => !visible(each));
}

/** Focuses the one element, and sets its value as typing would end (an `input` event), if it is rendered and enabled. */
function fillOne(find: typeof locate, visible: typeof isVisible, steps: Step[], value: string): string | undefined {
  const found = find(steps);
  if (found.length > 1) throw new Error(`${found.length} elements match, and fill needs one`);
  const field = found[0] as HTMLInputElement | HTMLTextAreaElement | undefined;
  if (!field) return 'no element matches';
  if (!visible(field)) return 'the element is not visible';
  if (field.disabled || field.readOnly) return 'the element is not editable';
  field.focus();
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  return undefined;
}

export class Locator {
  constructor(
    readonly page: Page,
    readonly steps: Step[],
    readonly description: string,
  ) {}

  #with(step: Step, what: string): Locator {
    return new Locator(this.page, [...this.steps, step], `${this.description}.${what}`);
  }

  /** The elements matching `css` inside these, optionally only those containing `hasText`. */
  locator(css: string, { hasText }: { hasText?: string } = {}): Locator {
    const inside = this.#with({ css }, `locator(${JSON.stringify(css)})`);
    return hasText === undefined ? inside : inside.filter({ hasText });
  }

  /** Those of these whose text contains `hasText` (case-insensitive). */
  filter({ hasText }: { hasText: string }): Locator {
    return this.#with({ hasText }, `filter(${JSON.stringify(hasText)})`);
  }

  nth(index: number): Locator {
    return this.#with({ nth: index }, `nth(${index})`);
  }

  first(): Locator {
    return this.nth(0);
  }

  last(): Locator {
    return this.nth(-1);
  }

  /** The form controls inside these labelled `label`. */
  getByLabel(label: string): Locator {
    return this.#with({ label }, `getByLabel(${JSON.stringify(label)})`);
  }

  /** The buttons inside these whose accessible name contains `name`. */
  getByRole(role: 'button', { name }: { name: string }): Locator {
    return this.#with({ role, name }, `getByRole(button, ${JSON.stringify(name)})`);
  }

  /** The innermost elements inside these whose text contains `text`. */
  getByText(text: string): Locator {
    return this.#with({ text }, `getByText(${JSON.stringify(text)})`);
  }

  /** How many elements match now. */
  count(): Promise<number> {
    return this.#all((elements) => elements.length);
  }

  /** The `innerText` of every element matching now. */
  allInnerTexts(): Promise<string[]> {
    return this.#all((elements) => elements.map((element) => (element as HTMLElement).innerText));
  }

  /** Whether exactly one element matches and is visible now (none: false). */
  async isVisible(): Promise<boolean> {
    const source = `(${inState.toString()})(${locate.toString()}, ${isVisible.toString()}, ${JSON.stringify(this.steps)}, 'visible')`;
    return (await this.page.evaluateSource(source)) as boolean;
  }

  async isHidden(): Promise<boolean> {
    return !(await this.isVisible());
  }

  /** Waits until the elements are in `state`: `visible` (the default: one element, rendered), `attached`, `hidden` or `detached`. */
  async waitFor({ state = 'visible', timeout = DEFAULT_TIMEOUT_MS }: { state?: State; timeout?: number } = {}): Promise<void> {
    const source = `(${inState.toString()})(${locate.toString()}, ${isVisible.toString()}, ${JSON.stringify(this.steps)}, ${JSON.stringify(state)})`;
    await poll(async () => ((await this.page.evaluateSource(source)) ? true : undefined), () => `${this.description} to be ${state}`, timeout);
  }

  /** Calls `fn(element, arg)` in the page on the one matching element, once there is one; returns its awaited value through JSON. */
  async evaluate<R, A = undefined>(fn: (element: Element, arg: A) => R | Promise<R>, arg?: A, { timeout = DEFAULT_TIMEOUT_MS } = {}): Promise<R> {
    const source = `(${onOne.toString()})(${locate.toString()}, ${JSON.stringify(this.steps)}, ${fn.toString()}, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`;
    const one = await poll(
      async () => {
        const result = (await this.page.evaluateSource(source)) as One<R>;
        return result.found ? result : undefined;
      },
      () => `${this.description} to match an element`,
      timeout,
    );
    return one.value;
  }

  innerText(): Promise<string> {
    return this.evaluate((element) => (element as HTMLElement).innerText);
  }

  textContent(): Promise<string | null> {
    return this.evaluate((element) => element.textContent);
  }

  inputValue(): Promise<string> {
    return this.evaluate((element) => (element as HTMLInputElement).value);
  }

  getAttribute(name: string): Promise<string | null> {
    return this.evaluate((element, attribute) => element.getAttribute(attribute), name);
  }

  /** The element's box in viewport coordinates, or null when it is not rendered. */
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> {
    return this.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 || box.height > 0 ? { x: box.x, y: box.y, width: box.width, height: box.height } : null;
    });
  }

  /** Clicks the element's centre with the engine's mouse, once a reader could (see `clickPoint`). */
  async click({ timeout = DEFAULT_TIMEOUT_MS } = {}): Promise<void> {
    let waiting = '';
    let attempt = 0;
    const point = await poll(
      async () => {
        const source = `(${clickPoint.toString()})(${locate.toString()}, ${isVisible.toString()}, ${JSON.stringify(this.steps)}, ${attempt++})`;
        const found = (await this.page.evaluateSource(source)) as ClickPoint;
        if ('wait' in found) {
          waiting = found.wait;
          return undefined;
        }
        return found;
      },
      () => `${this.description} to be clickable (${waiting})`,
      timeout,
    );
    await this.page.clickAt(point.x, point.y);
  }

  /** Ticks a checkbox by clicking it, unless it is ticked already. */
  async check(): Promise<void> {
    if (await this.evaluate((box) => (box as HTMLInputElement).checked)) return;
    await this.click();
    if (!(await this.evaluate((box) => (box as HTMLInputElement).checked))) throw new Error(`${this.description}: the click did not tick it`);
  }

  /** Focuses the element and gives it `value` (one `input` event, as when typing ends), like Playwright's fill. */
  async fill(value: string, { timeout = DEFAULT_TIMEOUT_MS } = {}): Promise<void> {
    const source = `(${fillOne.toString()})(${locate.toString()}, ${isVisible.toString()}, ${JSON.stringify(this.steps)}, ${JSON.stringify(value)})`;
    let waiting = '';
    await poll(
      async () => {
        const reason = (await this.page.evaluateSource(source)) as string | undefined;
        waiting = reason ?? '';
        return reason === undefined ? true : undefined;
      },
      () => `${this.description} to be editable (${waiting})`,
      timeout,
    );
  }

  /** Focuses the element. */
  async focus(): Promise<void> {
    await this.evaluate((element) => (element as HTMLElement).focus());
  }

  /** Focuses the element and presses `keys` on it (see `Page.keyboard.press`). */
  async press(keys: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.press(keys);
  }

  async #all<R>(fn: (elements: Element[]) => R): Promise<R> {
    return (await this.page.evaluateSource(`(${fn.toString()})((${locate.toString()})(${JSON.stringify(this.steps)}))`)) as R;
  }
}
