import type { HttpAuth } from '../sdk/http/create-http';
import type { ChatProvider } from '../sdk/providers/chat-provider';
import { createPulseClient } from '../sdk/providers/pulse/pulse-client';
import { pulseProviderOn } from '../sdk/providers/pulse/pulse-provider';

/** Where the widget's PulseAI provider talks, and as whom. */
export interface WidgetPulseOptions extends HttpAuth {
  baseUrl: string;
  /** The visitor id (or `user-id`) PulseAI keeps the conversations under. */
  user: string;
}

/**
 * The PulseAI chunk: loaded only where `provider="pulse"`, so a site on an OpenAI-compatible
 * backend never loads PulseAI's events, history and conversation list.
 */
export function widgetPulseProvider(options: WidgetPulseOptions): ChatProvider {
  return pulseProviderOn(createPulseClient(options));
}
