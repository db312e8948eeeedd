// Installs the Preact options hooks that make components watch the signals they read.
import '@preact/signals';
import { Component, type ComponentChild, type RenderableProps } from 'preact';
import type { ProvidedContext, WidgetContextValue } from './widget-context';

/**
 * The base of the widget's components: the widget context is `this.context`, and the
 * component renders again when a signal its `view` read changes (the controller's state, the
 * UI state, or its own state, which it keeps in signals too). `@preact/signals` does the
 * watching: every component subscribes to exactly the signals its last render read, so while
 * an answer streams only the streaming text renders per token. It unsubscribes on unmount
 * through Preact's options hooks: a component's own `componentWillUnmount` has no base to call.
 */
export abstract class WidgetComponent<P = object> extends Component<P> {
  /** Provided by {@link WidgetContext}; every `view` reads its signal, so a new value renders everything again. */
  declare context: ProvidedContext;
  /** The control (a selector inside this component) to focus once the next render is on screen. */
  #focusNext: string | undefined;

  /** What the component shows, given its props and the context; the signals it reads are watched until the next render. */
  abstract view(props: P, context: WidgetContextValue): ComponentChild;

  override render(props: RenderableProps<P>): ComponentChild {
    return this.view(props, this.context.widget.value);
  }

  /**
   * `@preact/signals` asks for a render with an empty `setState` when a watched signal
   * changes; the components keep no Preact state, so every such call goes through
   * `forceUpdate`, which a component may pace (the streaming text renders once per frame).
   */
  override setState(): void {
    this.forceUpdate();
  }

  /** The widget context now, outside `view` (not watched). */
  protected get widget(): WidgetContextValue {
    return this.context.widget.peek();
  }

  /**
   * When a render swaps out the control the reader is at (a form closes, a confirmation
   * opens), the focus would fall to the page: this names where it goes instead.
   */
  protected focusAfterRender(selector: string): void {
    this.#focusNext = selector;
  }

  override componentDidUpdate(): void {
    const selector = this.#focusNext;
    this.#focusNext = undefined;
    const target = selector ? (this.base as Element | undefined)?.querySelector<HTMLElement>(selector) : undefined;
    target?.focus();
    if (target instanceof HTMLInputElement) target.select();
  }
}
