import type { ChatEvent } from '../sdk/chat/create-chat';
import type { ConfabError } from '../sdk/http/errors';

/** The `detail` of each `confab-*` event `<confab-chat>` dispatches (bubbling, composed). */
export interface ConfabEventDetails {
  'confab-open': Record<string, never>;
  'confab-close': Record<string, never>;
  'confab-message': Extract<ChatEvent, { type: 'message' }>;
  'confab-feedback': Extract<ChatEvent, { type: 'feedback' }>;
  'confab-delete': Extract<ChatEvent, { type: 'delete' }>;
  'confab-error': { error: ConfabError; code: string; message: string; option?: string | undefined };
}
