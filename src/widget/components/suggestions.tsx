import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';

/** Starter questions for an empty conversation, follow-ups after an answer: clicking one sends it. */
export class Suggestions extends WidgetComponent {
  view(_props: object, { chat, strings, act }: WidgetContextValue) {
    const questions = chat?.suggestions.value ?? [];
    if (!chat || questions.length === 0 || chat.status.value === 'streaming') return null;
    return (
      <div class="suggestions" role="group" aria-label={strings.suggestions}>
        {questions.map((question) => (
          <button key={question} type="button" class="suggestion" part="suggestion" dir="auto" onClick={() => act(chat.send(question))}>
            {question}
          </button>
        ))}
      </div>
    );
  }
}
