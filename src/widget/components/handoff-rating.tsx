import { signal } from '@preact/signals-core';
import { format } from '../i18n';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';

/** The visitor's rating of the chat with the person (CSAT): 1 to 5, an optional comment. */
export class HandoffRating extends WidgetComponent<{ onRate: (score: number, comment: string) => void }> {
  #score = signal(0);
  #comment = signal('');

  view({ onRate }: HandoffRating['props'], { strings }: WidgetContextValue) {
    const texts = strings.handoff;
    const score = this.#score.value;
    return (
      <form
        class="handoff-rating"
        part="handoff-rating"
        onSubmit={(event) => {
          event.preventDefault();
          if (score) onRate(score, this.#comment.peek().trim());
        }}
      >
        <fieldset>
          <legend>{texts.rateTitle}</legend>
          <div class="scores">
            {[1, 2, 3, 4, 5].map((value) => (
              <button key={value} type="button" class="score" aria-pressed={score === value} aria-label={format(texts.rateScore, { score: value })} onClick={() => (this.#score.value = value)}>
                {value}
              </button>
            ))}
          </div>
        </fieldset>
        <textarea rows={2} value={this.#comment.value} aria-label={texts.rateComment} placeholder={texts.rateComment} onInput={(event) => (this.#comment.value = event.currentTarget.value)} />
        <button type="submit" class="text-button primary" disabled={!score}>
          {texts.rateSend}
        </button>
      </form>
    );
  }
}
