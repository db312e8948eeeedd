import { HttpError } from '../../http/errors';
import type { ChatProvider } from '../chat-provider';
import { createPulseClient, type PulseClient, type PulseClientOptions } from './pulse-client';
import { pulseConversations } from './remote-conversations';
import { readParameters, readResult, readSuggested } from './response-schemas';
import { signedFetch, type RequestSigner } from './signed-fetch';
import { streamReply } from './stream-reply';

/** How the provider talks to PulseAI, besides where and as whom (the client's options). */
export interface PulseReplyOptions {
  /** App variables (`/parameters` → `user_input_form`); PulseAI only reads them when a conversation starts. */
  inputs?: Record<string, unknown> | undefined;
  /** Longest silence inside the stream, keep-alives included. Default 30 s (PulseAI pings every ~10 s). */
  stallTimeoutMs?: number | undefined;
  /** Let PulseAI name new conversations after their first answer. Default `true`. */
  autoGenerateName?: boolean | undefined;
  clock?: PulseClientOptions['clock'];
}

/** Options of {@link pulseProvider}. Give `apiKey` or `getToken` only when not behind a proxy. */
export interface PulseProviderOptions extends PulseClientOptions, PulseReplyOptions {
  /** Adds headers to every request, e.g. {@link hmacSigner}'s `X-Timestamp`/`X-Signature`. */
  sign?: RequestSigner | undefined;
}

/**
 * A provider for the PulseAI / Dify chat-app API (contracts/pulse.md): streamed answers
 * with agent thoughts, files, citations and usage; stop through the `task_id`; feedback;
 * follow-up suggestions; the app's greeting; and the conversations PulseAI stores.
 */
export function pulseProvider(options: PulseProviderOptions): ChatProvider {
  const { sign } = options;
  // A signer wraps fetch, below the client, which never knows.
  return pulseProviderOn(createPulseClient(sign ? { ...options, fetch: signedFetch(options.baseUrl, sign, options.fetch) } : options), options);
}

/**
 * {@link pulseProvider} on a client made already. The widget builds its provider this way:
 * its settings cannot carry a signer, so the script-tag bundle goes without the signing.
 */
export function pulseProviderOn(client: PulseClient, options: PulseReplyOptions = {}): ChatProvider {
  const { user } = client;
  const stoppedTasks = new Set<string>();
  const replyOptions = {
    inputs: options.inputs ?? {},
    autoGenerateName: options.autoGenerateName ?? true,
    stallTimeoutMs: options.stallTimeoutMs,
    clock: options.clock,
    stoppedTasks,
  };
  const messagePath = (id: string) => `/messages/${encodeURIComponent(id)}`;

  return {
    name: 'pulse',
    stream: (request) => streamReply(client, request, replyOptions),

    async stop(taskId) {
      // Marked first: the stream may reach its `message_end` before this request returns.
      stoppedTasks.add(taskId);
      await client.json({ method: 'POST', path: `/chat-messages/${encodeURIComponent(taskId)}/stop`, body: JSON.stringify({ user }) }, readResult);
    },

    async feedback(providerMessageId, rating, comment) {
      const body = {
        rating: rating === 'positive' ? 'like' : rating === 'negative' ? 'dislike' : null,
        user,
        ...(comment === undefined ? {} : { content: comment }),
      };
      await client.json({ method: 'POST', path: `${messagePath(providerMessageId)}/feedbacks`, body: JSON.stringify(body) }, readResult);
    },

    async suggestions(providerMessageId, signal) {
      try {
        const { data } = await client.json({ method: 'GET', path: `${messagePath(providerMessageId)}/suggested`, query: { user }, signal }, readSuggested);
        return data;
      } catch (error) {
        // §9: an app with follow-ups switched off answers 400 rather than an empty list.
        if (error instanceof HttpError && error.status === 400 && /suggested questions is disabled/i.test(error.detail)) return [];
        throw error;
      }
    },

    async welcome(signal) {
      const parameters = await client.json({ method: 'GET', path: '/parameters', signal }, readParameters);
      // The app editor keeps empty starter slots as "".
      const starters = (parameters.suggested_questions ?? []).filter((question) => question.trim() !== '');
      return { text: parameters.opening_statement || undefined, starters };
    },

    conversations: pulseConversations(client),
  };
}
