import type { UserProperties } from '../analytics/schemas';
import type { Clock } from '../clock';
import { ConfigError } from '../http/errors';
import type { ChatProvider } from '../providers/chat-provider';
import type { ChatEvent, FeedbackReasons } from './chat-interface';
import type { ChatState } from './chat-state';
import type { ChatAnalytics } from './conversation-logger';
import type { createMessageUpdates } from './message-updates';
import { reportRejections } from './report-rejections';

/** What {@link createFeedback} needs from the controller. */
export interface FeedbackOptions {
  state: ChatState;
  updates: ReturnType<typeof createMessageUpdates>;
  /** Where the vote is logged, if logging is on. */
  analytics(): ChatAnalytics | undefined;
  provider: ChatProvider;
  clock: Clock;
  user(): UserProperties;
  onEvent: ((event: ChatEvent) => void) | undefined;
  report(problem: unknown): void;
}

/**
 * A reader's vote on an answer: stored with the message, shown at once, logged (linked to its
 * conversation, so deleting that takes the vote along) and sent to a backend that takes
 * feedback. `null` withdraws it.
 */
export function createFeedback(options: FeedbackOptions) {
  const { state, updates, provider } = options;
  return async function setFeedback(messageId: string, rating: 'positive' | 'negative' | null, reasons: FeedbackReasons = {}) {
    const message = state.messages.peek().find((item) => item.id === messageId);
    if (!message || message.role !== 'assistant') throw new ConfigError('messageId', `setFeedback needs the id of an answer in the open conversation, got "${messageId}".`);
    const labels = rating === 'negative' ? (reasons.labels ?? []) : [];
    const details = reasons.details?.trim() || undefined;
    const feedback = rating ? { rating, reasons: labels, details, at: options.clock.now() } : undefined;
    updates.show({ ...message, feedback });
    await updates.patch(message, (latest) => ({ ...latest, feedback })).catch(options.report);
    const { conversationId } = message;
    options.onEvent?.({ type: 'feedback', conversationId, messageId, rating, reasons: labels, details });
    const sends: Array<Promise<unknown>> = [];
    const analytics = options.analytics();
    if (analytics) {
      sends.push(
        rating
          ? analytics.logFeedback(
              {
                type: rating,
                messageId,
                reasons: labels.map((label) => ({ label, details: '' })),
                // Sent only when typed: one docs page marks it required, the SDK optional (contract §7.3).
                ...(details && { details }),
                userProperties: options.user(),
              },
              { conversationId },
            )
          : analytics.withdrawFeedback(messageId, { conversationId }),
      );
    }
    if (provider.feedback && message.providerMessageId) sends.push(provider.feedback(message.providerMessageId, rating, details));
    await reportRejections(sends, options.report);
  };
}
