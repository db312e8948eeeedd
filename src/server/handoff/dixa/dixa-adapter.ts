/**
 * The Dixa implementation of {@link HandoffAdapter} (contracts/dixa.md §4, §7): a
 * conversation per handoff for the operator's requester, the transcript as internal
 * notes, visitor messages with `externalId`, polling for agents' messages and the state,
 * close and reopen, the rating read, the widget's CSAT as a note (Dixa's ratings are
 * read-only, §4.8), and anonymization with `force` (§4.9).
 */
import type { HandoffAdapter, VisitorRating } from '../handoff-adapter';
import { HandoffError } from '../handoff-error';
import { readDixaActivity, type AgentNames } from './dixa-activity';
import { createDixaClient } from './dixa-client';
import type { ResolvedDixaOptions } from './dixa-options';
import { ratingListSchema } from './dixa-schemas';
import { externalIdOf, sendDixaMessage, startDixaConversation } from './dixa-start';

/** What the adapter runs on. */
export interface DixaAdapterDeps {
  options: ResolvedDixaOptions;
  fetch: typeof globalThis.fetch;
  now?: (() => number) | undefined;
  /** Problems the operator should fix that do not stop a handoff (a refused tag, note author). */
  warn(error: HandoffError): void;
}

/** The note an agent reads for the widget's CSAT. */
function ratingNote(rating: VisitorRating): string {
  const comment = rating.comment?.trim();
  return `Visitor rating, collected by the confab widget: ${rating.score} of 5.${comment ? `\nComment: ${comment}` : ''}`;
}

/** Dixa's reason when a conversation's channel takes no messages (§3.4). */
const UNSUPPORTED_CHANNEL = 'Unsupported ConversationChannel';

/** Creates the adapter. */
export function createDixaAdapter(deps: DixaAdapterDeps): HandoffAdapter {
  const { options, warn } = deps;
  const client = createDixaClient(options, deps.fetch, deps.now);
  const names: AgentNames = new Map();
  const conversation = (ticketId: string) => `/v1/conversations/${ticketId}`;

  return {
    helpdesk: 'dixa',
    async start(request, progress) {
      return { ticketId: await startDixaConversation({ client, options, warn }, request, progress) };
    },
    async sendMessage(ticketId, handoffId, message) {
      try {
        await sendDixaMessage(client, ticketId, externalIdOf(handoffId, message.id), message.text);
      } catch (error) {
        if (error instanceof HandoffError && error.reason === UNSUPPORTED_CHANNEL) {
          throw new HandoffError('config', `${error.message} The conversation's channel takes no messages: check handoff.dixa.createShape and contactEndpointId.`, { status: error.status, reason: error.reason, setting: 'handoff.dixa.createShape' });
        }
        throw error;
      }
    },
    readActivity(ticketId, cursor) {
      return readDixaActivity(client, names, options.requesterId, ticketId, cursor);
    },
    async close(ticketId) {
      await client.call({ method: 'PUT', path: `${conversation(ticketId)}/close`, what: 'close the conversation' });
    },
    async reopen(ticketId) {
      await client.call({ method: 'PUT', path: `${conversation(ticketId)}/reopen`, what: 'reopen the conversation' });
    },
    async readRating(ticketId) {
      const ratings = await client.read({ method: 'GET', path: `${conversation(ticketId)}/rating`, what: 'read the rating' }, ratingListSchema);
      const rated = ratings.filter((rating) => typeof rating.ratingScore === 'number').at(-1);
      return rated && typeof rated.ratingScore === 'number' ? { score: rated.ratingScore, comment: rated.ratingComment ?? null } : undefined;
    },
    async recordRating(ticketId, rating) {
      const body = { message: ratingNote(rating), ...(options.noteAgentId === undefined ? {} : { agentId: options.noteAgentId }) };
      try {
        await client.call({ method: 'POST', path: `${conversation(ticketId)}/notes`, body, what: 'add the rating note' });
      } catch (error) {
        if (!(error instanceof HandoffError) || error.kind !== 'rejected' || options.noteAgentId === undefined) throw error;
        warn(new HandoffError('config', `${error.message} Check handoff.dixa.noteAgentId; the rating note is written as the token's user instead.`, { status: error.status, reason: error.reason, setting: 'handoff.dixa.noteAgentId' }));
        await client.call({ method: 'POST', path: `${conversation(ticketId)}/notes`, body: { message: body.message }, what: 'add the rating note' });
      }
    },
    async anonymize(ticketId) {
      try {
        await client.call({ method: 'PATCH', path: `${conversation(ticketId)}/anonymize`, query: { force: 'true' }, what: 'anonymize the conversation' });
        return 'requested';
      } catch (error) {
        if (error instanceof HandoffError && error.kind === 'conflict') return 'already_requested';
        if (error instanceof HandoffError && error.kind === 'not_found') return 'not_found';
        throw error;
      }
    },
  };
}
