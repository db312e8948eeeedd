import type { AnalyticsCore } from '../../sdk/analytics/analytics-core';
import type { Chat } from '../../sdk/chat/create-chat';
import { createHandoffClient } from '../../sdk/handoff/handoff-client';
import type { ConfabError } from '../../sdk/http/errors';
import type { ResolvedConfig } from '../config';
import { createHandoffController, type HandoffController } from './handoff-controller';
import { registerHandoff } from './handoff-registry';

/**
 * The human handoff of the widget's chat, when `handoff` offers a person and `server` is
 * set (its /handoff routes), else `undefined`: nothing is asked of the server.
 */
export function startHandoff(
  chat: Chat,
  config: ResolvedConfig,
  serverToken: (() => string | Promise<string>) | undefined,
  analytics: () => Pick<AnalyticsCore, 'logEvent'> | undefined,
  lang: () => string | undefined,
  onError: (error: ConfabError) => void,
): HandoffController | undefined {
  if (!config.server || !serverToken || config.handoff.length === 0) return undefined;
  const client = createHandoffClient({ baseUrl: config.server, getToken: serverToken });
  const handoff = createHandoffController({
    chat,
    client,
    offers: config.handoff,
    analytics,
    locale: () => lang() ?? (typeof document === 'undefined' ? undefined : document.documentElement.lang || undefined),
    onError,
  });
  registerHandoff(chat, handoff);
  return handoff;
}
