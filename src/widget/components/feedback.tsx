import { signal } from '@preact/signals-core';
import type { ChatMessage } from '../../sdk/chat/chat-types';
import { FEEDBACK_REASONS } from '../i18n';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { IconButton } from './icon-button';
import { onEscape } from './on-escape';


/**
 * Thumbs up and down. A vote counts at once; a second click on the same thumb withdraws
 * it; thumbs down opens the reasons, which refine the vote when sent.
 */
export class Feedback extends WidgetComponent<{ message: ChatMessage }> {
  #asking = signal(false);
  #thanked = signal(false);

  view({ message }: { message: ChatMessage }, { chat, strings, act }: WidgetContextValue) {
    const asking = this.#asking;
    const thanked = this.#thanked;
    const rating = message.feedback?.rating;
    const vote = (next: 'positive' | 'negative' | null) => {
      thanked.value = next !== null;
      act(chat?.setFeedback(message.id, next));
    };
    // Sent or cancelled, the reasons close and the focus goes back to the thumb that opened them.
    const closeReasons = () => {
      this.focusAfterRender('[part=feedback-negative]');
      asking.value = false;
    };

    return (
      <div class="feedback">
        <IconButton
          icon="thumb"
          part="feedback-positive"
          label={strings.helpful}
          aria-pressed={rating === 'positive'}
          onClick={() => {
            asking.value = false;
            vote(rating === 'positive' ? null : 'positive');
          }}
        />
        <IconButton
          icon="thumb"
          class="thumb-down"
          part="feedback-negative"
          label={strings.notHelpful}
          aria-pressed={rating === 'negative'}
          aria-expanded={asking.value}
          onClick={() => {
            asking.value = rating !== 'negative';
            if (asking.peek()) this.focusAfterRender('.reasons input');
            vote(rating === 'negative' ? null : 'negative');
          }}
        />
        {thanked.value && !asking.value && (
          <span class="thanks" role="status">
            {strings.feedbackThanks}
          </span>
        )}
        {asking.value && (
          <ReasonsForm
            initial={message.feedback?.reasons ?? []}
            onSubmit={(labels, details) => {
              closeReasons();
              thanked.value = true;
              act(chat?.setFeedback(message.id, 'negative', { labels, details }));
            }}
            onCancel={closeReasons}
          />
        )}
      </div>
    );
  }
}

interface ReasonsProps {
  initial: readonly string[];
  onSubmit: (labels: string[], details: string) => void;
  onCancel: () => void;
}

class ReasonsForm extends WidgetComponent<ReasonsProps> {
  #labels = signal([...this.props.initial]);
  #details = signal('');

  view({ onSubmit, onCancel }: ReasonsProps, { strings }: WidgetContextValue) {
    const labels = this.#labels.value;
    const details = this.#details.value;
    return (
      <form
        class="reasons"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(labels, details);
        }}
        onKeyDown={onEscape(onCancel)}
      >
        <fieldset>
          <legend>{strings.feedbackReasonsTitle}</legend>
          {FEEDBACK_REASONS.map((reason) => (
            <label key={reason} class="reason">
              <input
                type="checkbox"
                checked={labels.includes(reason)}
                onChange={(event) => (this.#labels.value = event.currentTarget.checked ? [...labels, reason] : labels.filter((label) => label !== reason))}
              />
              {strings.reasons[reason]}
            </label>
          ))}
        </fieldset>
        <textarea rows={2} value={details} aria-label={strings.feedbackDetails} placeholder={strings.feedbackDetails} onInput={(event) => (this.#details.value = event.currentTarget.value)} />
        <div class="row">
          <button type="submit" class="text-button primary">
            {strings.submitFeedback}
          </button>
          <button type="button" class="text-button" onClick={onCancel}>
            {strings.cancel}
          </button>
        </div>
      </form>
    );
  }
}
