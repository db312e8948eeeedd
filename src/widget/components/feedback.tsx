import { useState } from 'preact/hooks';
import type { ChatMessage } from '../../sdk/chat/chat-types';
import { useWidget } from '../widget-context';
import { Icon } from './icons';

/** The standard reasons of a negative vote (contracts/analytics.md §4). */
const REASONS = ['unrelated_response', 'inaccurate_statement', 'inaccurate_code_snippet', 'irrelevant_citations'] as const;

/**
 * Thumbs up and down. A vote counts at once; a second click on the same thumb withdraws
 * it; thumbs down opens the reasons, which refine the vote when sent.
 */
export function Feedback({ message }: { message: ChatMessage }) {
  const { chat, strings } = useWidget();
  const [asking, setAsking] = useState(false);
  const [thanked, setThanked] = useState(false);
  const rating = message.feedback?.rating;

  const vote = (next: 'positive' | 'negative' | null) => {
    setThanked(next !== null);
    void chat?.setFeedback(message.id, next);
  };

  return (
    <div class="feedback">
      <button
        type="button"
        class="icon-button"
        part="feedback-positive"
        aria-label={strings.helpful}
        title={strings.helpful}
        aria-pressed={rating === 'positive'}
        onClick={() => {
          setAsking(false);
          vote(rating === 'positive' ? null : 'positive');
        }}
      >
        <Icon name="thumbUp" />
      </button>
      <button
        type="button"
        class="icon-button"
        part="feedback-negative"
        aria-label={strings.notHelpful}
        title={strings.notHelpful}
        aria-pressed={rating === 'negative'}
        aria-expanded={asking}
        onClick={() => {
          setAsking(rating !== 'negative');
          vote(rating === 'negative' ? null : 'negative');
        }}
      >
        <Icon name="thumbDown" />
      </button>
      {thanked && !asking && <span class="thanks" role="status">{strings.feedbackThanks}</span>}
      {asking && (
        <ReasonsForm
          initial={message.feedback?.reasons ?? []}
          onSubmit={(labels, details) => {
            setAsking(false);
            setThanked(true);
            void chat?.setFeedback(message.id, 'negative', { labels, details });
          }}
          onCancel={() => setAsking(false)}
        />
      )}
    </div>
  );
}

function ReasonsForm({ initial, onSubmit, onCancel }: { initial: readonly string[]; onSubmit: (labels: string[], details: string) => void; onCancel: () => void }) {
  const { strings } = useWidget();
  const [labels, setLabels] = useState<string[]>([...initial]);
  const [details, setDetails] = useState('');
  return (
    <form
      class="reasons"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(labels, details);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <fieldset>
        <legend>{strings.feedbackReasonsTitle}</legend>
        {REASONS.map((reason) => (
          <label key={reason} class="reason">
            <input
              type="checkbox"
              checked={labels.includes(reason)}
              onChange={(event) => setLabels(event.currentTarget.checked ? [...labels, reason] : labels.filter((label) => label !== reason))}
            />
            {strings.reasons[reason]}
          </label>
        ))}
      </fieldset>
      <textarea rows={2} value={details} aria-label={strings.feedbackDetails} placeholder={strings.feedbackDetails} onInput={(event) => setDetails(event.currentTarget.value)} />
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
