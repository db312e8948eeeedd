import type { Signal } from '@preact/signals-core';
import { render } from 'preact';
import { App } from './components/app';
import { WidgetContext, type WidgetContextValue } from './widget-context';

/** Renders the widget into the element's shadow root (again, after a change of language). */
export function mountWidget(root: ShadowRoot, context: Signal<WidgetContextValue>, dir: 'ltr' | 'rtl', lang: string): void {
  render(
    <WidgetContext value={context}>
      {/* title="": the host's `title` attribute (the widget's title) must not become a tooltip over all of it. */}
      <div class="root" dir={dir} lang={lang} title="">
        <App />
      </div>
    </WidgetContext>,
    root,
  );
}

/** Removes the widget's DOM (the element left the page). */
export function unmountWidget(root: ShadowRoot): void {
  render(null, root);
}
