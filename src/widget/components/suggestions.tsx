import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';

/** Starter questions for an empty conversation, follow-ups after an answer: clicking one sends it. */
export class Suggestions extends WidgetComponent {
  view(_props: object, { chat, strings, act }: WidgetContextValue) {
    // Status first: while an answer streams the suggestions change with every token, and
    // reading them would render this component per token only to show nothing.
    if (!chat || chat.status.value === 'streaming') return null;
    const questions = chat.suggestions.value;
    if (questions.length === 0) return null;
    // Starters (an empty conversation) stand as a list under the welcome; follow-ups as chips.
    const starters = chat.messages.value.length === 0;
    return (
      <div class={starters ? 'suggestions starters' : 'suggestions'} role="group" aria-label={strings.suggestions}>
        {questions.map((question) => (
          <button key={question} type="button" class="suggestion" part="suggestion" dir="auto" onClick={() => act(chat.send(question))}>
            {question}
          </button>
        ))}
      </div>
    );
  }
}
