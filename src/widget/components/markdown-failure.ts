import { ConfabError, toConfabError } from '../../sdk/http/errors';
import type { WidgetContextValue } from '../widget-context';

/**
 * What a message's Markdown calls when it could not be shown (a bug of ours; the message is
 * shown as plain text instead): `confab-error` with code `render_failed`, and the console.
 */
export const reportMarkdownFailure =
  (act: WidgetContextValue['act']) =>
  (error: unknown): void =>
    act(Promise.reject(new ConfabError('render_failed', `A message could not be shown as Markdown, so it is shown as plain text: ${toConfabError(error).message}`, { cause: error })));
