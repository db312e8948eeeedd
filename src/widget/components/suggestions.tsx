import { useValue } from '../use-value';
import { useWidget } from '../widget-context';

/** Starter questions for an empty conversation, follow-ups after an answer: clicking one sends it. */
export function Suggestions() {
  const { chat, strings } = useWidget();
  const questions = useValue(chat?.suggestions) ?? [];
  const status = useValue(chat?.status);
  if (!chat || questions.length === 0 || status === 'streaming') return null;
  return (
    <div class="suggestions" role="group" aria-label={strings.suggestions}>
      {questions.map((question) => (
        <button key={question} type="button" class="suggestion" part="suggestion" onClick={() => void chat.send(question).catch(() => undefined)}>
          {question}
        </button>
      ))}
    </div>
  );
}
