import { signal } from '@preact/signals-core';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { IconButton } from './icon-button';

interface CopyButtonProps {
  text: string;
  label: string;
}

/** Copies `text`; says "Copied" for a moment after it worked. */
export class CopyButton extends WidgetComponent<CopyButtonProps> {
  #copied = signal(false);
  #timer: ReturnType<typeof setTimeout> | undefined;

  async #copy() {
    const copied = await this.widget.copy(this.props.text);
    // Timed from when it starts saying "Copied": another click meanwhile does not extend it.
    if (copied !== this.#copied.peek()) {
      clearTimeout(this.#timer);
      if (copied) this.#timer = setTimeout(() => (this.#copied.value = false), 2000);
    }
    this.#copied.value = copied;
  }

  override componentWillUnmount(): void {
    clearTimeout(this.#timer);
  }

  view({ label }: CopyButtonProps, { strings }: WidgetContextValue) {
    const copied = this.#copied.value;
    return (
      <IconButton icon="copy" label={copied ? strings.copied : label} onClick={() => void this.#copy()}>
        {copied && <span class="copied">{strings.copied}</span>}
      </IconButton>
    );
  }
}
